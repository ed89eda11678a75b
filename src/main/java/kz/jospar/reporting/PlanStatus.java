package kz.jospar.reporting;

import kz.jospar.engine.EngineClock;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The state of every report of a year, read-only: for the status API, the plan monitor and the
 * exports. A report still open or returned after its due moment is {@code overdue}.
 */
@Service
public class PlanStatus {

  /**
   * One body's report for one period of one plan row.
   *
   * @param planCode the plan the cycle belongs to
   * @param planVersion the version of the plan the cycle was opened under; null for cycles opened before versions were recorded
   */
  public record Report(String cycleKey, String row, String period, String body, boolean lead, boolean byAgreement, String state,
      OffsetDateTime dueAt, OffsetDateTime submittedAt, String submittedBy, int escalationLevel, boolean late, Integer achievedCount,
      Boolean belowQuota, String periodState, String text, int returns, String processInstanceId, String planCode, String planVersion,
      boolean extended, OffsetDateTime stepDueAt) {}

  /** A measured value of a target indicator, recorded when a research period closed. */
  public record IndicatorFact(int indicator, int year, String cycleKey, BigDecimal value, String recordedBy, OffsetDateTime recordedAt) {}

  private final ReportRepository repository;
  private final CycleProperties properties;

  PlanStatus(ReportRepository repository, CycleProperties properties) {
    this.repository = repository;
    this.properties = properties;
  }

  /** A year's reports; {@code bodies} null for every body, else only those bodies' (a body sees its own). */
  public List<Report> reports(int year, Collection<String> bodies) {
    OffsetDateTime now = EngineClock.now(properties.zone());
    Map<String, Integer> returns = repository.returnsOfYear(year);
    return repository.status(year, bodies).stream()
        .map(r -> new Report(r.cycleKey(), r.row(), r.periodKey(), r.body(), r.lead(), r.byAgreement(), state(r, now), r.dueAt(),
            r.submittedAt(), r.submittedBy(), r.escalationLevel(), r.late(), r.achievedCount(), r.belowQuota(), r.cycleState(),
            r.text(), returns.getOrDefault(r.cycleKey() + "|" + r.body(), 0), r.processInstanceId(), r.planCode(), r.planVersion(), r.extended(), r.stepDueAt()))
        .toList();
  }

  public List<IndicatorFact> indicatorFacts(int year) {
    return repository.indicatorFacts(year).stream()
        .map(f -> new IndicatorFact(f.indicator(), f.year(), f.cycleKey(), f.value(), f.recordedBy(), f.recordedAt()))
        .collect(Collectors.toList());
  }

  /** Open or returned and past its due moment: overdue. */
  static String state(ReportRepository.StatusRow r, OffsetDateTime now) {
    boolean waiting = ReportProcess.State.open.name().equals(r.state()) || ReportProcess.State.returned.name().equals(r.state());
    return waiting && now.isAfter(r.dueAt()) ? ReportProcess.State.overdue.name() : r.state();
  }

  /** The plan's time zone (Asia/Almaty), for showing dates as the bodies read them. */
  public java.time.ZoneId zone() {
    return properties.zone();
  }
}
