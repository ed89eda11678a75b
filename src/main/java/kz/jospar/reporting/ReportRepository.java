package kz.jospar.reporting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import kz.jospar.reporting.ReportProcess.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Repository;

/** Jospar's own tables, in the engine's transaction (same data source, same Spring transaction). */
@Repository
class ReportRepository {

  record Cycle(String cycleKey, String row, String periodKey, int year, OffsetDateTime dueAt, String state,
      String processInstanceId, OffsetDateTime openedAt, String openedBy) {}

  record BodyReport(String cycleKey, String body, boolean lead, boolean byAgreement, String state, OffsetDateTime dueAt,
      OffsetDateTime submittedAt, String submittedBy, boolean late, int escalationLevel, Integer achievedCount,
      Boolean belowQuota) {}

  record ReportEvent(String cycleKey, String body, Event event, String actor, OffsetDateTime at, String reason) {}

  private final JdbcTemplate jdbc;
  private final ApplicationEventPublisher events;
  private final org.springframework.beans.factory.ObjectProvider<Deputising> deputies;

  ReportRepository(JdbcTemplate jdbc, ApplicationEventPublisher events, org.springframework.beans.factory.ObjectProvider<Deputising> deputies) {
    this.jdbc = jdbc;
    this.events = events;
    this.deputies = deputies;
  }

  /**
   * The absent person a step's actor stood in for: the task of the actor's last decision in the
   * report's (or, for a cycle's step, the item's) instance was handed to them as deputy.
   */
  private String onBehalfOf(String cycleKey, String body, String actor) {
    Deputising deputising = deputies.getIfAvailable();
    if (deputising == null || actor == null || ReportService.ENGINE.equals(actor)) {
      return null;
    }
    List<String> found = body != null
        ? jdbc.queryForList("SELECT process_instance_id FROM jospar_body_report WHERE cycle_key = ? AND body_code = ?", String.class,
            cycleKey, body)
        : jdbc.queryForList("SELECT process_instance_id FROM jospar_cycle WHERE cycle_key = ?", String.class, cycleKey);
    String instance = found.isEmpty() ? null : found.get(0); // null before the instance starts
    if (instance == null) {
      return null;
    }
    return jdbc.queryForList("SELECT task_id FROM jospar_decision WHERE process_instance_id = ? AND actor = ? ORDER BY id DESC",
            String.class, instance, actor).stream().findFirst()
        .flatMap(taskId -> deputising.handedOverBy(taskId, actor)).orElse(null);
  }

  /** Inserts the cycle; a second insert of the same key fails with {@link org.springframework.dao.DuplicateKeyException}. */
  void insertCycle(String cycleKey, String planCode, String planVersion, String row, String periodKey, int year,
      java.time.LocalDate deadline, OffsetDateTime dueAt, OffsetDateTime now, String actor) {
    jdbc.update("INSERT INTO jospar_cycle (cycle_key, plan_code, plan_version, plan_row, period_key, plan_year, deadline, due_at, "
        + "opened_at, opened_by, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')",
        cycleKey, planCode, planVersion, row, periodKey, year, deadline, ts(dueAt), ts(now), actor);
  }

  /** The cycle's lead body as it was opened, if a single body leads it. */
  java.util.Optional<String> leadBody(String cycleKey) {
    return jdbc.queryForList("SELECT body_code FROM jospar_body_report WHERE cycle_key = ? AND lead_body = TRUE", String.class, cycleKey)
        .stream().findFirst();
  }

