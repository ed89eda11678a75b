package kz.jospar.reporting;

import java.util.List;
import java.util.Optional;
import kz.jospar.catalog.PlanRow;
import kz.jospar.access.Roles;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Who each task goes to and which way each gateway turns, from Jospar's records (the cycle, the
 * body's assignment, the catalog), never from a process variable a person could write. The models
 * call it as {@code ${routing.body(execution)}}; the completion check asks {@link #candidateGroup}.
 */
@Component("routing")
public class Routing {

  private final ReportService reports;
  private final CycleService cycles;

  Routing(ReportService reports, CycleService cycles) {
    this.reports = reports;
    this.cycles = cycles;
  }

  /** The body whose report this instance runs: the submitters' group. */
  public String body(DelegateExecution x) {
    return facts(x.getProcessInstanceId()).body();
  }

  public String supervisors(DelegateExecution x) {
    return Roles.supervisorsOf(body(x));
  }

  public String coordinators(DelegateExecution x) {
    return Roles.COORDINATOR;
  }

  /** Who consolidates the cycle and takes the item's own steps: the lead body, or the coordinator. */
  public String lead(DelegateExecution x) {
    return cycles.leadGroup(x.getProcessBusinessKey());
  }

  public boolean byAgreement(DelegateExecution x) {
    return facts(x.getProcessInstanceId()).byAgreement();
  }

  public boolean recordsIndicators(DelegateExecution x) {
    return row(x.getProcessBusinessKey()).recordsIndicators();
  }

  public boolean hasQuota(DelegateExecution x) {
    return row(x.getProcessBusinessKey()).quota() != null;
  }

  /** The bodies of the cycle, for the item models' multi-instance of reports. */
  public List<String> bodyCodes(DelegateExecution x) {
    return cycles.bodyCodes(x.getProcessBusinessKey());
  }

  /** The group whose members complete a task of this key in this instance; empty for a task Jospar does not route. */
  public Optional<String> candidateGroup(String taskKey, String processInstanceId, String cycleKey) {
    return switch (taskKey) {
      case ReportProcess.TASK_SUBMIT_REPORT -> Optional.of(facts(processInstanceId).body());
      case ReportProcess.TASK_REVIEW_BY_SUPERVISOR, ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL1 ->
          Optional.of(Roles.supervisorsOf(facts(processInstanceId).body()));
      case ReportProcess.TASK_REVIEW_BY_COORDINATOR, ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL2, ReportProcess.TASK_CLOSE_PERIOD ->
          Optional.of(Roles.COORDINATOR);
      case ReportProcess.TASK_CONSOLIDATE_REPORTS, ReportProcess.TASK_PREPARE_SESSION, ReportProcess.TASK_RECORD_SESSION_HELD,
          ReportProcess.TASK_UPDATE_REGISTER -> Optional.of(cycles.leadGroup(cycleKey));
      default -> Optional.empty();
    };
  }

  /** The catalog row of a cycle, as the plan's version it was opened under has it ("4.8/2026-H2" → row 4.8). */
  public PlanRow row(String cycleKey) {
    return reports.row(cycleKey);
  }

  private ReportService.Facts facts(String processInstanceId) {
    return reports.facts(processInstanceId)
        .orElseThrow(() -> new IllegalStateException("process instance " + processInstanceId + " runs no body's report"));
  }
}
