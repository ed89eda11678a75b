package kz.jospar.monitor;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.catalog.PlanRow;
import kz.jospar.reporting.PlanStatus;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The annual report on the plan's execution that a ministry sends upward: per item, what was done,
 * by whom, on time or not, with which documents; then the target indicators. One model, written as
 * XLSX ({@link XlsxExport}) and PDF ({@link PdfExport}) in the reader's language.
 */
@Component
class ExecutionReport {

  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
  static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

  /** One report of a body for a period, as the annual report lists it. */
  record Entry(String period, String body, String state, String timeliness, String due, String submitted, String submittedBy,
      int escalationLevel, int returns, Integer achieved, String text, List<String> documents) {}

  record Item(String number, String name, Integer planned, Integer achieved, String unit, List<Entry> entries) {}

  record IndicatorRow(int number, String name, String unit, String planned, String fact) {}

  record Model(Locale lang, int year, String title, String plan, String generated, String scope, Map<String, Integer> totals,
      List<Item> items, List<IndicatorRow> indicators, MessageSource words, Discipline.View discipline) {

    String word(String key, Object... args) {
      return words.getMessage(key, args, lang);
    }

    /** "4 отчёта из 8 сданы в срок": the count's plural form in the reader's language, not a concatenation. */
    String disciplineSummary() {
      Discipline.Figures t = discipline.total();
      return word("discipline.summary." + kz.jospar.language.Plural.of(t.onTime(), lang), t.onTime(), t.due());
    }

    /** The column heads of a discipline table whose first column is {@code first} (with a rank column for bodies). */
    List<String> disciplineHead(String first, boolean ranked) {
      List<String> head = new ArrayList<>();
      if (ranked) {
        head.add(word("discipline.rank"));
      }
      head.add(first);
      for (String k : new String[] {"due", "onTime", "late", "share", "avgDelay", "worstDelay", "returned", "rounds", "extensions",
          "escalated1", "escalated2", "declined"}) {
        head.add(word("discipline." + k));
      }
      return head;
    }

    /** A line of a discipline table as text, in the order of {@link #disciplineHead}. */
    static List<String> disciplineCells(Discipline.Line l, boolean ranked) {
      Discipline.Figures f = l.figures();
      List<String> cells = new ArrayList<>();
      if (ranked) {
        cells.add(String.valueOf(l.rank()));
      }
      cells.add(ranked ? l.name() : l.name() == null || l.name().isBlank() || l.name().equals(l.code()) ? l.code() : l.code() + " " + l.name());
      for (Object v : new Object[] {f.due(), f.onTime(), f.late(), f.onTimeShare(), f.averageDelay().toPlainString(), f.worstDelay(),
          f.returned(), f.rounds(), f.extensions(), f.escalated1(), f.escalated2(), f.declined()}) {
        cells.add(String.valueOf(v));
      }
      return cells;
    }

    /** The quarters' table: quarter, due, on time, late, on-time share (empty for a quarter without reports due). */
    List<List<String>> quarterRows() {
      return discipline.quarters().stream().map(q -> List.of(word("discipline.quarter." + q.quarter()), String.valueOf(q.due()),
          String.valueOf(q.onTime()), String.valueOf(q.late()), q.onTimeShare() == null ? "" : q.onTimeShare() + "%")).toList();
    }
  }

  private final MonitorService monitor;
  private final PlanStatus status;
  private final PlanCatalog catalog;
  private final HistoryService history;
  private final MessageSource words;

  ExecutionReport(MonitorService monitor, PlanStatus status, PlanCatalog catalog, HistoryService history, MessageSource words) {
    this.monitor = monitor;
    this.status = status;
    this.catalog = catalog;
    this.history = history;
    this.words = words;
  }

  java.time.ZoneId zone() {
    return status.zone();
  }