  /** Whether a (plan, row, period) has its cycle, whatever form its key has. */
  boolean cycleExists(String planCode, String row, String periodKey) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM jospar_cycle WHERE plan_code = ? AND plan_row = ? AND period_key = ?",
        Integer.class, planCode, row, periodKey);
    return n != null && n > 0;
  }

  /** The plan and its version a cycle was opened under; the version is null for cycles opened before versions were recorded. */
  public record CyclePlan(String planCode, String planVersion) {}

  java.util.Optional<CyclePlan> cyclePlan(String cycleKey) {
    return jdbc.query("SELECT plan_code, plan_version FROM jospar_cycle WHERE cycle_key = ?",
        (rs, i) -> new CyclePlan(rs.getString(1), rs.getString(2)), cycleKey).stream().findFirst();
  }

  void setCycleProcess(String cycleKey, String processInstanceId) {
    jdbc.update("UPDATE jospar_cycle SET process_instance_id = ? WHERE cycle_key = ?", processInstanceId, cycleKey);
  }

  void closeCycle(String cycleKey, String actor, OffsetDateTime now) {
    jdbc.update("UPDATE jospar_cycle SET state = 'closed', closed_at = ?, closed_by = ? WHERE cycle_key = ?", ts(now), actor, cycleKey);
  }

  void insertBodyReport(String cycleKey, String body, boolean lead, boolean byAgreement, OffsetDateTime dueAt, OffsetDateTime now) {
    jdbc.update("INSERT INTO jospar_body_report (cycle_key, body_code, lead_body, by_agreement, state, due_at, late, escalation_level, updated_at) "
        + "VALUES (?, ?, ?, ?, 'open', ?, FALSE, 0, ?)", cycleKey, body, lead, byAgreement, ts(dueAt), ts(now));
  }

  List<String> bodyCodes(String cycleKey) {
    return jdbc.queryForList("SELECT body_code FROM jospar_body_report WHERE cycle_key = ? ORDER BY lead_body DESC, body_code",
        String.class, cycleKey);
  }

  Optional<BodyReport> bodyReport(String cycleKey, String body) {
    return jdbc.query("SELECT * FROM jospar_body_report WHERE cycle_key = ? AND body_code = ?", this::bodyReport, cycleKey, body)
        .stream().findFirst();
  }

  /** The report a BodyReport instance runs: Jospar's own record, which no caller of the engine can rewrite. */
  Optional<BodyReport> bodyReportOfProcess(String processInstanceId) {
    return jdbc.query("SELECT * FROM jospar_body_report WHERE process_instance_id = ?", this::bodyReport, processInstanceId)
        .stream().findFirst();
  }

  /** Who took a step last (for four-eyes), from the audit trail. */
  Optional<String> lastActor(String cycleKey, String body, Event event) {
    return jdbc.queryForList("SELECT actor FROM jospar_report_event WHERE cycle_key = ? AND body_code = ? AND event = ? ORDER BY id DESC",
        String.class, cycleKey, body, event.name()).stream().findFirst();
  }

  /** The reason of the last step of one of the given kinds (the last return). */
  Optional<String> lastReason(String cycleKey, String body, Event... kinds) {
    String in = String.join(", ", java.util.Collections.nCopies(kinds.length, "?"));
    List<Object> args = new java.util.ArrayList<>(List.of(cycleKey, body));
    for (Event e : kinds) {
      args.add(e.name());
    }
    return jdbc.query("SELECT reason FROM jospar_report_event WHERE cycle_key = ? AND body_code = ? AND event IN (" + in + ") ORDER BY id DESC",
        (rs, i) -> java.util.Optional.ofNullable(rs.getString(1)), args.toArray()).stream().findFirst().flatMap(r -> r);
  }

  List<BodyReport> bodyReports(String cycleKey) {
    return jdbc.query("SELECT * FROM jospar_body_report WHERE cycle_key = ? ORDER BY body_code", this::bodyReport, cycleKey);
  }

  String processOf(String cycleKey, String body) {
    return jdbc.queryForList("SELECT process_instance_id FROM jospar_body_report WHERE cycle_key = ? AND body_code = ?", String.class,
        cycleKey, body).stream().findFirst().orElse(null);
  }

  void setBodyProcess(String cycleKey, String body, String processInstanceId) {
    jdbc.update("UPDATE jospar_body_report SET process_instance_id = ? WHERE cycle_key = ? AND body_code = ?",
        processInstanceId, cycleKey, body);
  }

  void submitted(String cycleKey, String body, String state, String actor, OffsetDateTime now, boolean late,
      Integer achieved, Boolean belowQuota, String text) {
    jdbc.update("UPDATE jospar_body_report SET state = ?, submitted_at = ?, submitted_by = ?, late = ?, achieved_count = ?, "
        + "below_quota = ?, report_text = ?, updated_at = ? WHERE cycle_key = ? AND body_code = ?",
        state, ts(now), actor, late, achieved, belowQuota, text, ts(now), cycleKey, body);
  }

  void setState(String cycleKey, String body, String state, OffsetDateTime now) {
    jdbc.update("UPDATE jospar_body_report SET state = ?, updated_at = ? WHERE cycle_key = ? AND body_code = ?",
        state, ts(now), cycleKey, body);
  }

  void returned(String cycleKey, String body, OffsetDateTime newDueAt, OffsetDateTime now) {
    jdbc.update("UPDATE jospar_body_report SET state = 'returned', due_at = ?, escalation_level = 0, updated_at = ? "
        + "WHERE cycle_key = ? AND body_code = ?", ts(newDueAt), ts(now), cycleKey, body);
  }

  void escalated(String cycleKey, String body, int level, OffsetDateTime now) {
    jdbc.update("UPDATE jospar_body_report SET escalation_level = ?, updated_at = ? WHERE cycle_key = ? AND body_code = ?",
        level, ts(now), cycleKey, body);
  }

  void event(String cycleKey, String body, Event event, String actor, OffsetDateTime now, String reason) {
    jdbc.update("INSERT INTO jospar_report_event (cycle_key, body_code, event, actor, occurred_at, reason, on_behalf_of) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?)", cycleKey, body, event.name(), actor, ts(now), reason, onBehalfOf(cycleKey, body, actor));
    // synchronous, in this transaction: what listeners write (the mail outbox) shares the step's fate
    events.publishEvent(new ReportStep(cycleKey, body, event, actor, now, reason));
    // one line per step for operators, with the cycle and body in the log context, written once the
    // step is committed (a step rolled back by a conflict or an outage is not logged as done); never
    // the report's text or a reason (people's words stay in the database, behind its authorizations)
    java.util.Map<String, String> context = MDC.getCopyOfContextMap(); // the engine's process instance, activity, the request's user
    Runnable line = () -> {
      java.util.Map<String, String> before = MDC.getCopyOfContextMap();
      if (context != null) {
        MDC.setContextMap(context);
      }
      try (MDC.MDCCloseable c = MDC.putCloseable("cycle", cycleKey);
          MDC.MDCCloseable b = MDC.putCloseable("body", body == null ? "" : body)) {
        log.info("{} {}{} by {}", event, cycleKey, body == null ? "" : " " + body, actor);
      } finally {
        if (before != null) {
          MDC.setContextMap(before);
        } else {
          MDC.clear();
        }
      }
    };
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          line.run();
        }
      });
    } else {
      line.run();
    }
  }

  private static final Logger log = LoggerFactory.getLogger(ReportRepository.class);

  List<ReportEvent> events(String cycleKey) {
    return jdbc.query("SELECT * FROM jospar_report_event WHERE cycle_key = ? ORDER BY id",
        (rs, i) -> new ReportEvent(rs.getString("cycle_key"), rs.getString("body_code"), Event.valueOf(rs.getString("event")),
            rs.getString("actor"), odt(rs, "occurred_at"), rs.getString("reason")), cycleKey);
  }

  void indicatorFact(int indicator, int year, String cycleKey, java.math.BigDecimal value, String actor, OffsetDateTime now) {
    jdbc.update("INSERT INTO jospar_indicator_fact (indicator_number, plan_year, cycle_key, fact_value, recorded_by, recorded_at) "
        + "VALUES (?, ?, ?, ?, ?, ?)", indicator, year, cycleKey, value, actor, ts(now));
  }

  record IndicatorFact(int indicator, int year, String cycleKey, java.math.BigDecimal value, String recordedBy, OffsetDateTime recordedAt) {}

  List<IndicatorFact> indicatorFacts(int year) {
    return jdbc.query("SELECT * FROM jospar_indicator_fact WHERE plan_year = ? ORDER BY indicator_number, recorded_at",
        (rs, i) -> new IndicatorFact(rs.getInt("indicator_number"), rs.getInt("plan_year"), rs.getString("cycle_key"),
            rs.getBigDecimal("fact_value"), rs.getString("recorded_by"), odt(rs, "recorded_at")), year);
  }

  record StatusRow(String cycleKey, String row, String periodKey, String body, boolean lead, boolean byAgreement, String state,
      OffsetDateTime dueAt, OffsetDateTime submittedAt, String submittedBy, boolean late, int escalationLevel, Integer achievedCount,
      Boolean belowQuota, String cycleState, String text, String processInstanceId, String planCode, String planVersion,
      boolean extended, OffsetDateTime stepDueAt) {}

  /** How often each report of a year was returned (by a supervisor or the coordinator), keyed "cycle|body". */
  java.util.Map<String, Integer> returnsOfYear(int year) {
    java.util.Map<String, Integer> returns = new java.util.HashMap<>();
    jdbc.query("SELECT e.cycle_key, e.body_code, COUNT(*) AS n FROM jospar_report_event e JOIN jospar_cycle c ON c.cycle_key = e.cycle_key "
        + "WHERE c.plan_year = ? AND e.event IN (?, ?) GROUP BY e.cycle_key, e.body_code",
        rs -> {
          returns.put(rs.getString(1) + "|" + rs.getString(2), rs.getInt(3));
        }, year, Event.RETURNED_BY_SUPERVISOR.name(), Event.RETURNED_BY_COORDINATOR.name());
    return returns;
  }

  /** A year's reports; {@code bodies} null for every body, else only those bodies' (a body sees its own). */
  List<StatusRow> status(int year, java.util.Collection<String> bodies) {
    if (bodies != null && bodies.isEmpty()) {
      return List.of();
    }
    // a submitted report's review or acceptance has a control deadline of its own (issue 16): the earliest open one
    String sql = "SELECT c.cycle_key, c.plan_row, c.period_key, c.state AS cycle_state, c.plan_code, c.plan_version, r.*, (SELECT MIN(t.DUE_DATE_) FROM ACT_RU_TASK t "
        + "WHERE t.PROC_INST_ID_ = r.process_instance_id AND t.TASK_DEF_KEY_ IN ('" + ReportProcess.TASK_REVIEW_BY_SUPERVISOR + "', '"
        + ReportProcess.TASK_REVIEW_BY_COORDINATOR + "')) AS step_due_at FROM jospar_cycle c "
        + "JOIN jospar_body_report r ON r.cycle_key = c.cycle_key WHERE c.plan_year = ?"
        + (bodies == null ? "" : " AND r.body_code IN (" + String.join(", ", java.util.Collections.nCopies(bodies.size(), "?")) + ")")
        + " ORDER BY c.deadline, c.plan_row, c.period_key, r.body_code";
    List<Object> args = new java.util.ArrayList<>();
    args.add(year);
    if (bodies != null) {
      args.addAll(bodies);
    }
    return jdbc.query(sql, (rs, i) -> new StatusRow(rs.getString("cycle_key"), rs.getString("plan_row"), rs.getString("period_key"),
        rs.getString("body_code"), rs.getBoolean("lead_body"), rs.getBoolean("by_agreement"), rs.getString("state"),
        odt(rs, "due_at"), odt(rs, "submitted_at"), rs.getString("submitted_by"), rs.getBoolean("late"), rs.getInt("escalation_level"),
        (Integer) rs.getObject("achieved_count"), (Boolean) rs.getObject("below_quota"), rs.getString("cycle_state"),
        rs.getString("report_text"), rs.getString("process_instance_id"), rs.getString("plan_code"), rs.getString("plan_version"), rs.getBoolean("extended"),
        rs.getTimestamp("step_due_at") == null ? null : rs.getTimestamp("step_due_at").toInstant().atOffset(java.time.ZoneOffset.UTC)),
        args.toArray());
  }

  private BodyReport bodyReport(ResultSet rs, int i) throws SQLException {
    return new BodyReport(rs.getString("cycle_key"), rs.getString("body_code"), rs.getBoolean("lead_body"),
        rs.getBoolean("by_agreement"), rs.getString("state"), odt(rs, "due_at"), odt(rs, "submitted_at"),
        rs.getString("submitted_by"), rs.getBoolean("late"), rs.getInt("escalation_level"),
        (Integer) rs.getObject("achieved_count"), (Boolean) rs.getObject("below_quota"));
  }

  private static Timestamp ts(OffsetDateTime t) {
    return t == null ? null : Timestamp.from(t.toInstant());
  }

  private static OffsetDateTime odt(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant().atZone(ZoneId.of("UTC")).toOffsetDateTime();
  }
}
