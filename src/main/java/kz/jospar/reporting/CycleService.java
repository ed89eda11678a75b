package kz.jospar.reporting;

import kz.jospar.engine.Acting;

import kz.jospar.engine.EngineClock;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.jospar.calendar.PlanCalendar;
import kz.jospar.calendar.PlanCalendars;
import kz.jospar.calendar.PlanPeriod;
import kz.jospar.catalog.Body;
import kz.jospar.catalog.Executor;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.catalog.PlanRow;
import kz.jospar.catalog.Plans;
import kz.jospar.access.Roles;
import kz.jospar.language.RejectedInput;
import kz.jospar.reporting.ReportProcess.Event;
import kz.jospar.reporting.ReportProcess.Vars;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens report cycles: each (row, period) exactly once, by the engine's schedule or by the
 * coordinator's hand. The cycle's row in {@code jospar_cycle} and its process instance are made in
 * one transaction, so neither exists without the other.
 */
@Service
public class CycleService {

  private static final Logger log = LoggerFactory.getLogger(CycleService.class);
  public static final String SCHEDULER = "scheduler";

  /** One body's part in a cycle. */
  public record Assignment(String body, boolean lead, boolean byAgreement) {}

  /**
   * The due moments a coordinator may choose for a period: from the start of today (an earlier day would
   * make the report late before anyone could act), not before the period starts, and no later than the end
   * of the year after the plan's last year (a later deadline would never be chased while the plan runs).
   */
  public record DueRange(OffsetDateTime now, OffsetDateTime notBefore, OffsetDateTime notAfter) {
    public boolean admits(OffsetDateTime dueAt) {
      return !dueAt.isBefore(now) && !dueAt.isBefore(notBefore) && !dueAt.isAfter(notAfter);
    }

    /** The 400 that names {@code dueAt}, the value sent and this range. */
    public RejectedInput rejected(String sent) {
      return RejectedInput.badRequest("dueAt", "input.dueAtRange", shown(sent), now.withNano(0), notBefore, notAfter);
    }
  }

  public record OpenedCycle(String cycleKey, String row, String periodKey, OffsetDateTime dueAt, List<Assignment> assignments,
      String processInstanceId, String planCode, String planVersion) {}

  private final PlanCatalog catalog;
  private final Plans plans;
  private final PlanCalendars calendars;
  private final DueDates dueDates;
  private final CycleProperties properties;
  private final ReportRepository repository;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final TransactionTemplate inTransaction;
  private final org.camunda.bpm.engine.ProcessEngine engine;

  private final kz.jospar.catalog.PlanVersions versions;

  CycleService(Plans plans, PlanCalendars calendars, DueDates dueDates, CycleProperties properties, ReportRepository repository,
      RuntimeService runtimeService, IdentityService identityService, PlatformTransactionManager transactions,
      org.camunda.bpm.engine.ProcessEngine engine, kz.jospar.catalog.PlanVersions versions) {
    this.versions = versions;
    this.catalog = plans.primary();
    this.plans = plans;
    this.calendars = calendars;
    this.dueDates = dueDates;
    this.properties = properties;
    this.repository = repository;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.inTransaction = new TransactionTemplate(transactions);
    this.engine = engine;
  }

  /**
   * The bodies that report for a row: its executors, groups expanded, in the decree's order. The
   * first executor leads; when the first executor is a group, each of its members leads its own
   * report and the coordinator consolidates.
   */
  public List<Assignment> assignments(PlanRow row) {
    Map<String, Assignment> out = new LinkedHashMap<>();
    for (int i = 0; i < row.executors().size(); i++) {
      Executor e = row.executors().get(i);
      boolean lead = i == 0 && !catalog.bodies().find(e.body()).map(Body::isGroup).orElse(false);
      for (Body body : catalog.bodies().expand(e.body())) {
        out.putIfAbsent(body.code(), new Assignment(body.code(), lead, e.byAgreement()));
      }
    }
    return new ArrayList<>(out.values());
  }

