package kz.jospar.forms;

import java.util.Optional;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.reporting.ReportProcess.Vars;

/**
 * Who may complete a report's task: only a member of the task's candidate group (so an
 * administrator, who may see everything, does not approve reports unless given that role), and
 * never the submitter of the report they would approve or accept.
 */
final class FourEyes {

  private FourEyes() {}

  /** The actor must be in one of the task's candidate groups, when it has any. */
  static Optional<FieldError> candidate(String taskKey, String actor, java.util.Collection<String> actorGroups,
      java.util.Collection<String> candidateGroups) {
    if (actor == null || candidateGroups.isEmpty() || actorGroups.stream().anyMatch(candidateGroups::contains)) {
      return Optional.empty();
    }
    return Optional.of(FieldError.of("task", "form.task.notMember", actor, String.join(", ", candidateGroups)));
  }

  static Optional<FieldError> check(String taskKey, String actor, Object submittedBy, Object approvedBy) {
    if (actor == null) {
      return Optional.empty();
    }
    if (ReportProcess.TASK_REVIEW_BY_SUPERVISOR.equals(taskKey) && actor.equals(submittedBy)) {
      return Optional.of(FieldError.of(Vars.APPROVED, "form.fourEyes.supervisor"));
    }
    if (ReportProcess.TASK_REVIEW_BY_COORDINATOR.equals(taskKey) && (actor.equals(submittedBy) || actor.equals(approvedBy))) {
      return Optional.of(FieldError.of(Vars.ACCEPTED, "form.fourEyes.coordinator"));
    }
    return Optional.empty();
  }
}