  Model build(MonitorFilter filter, Collection<String> bodies, Locale lang, String preparedBy) {
    ZoneId zone = status.zone();
    List<PlanStatus.Report> yearReports = status.reports(filter.year(), bodies);
    MonitorView view = monitor.view(filter, bodies, lang, yearReports);
    Map<String, PlanStatus.Report> byKey = new HashMap<>();
    yearReports.forEach(r -> byKey.put(r.cycleKey() + "|" + r.body(), r));
    Map<String, List<String>> documents = documents(view.reports().stream()
        .map(l -> byKey.get(l.cycleKey() + "|" + l.body())).filter(java.util.Objects::nonNull)
        .map(PlanStatus.Report::processInstanceId).filter(java.util.Objects::nonNull).toList());

    List<Item> items = new ArrayList<>();
    for (MonitorView.RowSummary row : view.rows()) {
      List<Entry> entries = view.reports().stream().filter(l -> l.row().equals(row.number()))
          .map(l -> {
            PlanStatus.Report r = byKey.get(l.cycleKey() + "|" + l.body());
            String timeliness = l.submittedAt() == null ? words.getMessage("notSubmitted", null, lang)
                : words.getMessage(l.late() ? "late" : "onTime", null, lang);
            if (l.extended()) {
              timeliness += " (" + words.getMessage("extended", null, lang) + ")"; // issue 16: the due date was moved by a granted request
            }
            return new Entry(l.period(), l.bodyName(), words.getMessage("state." + l.state(), null, lang), timeliness,
                l.dueAt() == null ? "" : DATE_TIME.format(l.dueAt().atZoneSameInstant(zone)),
                l.submittedAt() == null ? "" : DATE_TIME.format(l.submittedAt().atZoneSameInstant(zone)),
                r == null || r.submittedBy() == null ? "" : r.submittedBy(), l.escalationLevel(), l.returns(), l.achieved(),
                r == null || r.text() == null ? "" : r.text(),
                r == null || r.processInstanceId() == null ? List.of() : documents.getOrDefault(r.processInstanceId(), List.of()));
          }).toList();
      items.add(new Item(row.number(), row.name(), row.quotaPlanned(), row.quotaAchieved(), row.unit(), entries));
    }
    List<IndicatorRow> indicators = view.indicators().stream()
        .map(i -> new IndicatorRow(i.number(), i.name(), i.unit(),
            i.planned().containsKey(filter.year()) ? i.planned().get(filter.year()).toPlainString() : "",
            i.fact().containsKey(filter.year()) ? i.fact().get(filter.year()).toPlainString() : ""))
        .toList();
    String scope = bodies == null ? words.getMessage("report.scopeAll", null, lang)
        : words.getMessage("report.scopeBodies", new Object[] {String.join(", ", view.bodies().stream().map(MonitorView.Option::name).toList())}, lang);
    return new Model(lang, filter.year(), words.getMessage("report.title", new Object[] {String.valueOf(filter.year())}, lang),
        monitor.plan(filter).title() == null ? words.getMessage("report.plan", null, lang) : monitor.plan(filter).title().in(lang),
        words.getMessage("report.generated", new Object[] {DATE.format(LocalDate.now(zone)), preparedBy}, lang), scope, view.totals(),
        items, indicators, words, view.discipline());
  }

  /** The documents' file names, by report process instance (names only: the files stay in the engine). */
  private Map<String, List<String>> documents(List<String> processInstanceIds) {
    Map<String, List<String>> names = new HashMap<>();
    for (int from = 0; from < processInstanceIds.size(); from += 500) {
      String[] chunk = processInstanceIds.subList(from, Math.min(processInstanceIds.size(), from + 500)).toArray(String[]::new);
      for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().processInstanceIdIn(chunk)
          .variableName(kz.jospar.reporting.ReportProcess.Vars.REPORT_DOCUMENT).disableBinaryFetching().list()) {
        if (v.getTypedValue() instanceof FileValue file && file.getFilename() != null) {
          names.computeIfAbsent(v.getProcessInstanceId(), k -> new ArrayList<>()).add(file.getFilename());
        }
      }
    }
    return names;
  }
}