  /** Who consolidates a row's period: the lead body, or the coordinator when the lead is a group. */
  public String leadGroup(PlanRow row) {
    Executor lead = row.lead();
    boolean single = lead != null && catalog.bodies().find(lead.body()).map(b -> !b.isGroup()).orElse(false);
    return single ? lead.body() : Roles.COORDINATOR;
  }

  /**
   * Who consolidates an open cycle, as it was opened: its lead body, or the coordinator when a group leads it. Read from
   * the cycle's records, not the catalog, so that an amendment of the row does not move an open cycle's work.
   */
  public String leadGroup(String cycleKey) {
    return repository.leadBody(cycleKey).orElse(Roles.COORDINATOR);
  }

  /**
   * Opens one period of the primary plan. Refused with {@link CycleAlreadyOpenException} when it is already open, with
   * {@link UnknownPeriodException} when the plan has no such row or period.
   *
   * @param dueOverride a due moment chosen by the coordinator (catch-up of a past period), or null for the plan's
   */
  public OpenedCycle open(String rowNumber, String periodKey, String actor, OffsetDateTime dueOverride) {
    return open(null, rowNumber, periodKey, actor, dueOverride);
  }

  /** Opens one period of a plan by its code; null means the primary plan. */
  public OpenedCycle open(String planCode, String rowNumber, String periodKey, String actor, OffsetDateTime dueOverride) {
    PlanCalendar calendar = calendar(planCode);
    PlanCatalog plan = calendar.catalog();
    PlanRow row = plan.row(rowNumber).orElseThrow(() -> new UnknownPeriodException("row", "period.noRow", shown(rowNumber)));
    if (!row.hasSchedule()) {
      throw new UnknownPeriodException("row", "period.heading", rowNumber);
    }
    PlanPeriod period = calendar.find(rowNumber, periodKey)
        .orElseThrow(() -> new UnknownPeriodException("period", "period.noPeriod", rowNumber, shown(periodKey)));
    if (dueOverride != null) {
      DueRange range = dueRange(plan, period);
      if (!range.admits(dueOverride)) {
        throw range.rejected(dueOverride.toString());
      }
    }
    return inTransaction.execute(status -> doOpen(plan, row, period, actor, dueOverride));
  }

  /** The due moments a coordinator may choose for a (row, period); {@link UnknownPeriodException} when the plan has none. */
  public DueRange dueRange(String rowNumber, String periodKey) {
    return dueRange(null, rowNumber, periodKey);
  }

  public DueRange dueRange(String planCode, String rowNumber, String periodKey) {
    PlanCalendar calendar = calendar(planCode);
    calendar.catalog().row(rowNumber).orElseThrow(() -> new UnknownPeriodException("row", "period.noRow", shown(rowNumber)));
    return dueRange(calendar.catalog(), calendar.find(rowNumber, periodKey)
        .orElseThrow(() -> new UnknownPeriodException("period", "period.noPeriod", rowNumber, shown(periodKey))));
  }

  private PlanCalendar calendar(String planCode) {
    return calendars.find(planCode).orElseThrow(() -> new UnknownPeriodException("plan", "period.noPlan", shown(planCode), plans.codes()));
  }

  /** A value as sent, cut short: a refusal does not echo a megabyte back. */
  static String shown(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }

  private DueRange dueRange(PlanCatalog plan, PlanPeriod period) {
    // from the start of today: a catch-up due today may already be overdue (and escalate at once); an earlier day is a mistake
    OffsetDateTime now = EngineClock.now(properties.zone()).toLocalDate().atStartOfDay(properties.zone()).toOffsetDateTime();
    OffsetDateTime start = period.start().atStartOfDay(properties.zone()).toOffsetDateTime();
    OffsetDateTime last = LocalDate.of(plan.lastYear() + 1, 12, 31).atTime(LocalTime.of(23, 59, 59))
        .atZone(properties.zone()).toOffsetDateTime();
    return new DueRange(now, start, last);
  }

