package kz.jospar.forms;

import java.util.Optional;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.reporting.ReportProcess.Vars;

/** The submitter of a report never approves or accepts it; an approver never accepts it too. */
final class FourEyes {

  private FourEyes() {}

  static Optional<FieldError> check(String taskKey, String actor, Object submittedBy, Object approvedBy) {
    if (actor == null) {
      return Optional.empty();
    }
    if (ReportProcess.TASK_REVIEW_BY_SUPERVISOR.equals(taskKey) && actor.equals(submittedBy)) {
      return Optional.of(new FieldError(Vars.APPROVED, "you submitted this report; another supervisor of the body must review it"));
    }
    if (ReportProcess.TASK_REVIEW_BY_COORDINATOR.equals(taskKey) && (actor.equals(submittedBy) || actor.equals(approvedBy))) {
      return Optional.of(new FieldError(Vars.ACCEPTED, "you submitted or approved this report; another coordinator must accept it"));
    }
    return Optional.empty();
  }
}
