package kz.jospar.reporting;

import kz.jospar.engine.InCommand;

import kz.jospar.engine.EngineClock;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kz.jospar.access.Roles;
import kz.jospar.reporting.ReportProcess.Vars;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The control deadline of every human step, for the models' expressions: a user task's
 * {@code camunda:dueDate="${controlDates.due('review')}"}, its three boundary timers
 * ({@code reminder}, {@code due}, {@code level2}) and, on each timer's boundary event, the end listener
 * {@code ${controlDates.passed(execution, 0|1|2)}} that records and tells (0 reminder, 1 deadline passed, 2 level 2).
 * The dates count working days in Kazakhstan from the moment the step arrives (the engine's clock).
 */
@Component("controlDates")
public class ControlDates {

  /** The kinds of step with a control deadline, and their default working days (jospar.control.working-days overrides). */
  public enum Step {
    REVIEW("review", 3), ACCEPTANCE("acceptance", 5), ESCALATION("escalation", 3), CONSOLIDATION("consolidation", 10),
    CLOSING("closing", 5), SESSION("session", 5), REGISTER("register", 5);

    private final String key;
    private final int defaultWorkingDays;

    Step(String key, int defaultWorkingDays) {
      this.key = key;
      this.defaultWorkingDays = defaultWorkingDays;
    }

    public String key() {
      return key;
    }

    public int defaultWorkingDays() {
      return defaultWorkingDays;
    }

    static Step of(String key) {
      for (Step s : values()) {
        if (s.key.equals(key)) {
          return s;
        }
      }
      throw new IllegalArgumentException("no kind of step '" + key + "' has a control deadline; known: "
          + List.of(values()).stream().map(Step::key).toList());
    }
  }

  /**
   * A controlled step's timer fired: its reminder (level 0), its deadline (1) or level 2. Published in the
   * timer's transaction; the mails and desk notifications follow it.
   *
   * @param body null for a step of the whole cycle (consolidation, closing)
   * @param candidateGroups the groups the step's task is offered to
   * @param told the groups told: the candidates, at level 1 also the body's supervisors, at level 2 also the coordinator
   */
  public record Reached(String cycleKey, String body, String taskKey, String taskId, int level, OffsetDateTime dueAt,
      Set<String> candidateGroups, Set<String> told) {}

  private final DueDates dueDates;
  private final ControlProperties control;
  private final CycleProperties cycles;
  private final ReportService reports;
  private final ApplicationEventPublisher events;

  ControlDates(DueDates dueDates, ControlProperties control, CycleProperties cycles, ReportService reports, ApplicationEventPublisher events) {
    this.dueDates = dueDates;
    this.control = control;
    this.cycles = cycles;
    this.reports = reports;
    this.events = events;
  }

  /** The step's schedule if it arrived now. */
  public DueDates.Schedule schedule(String step) {
    return dueDates.forStep(EngineClock.now(cycles.zone()), control.workingDays(Step.of(step)), control.reminderWorkingDays(),
        control.escalationLevel2WorkingDays());
  }

  public Date due(String step) {
    return schedule(step).dueDate();
  }

  public Date reminder(String step) {
    return schedule(step).reminderDate();
  }

  public Date level2(String step) {
    return schedule(step).escalation2Date();
  }

  /** A boundary timer of a controlled step fired: the audit trail records it, the step's people (and above) are told. */
  public void passed(DelegateExecution execution, int level) {
    FlowElement element = execution.getBpmnModelElementInstance();
    if (!(element instanceof BoundaryEvent boundary)) {
      throw new IllegalStateException("controlDates.passed belongs on a boundary timer's end listener, not on " + execution.getCurrentActivityId());
    }
    String taskKey = boundary.getAttachedTo().getId();
    InCommand.OpenTask task = InCommand.openTask(execution.getProcessInstanceId(), taskKey).orElse(null);
    Set<String> candidates = task == null ? new LinkedHashSet<>() : new LinkedHashSet<>(task.candidateGroups());
    String cycleKey = execution.getProcessBusinessKey();
    String body = BodyReportVariables.BODY_CODE.from(execution);
    Set<String> told = new LinkedHashSet<>(candidates);
    if (level >= 1 && body != null) {
      told.add(Roles.supervisorsOf(body));
    }
    if (level >= 2) {
      told.add(Roles.COORDINATOR);
    }
    OffsetDateTime dueAt = task == null || task.dueDate() == null ? null
        : task.dueDate().toInstant().atZone(cycles.zone()).toOffsetDateTime();
    reports.controlDeadline(cycleKey, body, taskKey, level);
    events.publishEvent(new Reached(cycleKey, body, taskKey, task == null ? null : task.id(), level, dueAt, candidates, told));
  }
}