  private OpenedCycle doOpen(PlanCatalog plan, PlanRow row, PlanPeriod period, String actor, OffsetDateTime dueOverride) {
    OffsetDateTime now = EngineClock.now(properties.zone());
    DueDates.Schedule due = dueOverride != null ? dueDates.forDueAt(dueOverride) : dueDates.forDeadline(period.deadline());
    String cycleKey = period.cycleKey();
    // the version this cycle runs under must be readable for as long as the cycle is: stored now if start could not
    versions.store(plan);
    try {
      repository.insertCycle(cycleKey, plan.code(), plan.version(), row.number(), period.key(), PlanPeriod.yearOfKey(period.key()),
          period.deadline(), due.dueAt(), now, actor);
    } catch (DuplicateKeyException e) {
      throw new CycleAlreadyOpenException(cycleKey);
    }
    List<Assignment> assignments = assignments(row);
    for (Assignment a : assignments) {
      repository.insertBodyReport(cycleKey, a.body(), a.lead(), a.byAgreement(), due.dueAt(), now);
    }
    repository.event(cycleKey, null, Event.OPENED, actor, now, null);

    Map<String, Object> variables = new HashMap<>();
    variables.put(Vars.CYCLE_KEY, cycleKey);
    variables.put(Vars.PLAN_CODE, plan.code());
    variables.put(Vars.ROW_NUMBER, row.number());
    variables.put(Vars.ROW_NAME, row.number() + " " + row.name().kk());
    variables.put(Vars.PERIOD_KEY, period.key());
    variables.put(Vars.PERIOD_LABEL, period.label().kk());
    variables.put(Vars.DUE_AT, due.dueDate());
    variables.put(Vars.LEAD_GROUP, leadGroup(row));
    variables.put(Vars.COORDINATOR_GROUP, Roles.COORDINATOR);
    variables.put(Vars.RECORDS_INDICATORS, row.recordsIndicators());
    variables.put(Vars.HAS_QUOTA, row.quota() != null);
    // The opener's right was checked by the caller (coordinator role, or the scheduler); the item
    // processes are not startable by anyone directly, so the start runs as the system.
    ProcessInstance instance = Acting.asSystem(identityService,
        () -> runtimeService.startProcessInstanceByKey(ReportProcess.processKey(row), cycleKey, variables));
    repository.setCycleProcess(cycleKey, instance.getId());
    log.info("Opened period {} for {} bodies (by {}), due {}", cycleKey, assignments.size(), actor, due.dueAt());
    return new OpenedCycle(cycleKey, row.number(), period.key(), due.dueAt(), assignments, instance.getId(), plan.code(), plan.version());
  }

  /**
   * Opens every period whose opening day has come and whose deadline has not passed; each in its
   * own engine command and transaction, so one failure does not hold back the rest (it is logged,
   * and the next run tries that period again). Periods whose deadline is already
   * past are never opened by the engine: that is catch-up, and the coordinator's decision.
   *
   * @return the cycle keys opened now
   */
  public List<String> openDue(LocalDate today) {
    List<String> opened = new ArrayList<>();
    for (PlanCalendar calendar : calendars.all()) {
      PlanCatalog plan = calendar.catalog();
      for (int year = today.getYear(); year <= today.getYear() + 1; year++) {
        if (!plan.coversYear(year)) {
          continue;
        }
        for (PlanPeriod period : calendar.year(year)) {
          boolean due = !dueDates.openingDay(period.deadline()).isAfter(today) && !period.deadline().isBefore(today);
          if (!due || repository.cycleExists(plan.code(), period.row(), period.key())) {
            continue;
          }
          // Its own engine command in a new transaction: the cycle's rows and its process instance
          // commit together, whatever becomes of the scheduler's job or of the other periods.
          try {
            kz.jospar.engine.EngineCommands.inNewTransaction(engine,
                () -> doOpen(plan, plan.row(period.row()).orElseThrow(), period, SCHEDULER, null));
            opened.add(period.cycleKey());
          } catch (CycleAlreadyOpenException e) {
            log.info("Period {} was opened meanwhile elsewhere", period.cycleKey());
          } catch (RuntimeException e) {
            log.error("Period {} could not be opened; the next run tries again: {}", period.cycleKey(), e.getMessage(), e);
          }
        }
      }
    }
    return opened;
  }

  /** The body codes of a cycle, for the item models' multi-instance of body reports. */
  public List<String> bodyCodes(String cycleKey) {
    return repository.bodyCodes(cycleKey);
  }
}
