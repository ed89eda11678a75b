package kz.jospar.completion;

import kz.jospar.language.FieldError;

import java.util.Optional;
import kz.jospar.reporting.Decisions;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.reporting.ReportProcess.Vars;
import kz.jospar.reporting.ReportService;
import org.springframework.stereotype.Component;

/**
 * Four-eyes, defined once: who took part in a step may not decide the next one on it. The
 * submitter does not review their report; the submitter and the approver do not accept it; who
 * consolidated a period does not close it. The completion check refuses with it on every door; the
 * desk says it before the person starts writing.
 */
@Component
public class FourEyes {

  private final ReportService reports;
  private final Decisions decisions;

  FourEyes(ReportService reports, Decisions decisions) {
    this.reports = reports;
    this.decisions = decisions;
  }

  /** Why this person may not complete this task, if four-eyes keeps them from it. */
  public Optional<FieldError> check(String taskKey, String processInstanceId, String actor) {
    if (actor == null || processInstanceId == null) {
      return Optional.empty();
    }
    return switch (taskKey) {
      case ReportProcess.TASK_REVIEW_BY_SUPERVISOR -> reports.facts(processInstanceId)
          .filter(f -> actor.equals(f.submittedBy()))
          .map(f -> FieldError.of(Vars.APPROVED, "form.fourEyes.supervisor"));
      case ReportProcess.TASK_REVIEW_BY_COORDINATOR -> reports.facts(processInstanceId)
          .filter(f -> actor.equals(f.submittedBy()) || actor.equals(f.approvedBy()))
          .map(f -> FieldError.of(Vars.ACCEPTED, "form.fourEyes.coordinator"));
      case ReportProcess.TASK_CLOSE_PERIOD -> decisions.lastActor(processInstanceId, ReportProcess.TASK_CONSOLIDATE_REPORTS)
          .filter(actor::equals)
          .map(a -> FieldError.of("task", "form.fourEyes.close"));
      default -> Optional.empty();
    };
  }
}
