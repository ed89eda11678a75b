package kz.jospar.monitor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kz.jospar.calendar.PlanCalendar;
import kz.jospar.calendar.PlanPeriod;
import kz.jospar.catalog.Body;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.catalog.PlanRow;
import kz.jospar.reporting.PlanStatus;
import org.springframework.stereotype.Service;

/**
 * The plan monitor's figures for a year: one query of the year's reports, then counted in memory
 * (a full year is a few thousand reports), so the page answers at once with every body.
 */
@Service
class MonitorService {

  /** From worst to best: the colour of a heat-map cell is its worst report's. */
  static final List<String> SEVERITY = List.of("overdue", "returned", "open", "submitted", "approved", "accepted", "declined");

  private final kz.jospar.catalog.Plans plans;
  private final kz.jospar.calendar.PlanCalendars calendars;
  private final PlanCatalog catalog;
  private final PlanStatus status;

  private final kz.jospar.catalog.PlanVersions versions;
  private final Discipline discipline;

  MonitorService(kz.jospar.catalog.Plans plans, kz.jospar.calendar.PlanCalendars calendars, PlanStatus status,
      kz.jospar.catalog.PlanVersions versions, Discipline discipline) {
    this.versions = versions;
    this.discipline = discipline;
    this.plans = plans;
    this.calendars = calendars;
    this.catalog = plans.primary(); // the bodies' directory, one for every plan
    this.status = status;
  }

  /** The plan a filter names (the primary plan when none). */
  PlanCatalog plan(MonitorFilter filter) {
    return plans.find(filter.plan()).orElseThrow(() -> new IllegalArgumentException("no plan " + filter.plan()));
  }

  /** {@code bodies} null for the whole plan, else only those bodies' reports. */
  MonitorView view(MonitorFilter filter, Collection<String> bodies, Locale lang) {
    return view(filter, bodies, lang, status.reports(filter.year(), bodies));
  }

