package kz.jospar.reporting;

import kz.jospar.engine.Acting;

import kz.jospar.engine.EngineClock;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.StringJoiner;
import kz.jospar.catalog.Indicator;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.catalog.PlanRow;
import kz.jospar.catalog.Plans;
import kz.jospar.catalog.Quota;
import kz.jospar.reporting.ReportProcess.Event;
import kz.jospar.reporting.ReportRepository.BodyReport;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;

/**
 * What happens to a body's report at each step of the models: state, audit trail, due dates.
 * The delegates map process variables in and out; the rules live here.
 */
@Service
public class ReportService {

  /** The actor of steps no person took: timers and the engine's own work. */
  public static final String ENGINE = "engine";

  /** A report's context for its tasks and timers. */
  public record ReportContext(String bodyName, String supervisorGroup, boolean lead, boolean byAgreement, DueDates.Schedule due,
      String completionForm, Quota quota, String quotaUnitName) {}

  public record Submission(String actor, OffsetDateTime at, boolean late, Boolean belowQuota) {}

  public record Consolidation(int bodies, int accepted, int declined, Integer quotaAchieved) {}

  private final Plans plans;
  private final ReportRepository repository;
  private final DueDates dueDates;
  private final CycleProperties properties;
  private final IdentityService identityService;
  private final kz.jospar.catalog.PlanVersions versions;
  private final java.util.Map<String, PlanCatalog> cyclePlans = new java.util.concurrent.ConcurrentHashMap<>();

  ReportService(Plans plans, kz.jospar.catalog.PlanVersions versions, ReportRepository repository, DueDates dueDates,
      CycleProperties properties, IdentityService identityService) {
    this.plans = plans;
    this.versions = versions;
    this.repository = repository;
    this.dueDates = dueDates;
    this.properties = properties;
    this.identityService = identityService;
  }

  OffsetDateTime now() {
    return EngineClock.now(properties.zone());
  }

  /**
   * The plan a cycle runs under, in the version it was opened with (an amendment since then does not reach it; a row or
   * plan removed since then is read from the stored version). Cached: a cycle's plan and version never change.
   */
  PlanCatalog plan(String cycleKey) {
    return cyclePlans.computeIfAbsent(cycleKey, key -> {
      String code = kz.jospar.calendar.PlanPeriod.planOf(key);
      ReportRepository.CyclePlan recorded = repository.cyclePlan(key).orElse(null);
      String planCode = recorded == null ? (code == null ? plans.primary().code() : code) : recorded.planCode();
      return versions.find(planCode, recorded == null ? null : recorded.planVersion())
          .orElseThrow(() -> new IllegalStateException("cycle " + key + " runs plan " + planCode + " version "
              + (recorded == null ? "?" : recorded.planVersion()) + ", which is neither configured (jospar.catalog.plans: "
              + plans.codes() + ") nor stored in jospar_plan_version"));
    });
  }

  /** The catalog row a cycle runs, from the plan version it was opened under ("4.8/2026-H2" → row 4.8). */
  public PlanRow row(String cycleKey) {
    String number = kz.jospar.calendar.PlanPeriod.rowOf(cycleKey);
    return plan(cycleKey).row(number)
        .orElseThrow(() -> new IllegalStateException("cycle " + cycleKey + " names no row " + number + " of its plan's version"));
  }

  /** The person completing the current task, or {@link #ENGINE} for a timer or the job executor. */
  public String actor() {
    return Acting.userId(identityService).orElse(ENGINE);
  }

  public ReportContext open(String cycleKey, String rowNumber, String body, String processInstanceId) {
    BodyReport report = bodyReport(cycleKey, body);
    repository.setBodyProcess(cycleKey, body, processInstanceId);
    PlanRow row = plan(cycleKey).row(rowNumber).orElseThrow();
    String bodyName = plan(cycleKey).bodies().find(body).map(b -> b.name().kk()).orElse(body);
    Quota quota = row.quota();
    return new ReportContext(bodyName, kz.jospar.access.Roles.supervisorsOf(body), report.lead(), report.byAgreement(),
        dueDates.forDueAt(report.dueAt()), row.completionForm() == null ? null : row.completionForm().kk(), quota,
        quota == null ? null : plan(cycleKey).units().get(quota.unit()).kk());
  }

