package kz.jospar.mail;

import java.util.Set;
import kz.jospar.reporting.ReportProcess;

/**
 * Whether a mail still tells of something that waits, decided when it would go out (alone or in a
 * digest), not when it was written: an outbox that waited for a server, or a digest that waited for
 * its morning, must not send "a task for you" about a task somebody did yesterday. A mail about a
 * task waits while the task is open in the engine; a reminder also while its report still waits for
 * the body (open or returned). An acceptance, and a mail about no task, is news and always goes.
 */
final class Staleness {

  private Staleness() {}

  /** What a mail is about, as it stands now. {@code taskOpen} is null for a mail about no task. */
  record Now(MailKind kind, String taskId, Boolean taskOpen, String reportState) {}

  private static final Set<String> WAITING_FOR_THE_BODY = Set.of(ReportProcess.State.open.name(), ReportProcess.State.returned.name());

  /** Why the mail should not go out, or null when what it says still holds. */
  static String why(Now now) {
    if (now.taskId() != null && Boolean.FALSE.equals(now.taskOpen())) {
      return "task " + now.taskId() + " is no longer open";
    }
    if (now.kind() == MailKind.reminder && now.reportState() != null && !WAITING_FOR_THE_BODY.contains(now.reportState())) {
      return "the report is " + now.reportState() + " already";
    }
    return null;
  }
}
