package kz.jospar.reporting;

import kz.jospar.engine.EngineCommands;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.access.Caller;
import kz.jospar.access.Roles;
import kz.jospar.language.RejectedInput;
import kz.jospar.reporting.ReportProcess.Event;
import kz.jospar.reporting.ReportProcess.Vars;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Extension requests: before its due moment a body asks for a later date, with a reason; the
 * coordinator grants it (possibly with another date) or refuses it, with a reason. A grant moves the
 * submission's due date, its task's due date and its timers (reminder, deadline, level 2) in one
 * transaction with the records. Who may ask or decide is settled here from Jospar's own records (the
 * report's body) and the caller's groups, never from what a request names.
 */
@Service
public class Extensions {

  public enum State {
    pending, granted, refused
  }

  /** One request, as the API and the desk show it. */
  public record Request(long id, String cycleKey, String body, State state, OffsetDateTime dueBefore, OffsetDateTime askedUntil,
      String reason, String askedBy, OffsetDateTime askedAt, OffsetDateTime grantedUntil, boolean beyondPlanEnd, String decisionReason,
      String decidedBy, OffsetDateTime decidedAt) {}

  /**
   * Who is told of a request: level 0 asked (the coordinator), 1 granted, 2 refused (the body). Published in the
   * step's transaction; the mails and desk notifications follow it.
   */
  public record Told(String cycleKey, String body, int level, OffsetDateTime dueAt, String reason, String taskId, Set<String> groups) {}

  private static final int MAX_REASON = 2000;

  private final JdbcTemplate jdbc;
  private final ReportRepository reports;
  private final ReportService service;
  private final DueDates dueDates;
  private final ControlProperties control;
  private final CycleProperties cycles;
  private final PlanCatalog catalog;
  private final ProcessEngine engine;
  private final ApplicationEventPublisher events;

  Extensions(JdbcTemplate jdbc, ReportRepository reports, ReportService service, DueDates dueDates, ControlProperties control,
      CycleProperties cycles, PlanCatalog catalog, ProcessEngine engine, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.reports = reports;
    this.service = service;
    this.dueDates = dueDates;
    this.control = control;
    this.cycles = cycles;
    this.catalog = catalog;
    this.engine = engine;
    this.events = events;
  }

  /** A member of the report's body asks for {@code until} (a day in Kazakhstan; due at its end of working day). */
  @Transactional
  public Request ask(Caller caller, String cycleKey, String body, LocalDate until, String reason) {
    if (cycleKey == null || cycleKey.isBlank()) {
      throw RejectedInput.badRequest("cycleKey", "input.required");
    }
    if (body == null || body.isBlank()) {
      throw RejectedInput.badRequest("body", "input.required");
    }
    // the caller's own groups first: another body's report is refused the same whether it exists or not
    if (!caller.isIn(body.strip())) {
      throw new RejectedInput(HttpStatus.FORBIDDEN, "body", "extension.notYourBody", caller.userId(), body.strip());
    }
    ReportRepository.BodyReport report = reports.bodyReport(cycleKey.strip(), body.strip())
        .orElseThrow(() -> new RejectedInput(HttpStatus.NOT_FOUND, "cycleKey", "extension.noReport", cycleKey.strip(), body.strip()));
    if (!awaitsSubmission(report)) {
      throw new RejectedInput(HttpStatus.CONFLICT, null, "extension.notAwaited", report.state());
    }
    OffsetDateTime now = service.now();
    if (!now.isBefore(report.dueAt())) {
      throw new RejectedInput(HttpStatus.CONFLICT, null, "extension.tooLate", shown(report.dueAt()));
    }
    String why = reason(reason, "reason");
    if (until == null) {
      throw RejectedInput.badRequest("until", "extension.untilRequired");
    }
    OffsetDateTime asked = dueDates.endOf(until);
    if (!asked.isAfter(report.dueAt())) {
      throw RejectedInput.badRequest("until", "extension.notLater", until, shown(report.dueAt()));
    }
    if (pendingOf(report.cycleKey(), report.body()).isPresent()) {
      throw new RejectedInput(HttpStatus.CONFLICT, null, "extension.alreadyPending");
    }
    jdbc.update("INSERT INTO jospar_extension_request (cycle_key, body_code, state, due_before, asked_until, reason, asked_by, asked_at, "
        + "beyond_plan_end) VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, FALSE)", report.cycleKey(), report.body(), ts(report.dueAt()), ts(asked),
        why, caller.userId(), ts(now));
    reports.event(report.cycleKey(), report.body(), Event.EXTENSION_ASKED, caller.userId(), now,
        shown(report.dueAt()) + " → " + shown(asked) + ": " + why);
    Request request = pendingOf(report.cycleKey(), report.body()).orElseThrow();
    tell(new Told(report.cycleKey(), report.body(), 0, asked, why, null, Set.of(Roles.COORDINATOR)));
    return request;
  }