  /** Who a report's four-eyes rule must keep out, and whether it may decline: from Jospar's records, not from variables. */
  public record Facts(String cycleKey, String body, boolean byAgreement, String submittedBy, String approvedBy) {}

  /** The facts of the report a BodyReport instance runs, if the instance is one. */
  public java.util.Optional<Facts> facts(String processInstanceId) {
    return repository.bodyReportOfProcess(processInstanceId).map(r -> new Facts(r.cycleKey(), r.body(), r.byAgreement(), r.submittedBy(),
        repository.lastActor(r.cycleKey(), r.body(), Event.APPROVED).orElse(null)));
  }

  /**
   * What a notification about a body's report says: its cycle, body, state, due moment, and for a
   * returned report the reason of the return. From Jospar's records, not from process variables.
   */
  public record Notice(String cycleKey, String body, String state, OffsetDateTime dueAt, String processInstanceId,
      String returnReason) {}

  /** The notice of a body's report in a cycle, if there is such a report. */
  public java.util.Optional<Notice> notice(String cycleKey, String body) {
    return repository.bodyReport(cycleKey, body).map(r -> notice(r, repository.processOf(cycleKey, body)));
  }

  /** The notice of the report a BodyReport instance runs, if the instance is one. */
  public java.util.Optional<Notice> noticeOfProcess(String processInstanceId) {
    return repository.bodyReportOfProcess(processInstanceId).map(r -> notice(r, processInstanceId));
  }

  private Notice notice(BodyReport r, String processInstanceId) {
    String reason = ReportProcess.State.returned.name().equals(r.state())
        ? repository.lastReason(r.cycleKey(), r.body(), Event.RETURNED_BY_SUPERVISOR, Event.RETURNED_BY_COORDINATOR).orElse(null)
        : null;
    return new Notice(r.cycleKey(), r.body(), r.state(), r.dueAt(), processInstanceId, reason);
  }

  /** Records a submission (or a decline by agreement); late when after the due moment. */
  public Submission submitted(String cycleKey, String rowNumber, String body, boolean declined, String reason, String text,
      Long achieved) {
    BodyReport report = bodyReport(cycleKey, body);
    OffsetDateTime now = now();
    String actor = actor();
    boolean late = now.isAfter(report.dueAt());
    if (declined) {
      repository.submitted(cycleKey, body, ReportProcess.State.declined.name(), actor, now, late, null, null, null);
      repository.event(cycleKey, body, Event.DECLINED, actor, now, reason);
      return new Submission(actor, now, late, null);
    }
    Quota quota = plan(cycleKey).row(rowNumber).map(PlanRow::quota).orElse(null);
    Boolean below = quota == null || achieved == null ? null : achieved < quota.count();
    repository.submitted(cycleKey, body, ReportProcess.State.submitted.name(), actor, now, late,
        achieved == null ? null : achieved.intValue(), below, text);
    repository.event(cycleKey, body, Event.SUBMITTED, actor, now, late ? "late" : null);
    return new Submission(actor, now, late, below);
  }

  /** The supervisor's decision; a return gives the body a new due date. */
  public DueDates.Schedule supervisorDecided(String cycleKey, String body, boolean approved, String reason) {
    return decided(cycleKey, body, approved, reason, ReportProcess.State.approved, Event.APPROVED, Event.RETURNED_BY_SUPERVISOR);
  }

  /** The coordinator's decision; a return gives the body a new due date. */
  public DueDates.Schedule coordinatorDecided(String cycleKey, String body, boolean accepted, String reason) {
    return decided(cycleKey, body, accepted, reason, ReportProcess.State.accepted, Event.ACCEPTED, Event.RETURNED_BY_COORDINATOR);
  }

  private DueDates.Schedule decided(String cycleKey, String body, boolean yes, String reason, ReportProcess.State yesState,
      Event yesEvent, Event returned) {
    bodyReport(cycleKey, body);
    OffsetDateTime now = now();
    if (yes) {
      repository.setState(cycleKey, body, yesState.name(), now);
      repository.event(cycleKey, body, yesEvent, actor(), now, null);
      return null;
    }
    DueDates.Schedule due = dueDates.afterReturn(now);
    repository.returned(cycleKey, body, due.dueAt(), now);
    repository.event(cycleKey, body, returned, actor(), now, reason);
    return due;
  }

  public void reminded(String cycleKey, String body) {
    repository.event(cycleKey, body, Event.REMINDED, ENGINE, now(), null);
  }

