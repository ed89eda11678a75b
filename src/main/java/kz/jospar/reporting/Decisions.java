package kz.jospar.reporting;

import kz.jospar.engine.EngineClock;

import java.sql.Timestamp;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The decisions people made through their tasks' forms ({@code jospar_decision}). The completion
 * check records one; the step after the task takes it; the gateway after that reads the one taken.
 * No process variable decides anything: a decision exists only when a member of the right group
 * completed the task through its form.
 */
@Service("decisions")
public class Decisions {

  /** What a completion decided. */
  public enum Outcome {
    SUBMITTED, DECLINED, APPROVED, RETURNED, ACCEPTED, DONE;

    String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Outcome of(String code) {
      return valueOf(code.toUpperCase(Locale.ROOT));
    }
  }

  public record Decision(long id, String taskKey, String taskId, String actor, Outcome outcome) {}

  private final JdbcTemplate jdbc;
  private final CycleProperties properties;

  Decisions(JdbcTemplate jdbc, CycleProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  /** Called by the completion check, in the completion's transaction. */
  public void record(String processInstanceId, String taskKey, String taskId, String actor, Outcome outcome) {
    jdbc.update("INSERT INTO jospar_decision (process_instance_id, task_key, task_id, actor, outcome, decided_at, taken) "
        + "VALUES (?, ?, ?, ?, ?, ?, FALSE)", processInstanceId, taskKey, taskId, actor, outcome.code(),
        Timestamp.from(EngineClock.now(properties.zone()).toInstant()));
  }

  /**
   * The decision of the task just completed, for the step after it; refused when there is none, so
   * a token that reached the step another way (a modification, a variable) records nothing.
   */
  public Decision take(DelegateExecution execution, String taskKey) {
    Decision d = newest(execution.getProcessInstanceId(), taskKey, false)
        .orElseThrow(() -> new NoDecisionException(taskKey, execution.getProcessInstanceId()));
    jdbc.update("UPDATE jospar_decision SET taken = TRUE WHERE id = ?", d.id());
    return d;
  }

  /** For the gateways: was the last decision taken on this task the given one? */
  public boolean was(DelegateExecution execution, String taskKey, Outcome outcome) {
    return newest(execution.getProcessInstanceId(), taskKey, true).map(d -> d.outcome() == outcome)
        .orElseThrow(() -> new NoDecisionException(taskKey, execution.getProcessInstanceId()));
  }

  public boolean declined(DelegateExecution execution) {
    return was(execution, ReportProcess.TASK_SUBMIT_REPORT, Outcome.DECLINED);
  }

  public boolean approved(DelegateExecution execution) {
    return was(execution, ReportProcess.TASK_REVIEW_BY_SUPERVISOR, Outcome.APPROVED);
  }

  public boolean accepted(DelegateExecution execution) {
    return was(execution, ReportProcess.TASK_REVIEW_BY_COORDINATOR, Outcome.ACCEPTED);
  }

  /** Who made the last decision on this task in this instance (who consolidated a period, for four-eyes at its closing). */
  public Optional<String> lastActor(String processInstanceId, String taskKey) {
    return jdbc.queryForList("SELECT actor FROM jospar_decision WHERE process_instance_id = ? AND task_key = ? ORDER BY id DESC",
        String.class, processInstanceId, taskKey).stream().findFirst();
  }

  private Optional<Decision> newest(String processInstanceId, String taskKey, boolean taken) {
    return jdbc.query("SELECT id, task_key, task_id, actor, outcome FROM jospar_decision WHERE process_instance_id = ? AND task_key = ? "
        + "AND taken = ? ORDER BY id DESC", (rs, i) -> new Decision(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            Outcome.of(rs.getString(5))), processInstanceId, taskKey, taken).stream().findFirst();
  }

  /** A step that records a decision was reached without a form completion. */
  public static class NoDecisionException extends org.camunda.bpm.engine.BadUserRequestException {
    NoDecisionException(String taskKey, String processInstanceId) {
      super("No decision was made through the form of " + taskKey + " in process instance " + processInstanceId
          + ": only a completion of that task by a member of its group decides");
    }
  }
}