  /**
   * The coordinator decides. A grant takes {@code until} if given, else the date asked for; past the plan's last day it
   * needs {@code confirmBeyondPlanEnd} (or is refused, as jospar.control.extension-beyond-plan-end says).
   */
  @Transactional
  public Request decide(Caller caller, long id, Boolean grant, LocalDate until, String reason, boolean confirmBeyondPlanEnd) {
    mayDecide(caller);
    Request request = find(id).orElseThrow(() -> new RejectedInput(HttpStatus.NOT_FOUND, "id", "extension.unknown", String.valueOf(id)));
    if (request.state() != State.pending) {
      throw new RejectedInput(HttpStatus.CONFLICT, null, "extension.decided", String.valueOf(id), request.state().name());
    }
    if (grant == null) {
      throw RejectedInput.badRequest("grant", "extension.grantRequired");
    }
    OffsetDateTime now = service.now();
    ReportRepository.BodyReport report = reports.bodyReport(request.cycleKey(), request.body()).orElseThrow();
    if (!grant) {
      String why = reason(reason, "reason");
      jdbc.update("UPDATE jospar_extension_request SET state = 'refused', decision_reason = ?, decided_by = ?, decided_at = ? "
          + "WHERE id = ? AND state = 'pending'", why, caller.userId(), ts(now), id);
      reports.event(request.cycleKey(), request.body(), Event.EXTENSION_REFUSED, caller.userId(), now, why);
      tell(new Told(request.cycleKey(), request.body(), 2, report.dueAt(), why, submitTask(report), Set.of(request.body())));
      return find(id).orElseThrow();
    }
    if (!awaitsSubmission(report)) {
      throw new RejectedInput(HttpStatus.CONFLICT, null, "extension.notAwaited", report.state());
    }
    String why = reason == null || reason.isBlank() ? null : reason(reason, "reason");
    OffsetDateTime newDue = until == null ? request.askedUntil() : dueDates.endOf(until);
    if (!newDue.isAfter(report.dueAt())) {
      throw RejectedInput.badRequest("until", "extension.notLater", newDue.atZoneSameInstant(cycles.zone()).toLocalDate(),
          shown(report.dueAt()));
    }
    LocalDate planEnd = LocalDate.of(catalog.lastYear(), 12, 31);
    boolean beyond = newDue.atZoneSameInstant(cycles.zone()).toLocalDate().isAfter(planEnd);
    if (beyond && control.refusesBeyondPlanEnd()) {
      throw RejectedInput.badRequest("until", "extension.beyondPlanEndRefused", planEnd);
    }
    if (beyond && !confirmBeyondPlanEnd) {
      throw new RejectedInput(HttpStatus.CONFLICT, "confirmBeyondPlanEnd", "extension.beyondPlanEnd", planEnd);
    }
    DueDates.Schedule schedule = dueDates.forDueAt(newDue);
    String processInstanceId = reports.processOf(report.cycleKey(), report.body());
    if (processInstanceId != null) {
      EngineCommands.moveDates(engine, processInstanceId, Map.of(Vars.DUE_AT, schedule.dueDate(), Vars.REMINDER_AT,
          schedule.reminderDate(), Vars.ESCALATION2_AT, schedule.escalation2Date()), ReportProcess.TASK_SUBMIT_REPORT, schedule.dueDate(),
          Map.of(ReportProcess.BOUNDARY_REMINDER_DUE, schedule.reminderDate(), ReportProcess.BOUNDARY_DEADLINE_PASSED, schedule.dueDate(),
              ReportProcess.BOUNDARY_LEVEL2_DUE, schedule.escalation2Date()));
    }
    jdbc.update("UPDATE jospar_extension_request SET state = 'granted', granted_until = ?, beyond_plan_end = ?, decision_reason = ?, "
        + "decided_by = ?, decided_at = ? WHERE id = ? AND state = 'pending'", ts(newDue), beyond, why, caller.userId(), ts(now), id);
    jdbc.update("UPDATE jospar_body_report SET due_at = ?, extended = TRUE, updated_at = ? WHERE cycle_key = ? AND body_code = ?",
        ts(newDue), ts(now), report.cycleKey(), report.body());
    reports.event(request.cycleKey(), request.body(), Event.EXTENSION_GRANTED, caller.userId(), now,
        shown(report.dueAt()) + " → " + shown(newDue) + (beyond ? " (beyond the plan's end " + planEnd + ")" : "")
            + (why == null ? "" : ": " + why));
    tell(new Told(request.cycleKey(), request.body(), 1, newDue, why, submitTask(report), Set.of(request.body())));
    return find(id).orElseThrow();
  }