  public void escalated(String cycleKey, String body, int level) {
    OffsetDateTime now = now();
    repository.escalated(cycleKey, body, level, now);
    repository.event(cycleKey, body, level == 1 ? Event.ESCALATED_1 : Event.ESCALATED_2, ENGINE, now, null);
  }

  /** A controlled step's reminder (level 0), deadline (1) or level 2 fired; the reason names the step's task. */
  public void controlDeadline(String cycleKey, String body, String taskKey, int level) {
    Event event = switch (level) {
      case 0 -> Event.STEP_REMINDED;
      case 1 -> Event.STEP_OVERDUE_1;
      default -> Event.STEP_OVERDUE_2;
    };
    repository.event(cycleKey, body, event, ENGINE, now(), taskKey);
  }

  public void overdueActed(String cycleKey, String body, int level, String action) {
    repository.event(cycleKey, body, level == 1 ? Event.OVERDUE_ACTED_1 : Event.OVERDUE_ACTED_2, actor(), now(), action);
  }

  public Consolidation consolidation(String cycleKey) {
    int accepted = 0;
    int declined = 0;
    Integer achieved = null;
    var reports = repository.bodyReports(cycleKey);
    for (BodyReport r : reports) {
      if (ReportProcess.State.accepted.name().equals(r.state())) {
        accepted++;
        if (r.achievedCount() != null) {
          achieved = (achieved == null ? 0 : achieved) + r.achievedCount();
        }
      } else if (ReportProcess.State.declined.name().equals(r.state())) {
        declined++;
      }
    }
    return new Consolidation(reports.size(), accepted, declined, achieved);
  }

  /** Item 16: the information work's quota counted over the accepted reports. */
  public Integer quotaCounted(String cycleKey, String rowNumber) {
    Integer achieved = consolidation(cycleKey).quotaAchieved();
    Quota quota = plan(cycleKey).row(rowNumber).map(PlanRow::quota).orElse(null);
    repository.event(cycleKey, null, Event.QUOTA_COUNTED, ENGINE, now(),
        "achieved " + (achieved == null ? 0 : achieved) + (quota == null ? "" : " of " + quota.count() + " " + quota.unit()));
    return achieved;
  }

  public void consolidated(String cycleKey, String summary) {
    repository.event(cycleKey, null, Event.CONSOLIDATED, actor(), now(), summary);
  }

  /** Closes the period; for a research row, records the measured indicator values. */
  public void closed(String cycleKey, String note, Map<Integer, BigDecimal> indicatorValues) {
    OffsetDateTime now = now();
    String actor = actor();
    int year = kz.jospar.calendar.PlanPeriod.yearOf(cycleKey);
    indicatorValues.forEach((number, value) -> repository.indicatorFact(number, year, cycleKey, value, actor, now));
    repository.closeCycle(cycleKey, actor, now);
    repository.event(cycleKey, null, Event.CLOSED, actor, now, note);
  }

  /** Item 15: the measured values beside the plan's, recorded in the audit trail. */
  public String indicatorsCompared(String cycleKey) {
    int year = kz.jospar.calendar.PlanPeriod.yearOf(cycleKey);
    StringJoiner summary = new StringJoiner("; ");
    for (ReportRepository.IndicatorFact fact : repository.indicatorFacts(year)) {
      if (!fact.cycleKey().equals(cycleKey)) {
        continue;
      }
      Indicator indicator = plan(cycleKey).indicators().stream().filter(i -> i.number() == fact.indicator()).findFirst().orElseThrow();
      BigDecimal planned = indicator.planned().get(year);
      summary.add(fact.indicator() + ": " + fact.value().stripTrailingZeros().toPlainString() + " (plan " + planned + ", " + (fact.value().compareTo(planned) >= 0 ? "met" : "below") + ")");
    }
    repository.event(cycleKey, null, Event.INDICATORS_COMPARED, ENGINE, now(), summary.toString());
    return summary.toString();
  }

  /** An item's own step (session prepared or held, register updated). */
  public void step(String cycleKey, Event event, String detail) {
    repository.event(cycleKey, null, event, actor(), now(), detail);
  }

  private BodyReport bodyReport(String cycleKey, String body) {
    return repository.bodyReport(cycleKey, body)
        .orElseThrow(() -> new IllegalStateException("no report of body " + body + " in cycle " + cycleKey));
  }
}