  /** The same from reports already read (the annual report needs their texts too: one query, not two). */
  MonitorView view(MonitorFilter filter, Collection<String> bodies, Locale lang, List<PlanStatus.Report> yearReports) {
    PlanCatalog catalog = plan(filter);
    PlanCalendar calendar = calendars.find(catalog.code()).orElseThrow();
    boolean primary = catalog == plans.primary();
    Map<String, PlanRow> rows = catalog.rows().collect(Collectors.toMap(PlanRow::number, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    // a row an amendment removed keeps its history: its reports are shown under the row as their cycle's version had it
    yearReports.stream()
        .filter(r -> (r.planCode() == null ? primary : catalog.code().equals(r.planCode())) && !rows.containsKey(r.row()))
        .forEach(r -> versions.row(catalog.code(), r.planVersion(), r.row()).ifPresent(row -> rows.putIfAbsent(row.number(), row)));
    List<PlanStatus.Report> all = yearReports.stream()
        // one plan at a time: another plan's rows may have the same numbers
        .filter(r -> r.planCode() == null ? primary : catalog.code().equals(r.planCode()))
        .filter(r -> rows.containsKey(r.row()))
        .filter(r -> {
          PlanRow row = rows.get(r.row());
          return filter.rowMatches(row.number(), row.parent(), direction(row, rows));
        })
        .filter(r -> filter.body() == null || filter.body().equals(r.body()))
        .toList();
    List<PlanStatus.Report> shown = all.stream().filter(r -> filter.stateMatches(r.state(), r.late(), r.escalationLevel())).toList();

    Map<String, Integer> totals = new LinkedHashMap<>();
    SEVERITY.forEach(s -> totals.put(s, 0));
    totals.put("late", 0);
    totals.put("onTime", 0);
    totals.put("escalated", 0);
    for (PlanStatus.Report r : shown) {
      totals.merge(r.state(), 1, Integer::sum);
      if (r.submittedAt() != null) {
        totals.merge(r.late() ? "late" : "onTime", 1, Integer::sum);
      }
      if (r.escalationLevel() > 0) {
        totals.merge("escalated", 1, Integer::sum);
      }
    }

    List<MonitorView.RowSummary> summaries = new ArrayList<>();
    Map<String, List<PlanStatus.Report>> byRow = shown.stream().collect(Collectors.groupingBy(PlanStatus.Report::row));
    for (PlanRow row : rows.values()) {
      if (!filter.rowMatches(row.number(), row.parent(), direction(row, rows)) || !row.hasSchedule()) {
        continue;
      }
      List<PlanStatus.Report> reports = byRow.getOrDefault(row.number(), List.of());
      Map<String, Integer> states = new LinkedHashMap<>();
      reports.forEach(r -> states.merge(r.state(), 1, Integer::sum));
      Integer planned = null;
      Integer achieved = null;
      int below = 0;
      String unit = null;
      if (row.quota() != null) {
        int periods = row.quota().per() == kz.jospar.catalog.Quota.Per.period ? calendar.periods(row, filter.year()).size() : 1;
        long reporting = reports.stream().map(PlanStatus.Report::body).distinct().count();
        planned = (int) (row.quota().count() * periods * reporting);
        achieved = reports.stream().map(PlanStatus.Report::achievedCount).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).sum();
        below = (int) reports.stream().filter(r -> Boolean.TRUE.equals(r.belowQuota())).count();
        unit = catalog.units().containsKey(row.quota().unit()) ? catalog.units().get(row.quota().unit()).in(lang) : row.quota().unit();
      }
      summaries.add(new MonitorView.RowSummary(row.number(), row.parent(), direction(row, rows), row.name().in(lang), states, planned,
          achieved, below, unit));
    }

    List<MonitorView.Cell> cells = shown.stream()
        .collect(Collectors.groupingBy(r -> r.row() + "|" + r.body(), LinkedHashMap::new, Collectors.toList()))
        .values().stream()
        .map(list -> new MonitorView.Cell(list.get(0).row(), list.get(0).body(),
            list.stream().map(PlanStatus.Report::state).min(java.util.Comparator.comparingInt(SEVERITY::indexOf)).orElseThrow(),
            list.size(), (int) list.stream().filter(r -> r.state().equals("accepted") || r.state().equals("approved")).count(),
            list.stream().mapToInt(PlanStatus.Report::escalationLevel).max().orElse(0)))
        .toList();

    List<MonitorView.Line> lines = shown.stream()
        .map(r -> new MonitorView.Line(r.cycleKey(), r.row(), r.period(), r.body(), bodyName(r.body(), lang), r.state(), r.dueAt(),
            r.submittedAt(), r.late(), r.escalationLevel(), r.returns(), r.byAgreement(), r.achievedCount(), r.planCode(), r.planVersion(), r.extended(), r.stepDueAt()))
        .toList();

    List<MonitorView.Option> bodyOptions = (bodies == null ? catalog.bodies().leaves().stream().map(Body::code).toList() : List.copyOf(bodies))
        .stream().filter(catalog.bodies()::contains).map(code -> new MonitorView.Option(code, bodyName(code, lang), shortName(code, lang))).toList();
    List<MonitorView.Option> directions = catalog.directions().stream()
        .map(d -> new MonitorView.Option(d.code(), d.name().in(lang))).toList();
    List<Integer> years = IntStream.rangeClosed(catalog.firstYear(), catalog.lastYear()).boxed().toList();
    List<MonitorView.Option> planOptions = plans.stream()
        .map(p -> new MonitorView.Option(p.code(), p.firstYear() + "–" + p.lastYear() + " " + p.title().in(lang))).toList();

    // executive discipline over the same reports (the state filter aside: it is about how reports came, not where they are)
    List<Discipline.Fact> facts = discipline.facts(catalog.code(), filter.year(), bodies).stream()
        .filter(f -> rows.containsKey(f.row()))
        .filter(f -> {
          PlanRow row = rows.get(f.row());
          return filter.rowMatches(row.number(), row.parent(), direction(row, rows));
        })
        .filter(f -> filter.body() == null || filter.body().equals(f.body()))
        .toList();
    Map<String, String> rowOfPeriod = new java.util.HashMap<>();
    facts.forEach(f -> rowOfPeriod.putIfAbsent(f.period(), f.row()));
    Discipline.View disciplineView = discipline.view(facts, kz.jospar.engine.EngineClock.now(status.zone()), status.zone(),
        code -> bodyName(code, lang), number -> rows.get(number).name().in(lang),
        period -> calendar.find(rowOfPeriod.get(period), period).map(p -> p.label().in(lang)).orElse(period));

    return new MonitorView(filter.year(), years, lang.getLanguage(), bodies == null, directions, bodyOptions, summaries, cells, totals, lines,
        indicators(catalog, lang), catalog.code(), planOptions, catalog.version(), disciplineView);
  }

  /** Planned values of section 6 beside the facts recorded when research periods closed (the latest of each year). */
  private List<MonitorView.IndicatorLine> indicators(PlanCatalog catalog, Locale lang) {
    String planOfFacts = catalog == plans.primary() ? null : catalog.code();
    Map<Integer, TreeMap<Integer, BigDecimal>> facts = new TreeMap<>();
    for (int year = catalog.firstYear(); year <= catalog.lastYear(); year++) {
      for (PlanStatus.IndicatorFact fact : status.indicatorFacts(year)) {
        if (!java.util.Objects.equals(PlanPeriod.planOf(fact.cycleKey()), planOfFacts)) {
          continue; // another plan's indicator, numbered in that plan
        }
        facts.computeIfAbsent(fact.indicator(), i -> new TreeMap<>()).put(fact.year(), fact.value());
      }
    }
    return catalog.indicators().stream()
        .map(i -> new MonitorView.IndicatorLine(i.number(), i.name().in(lang), i.unit(), i.planned(), facts.getOrDefault(i.number(), new TreeMap<>())))
        .toList();
  }

  String bodyName(String code, Locale lang) {
    return catalog.bodies().find(code).map(b -> b.name().in(lang)).orElse(code);
  }

  private String shortName(String code, Locale lang) {
    return catalog.bodies().find(code).map(b -> b.abbreviation() != null && b.abbreviation().in(lang) != null ? b.abbreviation().in(lang)
        : b.name().in(lang)).orElse(code);
  }

  private static String direction(PlanRow row, Map<String, PlanRow> rows) {
    if (row.direction() != null) {
      return row.direction();
    }
    PlanRow parent = row.parent() == null ? null : rows.get(row.parent());
    return parent == null ? null : parent.direction();
  }
}
