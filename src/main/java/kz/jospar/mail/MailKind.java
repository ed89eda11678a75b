package kz.jospar.mail;

/** What a mail is about; stored in {@code jospar_mail_outbox.kind}. */
enum MailKind {
  /** a task arrived for the recipient's body or group */
  task,
  /** the report's deadline is near */
  reminder,
  /** a report is overdue: the supervisors (level 1) or the coordinator (level 2) must act */
  escalation,
  /** the report came back, with the reason */
  returned,
  /** the report was accepted */
  accepted,
  /** one person's mails of a day in one message */
  digest
}