  /**
   * Tells the people concerned inside an engine command of Jospar's own: reading a group's members to tell them is
   * not the asking person's read (an official may not list the coordinator group), as for a timer's notifications.
   */
  private void tell(Told told) {
    EngineCommands.inCommand(engine, () -> {
      events.publishEvent(told);
      return null;
    });
  }

  /** Only the coordinator decides on requests (an administrator decides nothing). */
  public void mayDecide(Caller caller) {
    if (!caller.isIn(Roles.COORDINATOR)) {
      throw new RejectedInput(HttpStatus.FORBIDDEN, null, "extension.onlyCoordinator", caller.userId(), Roles.COORDINATOR);
    }
  }

  /** The pending requests (the coordinator's list), oldest first. */
  public List<Request> pending() {
    return jdbc.query("SELECT * FROM jospar_extension_request WHERE state = 'pending' ORDER BY asked_at, id", Extensions::request);
  }

  /** Every request of the bodies given (null: of the whole plan), newest first. */
  public List<Request> of(Set<String> bodies, int limit) {
    if (bodies != null && bodies.isEmpty()) {
      return List.of();
    }
    String where = bodies == null ? "" : " WHERE body_code IN (" + String.join(", ", bodies.stream().map(b -> "?").toList()) + ")";
    return jdbc.query("SELECT * FROM jospar_extension_request" + where + " ORDER BY id DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
        Extensions::request, bodies == null ? new Object[0] : bodies.toArray());
  }

  /** A report's requests, oldest first. */
  public List<Request> ofReport(String cycleKey, String body) {
    return jdbc.query("SELECT * FROM jospar_extension_request WHERE cycle_key = ? AND body_code = ? ORDER BY id", Extensions::request,
        cycleKey, body);
  }

  public Optional<Request> find(long id) {
    return jdbc.query("SELECT * FROM jospar_extension_request WHERE id = ?", Extensions::request, id).stream().findFirst();
  }

  private Optional<Request> pendingOf(String cycleKey, String body) {
    return jdbc.query("SELECT * FROM jospar_extension_request WHERE cycle_key = ? AND body_code = ? AND state = 'pending'",
        Extensions::request, cycleKey, body).stream().findFirst();
  }

  /** Only a report that waits for its body's submission (open or returned) has a due date to move. */
  private static boolean awaitsSubmission(ReportRepository.BodyReport report) {
    return ReportProcess.State.open.name().equals(report.state()) || ReportProcess.State.returned.name().equals(report.state());
  }

  /** The report's open submission task, for the notification's link: read by the engine itself, not as the coordinator. */
  private String submitTask(ReportRepository.BodyReport report) {
    String pi = reports.processOf(report.cycleKey(), report.body());
    if (pi == null) {
      return null;
    }
    return EngineCommands.withoutAuthorization(engine, () -> engine.getTaskService().createTaskQuery().processInstanceId(pi)
        .taskDefinitionKey(ReportProcess.TASK_SUBMIT_REPORT).list().stream().map(org.camunda.bpm.engine.task.Task::getId).findFirst()
        .orElse(null));
  }

  private static String reason(String reason, String field) {
    if (reason == null || reason.isBlank()) {
      throw RejectedInput.badRequest(field, "extension.reasonRequired");
    }
    if (reason.strip().length() > MAX_REASON) {
      throw RejectedInput.badRequest(field, "extension.reasonTooLong", MAX_REASON);
    }
    return reason.strip();
  }

  private String shown(OffsetDateTime t) {
    return t.atZoneSameInstant(cycles.zone()).toOffsetDateTime().toString();
  }

  private static Request request(ResultSet rs, int i) throws SQLException {
    return new Request(rs.getLong("id"), rs.getString("cycle_key"), rs.getString("body_code"), State.valueOf(rs.getString("state")),
        odt(rs, "due_before"), odt(rs, "asked_until"), rs.getString("reason"), rs.getString("asked_by"), odt(rs, "asked_at"),
        odt(rs, "granted_until"), rs.getBoolean("beyond_plan_end"), rs.getString("decision_reason"), rs.getString("decided_by"),
        odt(rs, "decided_at"));
  }

  private static Timestamp ts(OffsetDateTime t) {
    return t == null ? null : Timestamp.from(t.toInstant());
  }

  private static OffsetDateTime odt(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant().atOffset(java.time.ZoneOffset.UTC);
  }
}
