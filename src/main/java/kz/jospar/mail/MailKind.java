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
  /** a step's control deadline: near (level 0), passed (1), level 2 */
  deadline,
  /** an extension request: asked (to the coordinator), granted or refused (to the body) */
  extension,
  /** one person's mails of a day in one message */
  digest
}
