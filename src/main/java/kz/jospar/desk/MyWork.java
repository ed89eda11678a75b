package kz.jospar.desk;

import kz.jospar.access.PersonNames;
import kz.jospar.engine.EngineClock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.jospar.calendar.PlanCalendars;
import kz.jospar.calendar.WorkingCalendar;
import kz.jospar.catalog.Body;
import kz.jospar.language.LocalizedText;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.catalog.PlanRow;
import kz.jospar.catalog.Plans;
import kz.jospar.reporting.CycleProperties;
import kz.jospar.reporting.TaskTitles;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * A person's own work: the open tasks of the groups they belong to, read in one SQL query over the
 * engine's task tables (no task query with its per-task checks), overdue first, each said in the reader's language with the time
 * left or past in Astana's working days. Opening or completing a task still goes through the engine
 * as the person, where the command policy and the completion check decide.
 */
@Service
public class MyWork {

  /**
   * The one read of the list, whatever asks (a page, a search, "all under this filter", one task's
   * context): the engine's open tasks, narrowed by a condition on the task {@code t} (and, where a
   * filter needs them, its instance {@code e} and report {@code fr}), each once; the instance's business
   * key and the report's body joined only for the rows read. Straight from the engine's task and
   * identity-link tables, so the list never disagrees with the engine and costs nothing when tasks
   * come and go (a copy kept by task listeners cost three statements per completion).
   */
  private static String read(String from, String where, boolean counted, boolean paged) {
    return "SELECT w.task_id, w.task_key, c.plan_code, c.plan_row, c.period_key, r.body_code, w.assignee, w.due_at, r.by_agreement, "
        + "r.due_at AS report_due_at" + (counted ? ", w.total, w.overdue" : "")
        + " FROM (SELECT t.ID_ AS task_id, t.TASK_DEF_KEY_ AS task_key, t.PROC_INST_ID_ AS process_instance_id, t.ASSIGNEE_ AS assignee, "
        + "t.DUE_DATE_ AS due_at, t.CREATE_TIME_ AS created_at, " + urgency("t.TASK_DEF_KEY_", "t.DUE_DATE_") + " AS urgency"
        + (counted ? ", COUNT(*) OVER () AS total, COUNT(CASE WHEN t.DUE_DATE_ < :todayStart THEN 1 END) OVER () AS overdue" : "")
        + from + where + (paged ? " ORDER BY urgency, due_at, created_at, task_id LIMIT :limit OFFSET :offset" : "") + ") w "
        + "LEFT JOIN ACT_RU_EXECUTION e2 ON e2.ID_ = w.process_instance_id LEFT JOIN jospar_cycle c ON c.cycle_key = e2.BUSINESS_KEY_ "
        + "LEFT JOIN jospar_body_report r ON r.process_instance_id = w.process_instance_id "
        + "ORDER BY w.urgency, w.due_at, w.created_at, w.task_id";
  }

  /** The person's tasks (a candidate group of theirs: a semi-join, so a task in two of their groups is one row). */
  private static final String THEIRS = " WHERE t.ID_ IN (SELECT l.TASK_ID_ FROM ACT_RU_IDENTITYLINK l "
      + "WHERE l.TYPE_ = 'candidate' AND l.GROUP_ID_ IN (:groups))";

  /** A list's tables and condition: the person's tasks under the filter. */
  private record Narrowed(String from, String where, MapSqlParameterSource params) {}

  private Narrowed narrowed(Collection<String> groups, Filter filter, Instant now, LocalDate today) {
    MapSqlParameterSource p = new MapSqlParameterSource("groups", groups).addValue("now", Timestamp.from(now))
        .addValue("todayStart", Timestamp.from(today.atStartOfDay(zone).toInstant()));
    StringBuilder from = new StringBuilder(" FROM ACT_RU_TASK t");
    StringBuilder where = new StringBuilder(THEIRS);
    if (filter.row() != null || filter.period() != null || filter.plan() != null) {
      // the cycle's own plan, row and period, never read out of its key
      from.append(" JOIN ACT_RU_EXECUTION e ON e.ID_ = t.PROC_INST_ID_ JOIN jospar_cycle fc ON fc.cycle_key = e.BUSINESS_KEY_");
    }
    if (filter.plan() != null) {
      where.append(" AND fc.plan_code = :plan");
      p.addValue("plan", filter.plan());
    }
    if (filter.row() != null) {
      where.append(" AND fc.plan_row = :row");
      p.addValue("row", filter.row());
    }
    if (filter.period() != null) {
      where.append(" AND fc.period_key = :period");
      p.addValue("period", filter.period());
    }
    if (filter.body() != null) {
      from.append(" JOIN jospar_body_report fr ON fr.process_instance_id = t.PROC_INST_ID_");
      where.append(" AND fr.body_code = :body");
      p.addValue("body", filter.body());
    }
    if (filter.kind() != null) {
      where.append(" AND t.TASK_DEF_KEY_ = :kind");
      p.addValue("kind", filter.kind());
    }
    return new Narrowed(from.toString(), where.toString(), p);
  }

  /** Rows per page ({@code jospar.desk.page-size}): a laptop screen holds 30 or more; the filters and the pages do the rest. */
  private final int pageSize;

  private final NamedParameterJdbcTemplate sql;
  private final Plans plans;
  private final PlanCalendars calendars;
  private final PlanCatalog catalog;
  private final WorkingCalendar workingDays;
  private final IdentityService identity;
  private final ZoneId zone;

  private final kz.jospar.catalog.PlanVersions versions;

  MyWork(NamedParameterJdbcTemplate sql, Plans plans, PlanCalendars calendars, WorkingCalendar workingDays,
      IdentityService identity, CycleProperties cycles, @Value("${jospar.desk.page-size:50}") int pageSize,
      kz.jospar.catalog.PlanVersions versions) {
    this.versions = versions;
    if (pageSize < 1) {
      throw new IllegalArgumentException("jospar.desk.page-size must be 1 or more, not " + pageSize);
    }
    this.pageSize = pageSize;
    this.sql = sql;
    this.plans = plans;
    this.calendars = calendars;
    this.catalog = plans.primary(); // the bodies are one directory for every plan
    this.workingDays = workingDays;
    this.identity = identity;
    this.zone = cycles.zone();
  }

  /** What a list is narrowed to: a plan row, a period key, a body, a kind of step (a task key), words to look for. */
  public record Filter(String plan, String row, String period, String body, String kind, String search) {
    static Filter none() {
      return new Filter(null, null, null, null, null, null);
    }
  }

  /** One task as the list shows it. */
  public record Row(String taskId, String taskKey, String title, String rowNumber, String rowName, String periodLabel, String bodyCode,
      String bodyName, Instant dueAt, String dueDate, Timing timing, int days, String holder, boolean heldByMe, String plan) {}

  /** Where a task stands against its control date. */
  public enum Timing { ESCALATED, OVERDUE, DUE_TODAY, DUE_SOON, ON_TIME, NO_DATE }

  /**
   * The list's order: escalations first (a report already past its date, now the reader's to act on),
   * then overdue, then by control date, tasks without one last. The same expression for both reads.
   */
  static String urgency(String key, String due) {
    return "CASE WHEN " + key + " LIKE 'Task_ActOnOverdue%' THEN 0 WHEN " + due + " IS NULL THEN 3 WHEN " + due + " < :now THEN 1 ELSE 2 END";
  }

  /** One page of the list: its rows, how many the whole list holds, and where the page starts. */
  public record Work(List<Row> rows, int total, int from, int overdue) {
    public boolean cut() {
      return total > rows.size();
    }

    public boolean hasNext() {
      return from + rows.size() < total;
    }
  }

  /** Rows per page. */
  public int pageSize() {
    return pageSize;
  }

  public Work of(String userId, Collection<String> groups, Filter filter, Locale locale, Instant now) {
    return of(userId, groups, filter, locale, now, 0);
  }

  /** The page starting at row {@code from} (0 for the first). */
  public Work of(String userId, Collection<String> groups, Filter filter, Locale locale, Instant now, int from) {
    if (groups.isEmpty()) {
      return new Work(List.of(), 0, 0, 0);
    }
    LocalDate today = LocalDate.ofInstant(now, zone);
    String search = filter.search() == null ? null : filter.search().strip().toLowerCase(locale);
    int start = Math.max(0, from);
    List<Row> rows = new ArrayList<>();
    int total = 0;
    int overdue = 0;
    if (search == null || search.isEmpty()) {
      return page(userId, groups, filter, locale, now, today, start);
    }
    // a search looks in what the list says in the reader's language: every row is said, then matched
    List<Item> items = items(groups, filter, now);
    Map<String, String> names = names(items.stream().map(Item::assignee).filter(a -> a != null).distinct().toList());
    for (Item i : items) {
      Row row = row(i, userId, names, locale, today);
      if (!matches(row, search, locale)) {
        continue;
      }
      if (total >= start && rows.size() < pageSize) {
        rows.add(row);
      }
      total++;
      overdue += row.timing() == Timing.OVERDUE ? 1 : 0;
    }
    return new Work(rows, total, start, overdue);
  }

  /**
   * A page of the list without a search, counted and paged by the database: the person's tasks are
   * found by the identity links' group index and sorted on the task's own columns; the instance's
   * business key and the report's body are joined only for the page's rows (or where a filter needs
   * them), and the counts are window aggregates of the same pass: a list of thousands costs one
   * query that visits each task once (before: a count query and a page query, each visiting them all).
   * Overdue = a control date on a day before today in Astana, i.e. before today's midnight there.
   */
  private Work page(String userId, Collection<String> groups, Filter filter, Locale locale, Instant now, LocalDate today, int start) {
    Narrowed n = narrowed(groups, filter, now, today);
    n.params().addValue("limit", pageSize).addValue("offset", start);
    // one pass over the person's tasks: the window counts see them all before the page is cut, so the
    // count and the overdue count cost no second visit to each task
    int[] counts = {-1, 0};
    List<Item> items = sql.query(read(n.from(), n.where(), true, true), n.params(), (rs, i) -> {
      counts[0] = rs.getInt("total");
      counts[1] = rs.getInt("overdue");
      return item(rs, i);
    });
    if (counts[0] < 0 && start > 0) {
      // a page past the end (the list shrank since the link was made): count without the page
      Map<String, Object> c = sql.queryForMap("SELECT COUNT(*) AS total, COUNT(CASE WHEN t.DUE_DATE_ < :todayStart THEN 1 END) AS overdue"
          + n.from() + n.where(), n.params());
      counts[0] = ((Number) c.get("total")).intValue();
      counts[1] = ((Number) c.get("overdue")).intValue();
    }
    Map<String, String> names = names(items.stream().map(Item::assignee).filter(a -> a != null).distinct().toList());
    List<Row> rows = new ArrayList<>();
    for (Item i : items) {
      rows.add(row(i, userId, names, locale, today));
    }
    return new Work(rows, Math.max(0, counts[0]), start, counts[1]);
  }

  /** The person's open tasks under the filter, in the list's order, before paging and the search. */
  private List<Item> items(Collection<String> groups, Filter filter, Instant now) {
    Narrowed n = narrowed(groups, filter, now, LocalDate.ofInstant(now, zone));
    return sql.query(read(n.from(), n.where(), false, false), n.params(), MyWork::item);
  }

  /**
   * Every task of the person's list under the filter (all pages, the search included) whose kind is
   * one of these, in the list's order, at most {@code limit}: what "all under this filter" decides.
   * The list is the person's own, read for their groups; never a list of ids they sent.
   */
  public List<String> all(String userId, Collection<String> groups, Filter filter, Set<String> kinds, Locale locale, Instant now, int limit) {
    if (groups.isEmpty()) {
      return List.of();
    }
    List<Item> items = items(groups, filter, now).stream().filter(i -> kinds.contains(i.taskKey())).toList();
    String search = filter.search() == null ? null : filter.search().strip().toLowerCase(locale);
    LocalDate today = LocalDate.ofInstant(now, zone);
    Map<String, String> names = search == null || search.isEmpty() ? Map.of()
        : names(items.stream().map(Item::assignee).filter(a -> a != null).distinct().toList());
    List<String> ids = new ArrayList<>();
    for (Item i : items) {
      if (ids.size() >= limit) {
        break;
      }
      if (search == null || search.isEmpty() || matches(row(i, userId, names, locale, today), search, locale)) {
        ids.add(i.taskId());
      }
    }
    return ids;
  }

  /** Of these task ids, those in the person's own list (a candidate group of theirs): the rest are not theirs to decide here. */
  public Set<String> mine(Collection<String> taskIds, Collection<String> groups) {
    if (taskIds.isEmpty() || groups.isEmpty()) {
      return Set.of();
    }
    return Set.copyOf(sql.queryForList("SELECT t.ID_ FROM ACT_RU_TASK t" + THEIRS + " AND t.ID_ IN (:ids)",
        new MapSqlParameterSource("ids", taskIds).addValue("groups", groups), String.class));
  }

  private record Item(String taskId, String taskKey, String planCode, String rowNumber, String periodKey, String body, String assignee, Instant dueAt, boolean byAgreement,
      Instant reportDueAt) {}

  private static Item item(ResultSet rs, int n) throws SQLException {
    Timestamp due = rs.getTimestamp("due_at");
    Timestamp reportDue = rs.getTimestamp("report_due_at");
    return new Item(rs.getString("task_id"), rs.getString("task_key"), rs.getString("plan_code"), rs.getString("plan_row"), rs.getString("period_key"), rs.getString("body_code"),
        rs.getString("assignee"), due == null ? null : due.toInstant(), rs.getBoolean("by_agreement"),
        reportDue == null ? null : reportDue.toInstant());
  }

  private Row row(Item i, String userId, Map<String, String> names, Locale locale, LocalDate today) {
    String rowNumber = i.rowNumber();
    String periodKey = i.periodKey();
    // the row and period of the cycle's own plan: several plans may use the same numbers
    Optional<PlanRow> planRow = rowNumber == null ? Optional.empty()
        : plans.row(i.planCode(), rowNumber).or(() -> versions.rowOfCycle(i.planCode(), rowNumber, periodKey));
    String periodLabel = rowNumber == null ? null
        : calendars.find(i.planCode()).flatMap(c -> c.find(rowNumber, periodKey)).map(pp -> pp.label().in(locale)).orElse(periodKey);
    // with several plans running, the item says whose plan it is by its years (words of no language)
    String planYears = plans.all().size() < 2 || i.planCode() == null ? null
        : plans.find(i.planCode()).map(p -> p.firstYear() + "–" + p.lastYear()).orElse(i.planCode());
    LocalizedText title = TaskTitles.title(i.taskKey(), i.byAgreement());
    String bodyName = i.body() == null ? null
        : catalog.bodies().find(i.body()).map(b -> b.nameOn(today).in(locale)).orElse(i.body());
    LocalDate due = i.dueAt() == null ? null : LocalDate.ofInstant(i.dueAt(), zone);
    Timing timing;
    int days;
    if (i.taskKey().startsWith("Task_ActOnOverdue")) {
      // an escalation: what it is late by is the body's report's control date, not the task's own
      timing = Timing.ESCALATED;
      LocalDate reportDue = i.reportDueAt() == null ? null : LocalDate.ofInstant(i.reportDueAt(), zone);
      days = reportDue == null || !reportDue.isBefore(today) ? 0 : (int) ChronoUnit.DAYS.between(reportDue, today);
    } else if (due == null) {
      timing = Timing.NO_DATE;
      days = 0;
    } else if (due.isBefore(today)) {
      timing = Timing.OVERDUE;
      days = (int) ChronoUnit.DAYS.between(due, today);
    } else if (due.isEqual(today)) {
      timing = Timing.DUE_TODAY;
      days = 0;
    } else {
      days = workingDaysBetween(today, due);
      timing = days <= 2 ? Timing.DUE_SOON : Timing.ON_TIME;
    }
    String holder = i.assignee() == null ? null : names.getOrDefault(i.assignee(), i.assignee());
    return new Row(i.taskId(), i.taskKey(), title == null ? i.taskKey() : title.in(locale), rowNumber,
        planRow.map(r -> r.name().in(locale)).orElse(null), periodLabel, i.body(), bodyName, i.dueAt(),
        due == null ? null : due.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale)), timing, days,
        holder, userId.equals(i.assignee()), planYears);
  }

  /** One task's line as the list would show it (item, period, body, control date), for its own page. */
  public Optional<Row> context(org.camunda.bpm.engine.task.Task task, Locale locale) {
    List<Item> items = sql.query(read(" FROM ACT_RU_TASK t", " WHERE t.ID_ = :id", false, false),
        new MapSqlParameterSource("id", task.getId()).addValue("now", EngineClock.date()), MyWork::item);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    Item i = items.get(0);
    return Optional.of(row(i, "", names(i.assignee() == null ? List.of() : List.of(i.assignee())), locale,
        LocalDate.ofInstant(EngineClock.instant(), zone)));
  }

  /** "Review report — 4.8 — Akimat of Turkistan region" for each task, as a result list names them. */
  public Map<String, String> labels(Collection<String> taskIds, Locale locale) {
    Map<String, String> labels = new HashMap<>();
    if (taskIds.isEmpty()) {
      return labels;
    }
    LocalDate today = LocalDate.ofInstant(EngineClock.instant(), zone);
    for (Item i : sql.query(read(" FROM ACT_RU_TASK t", " WHERE t.ID_ IN (:ids)", false, false),
        new MapSqlParameterSource("ids", taskIds).addValue("now", EngineClock.date()), MyWork::item)) {
      Row r = row(i, "", Map.of(), locale, today);
      labels.put(i.taskId(), r.title() + (r.rowNumber() == null ? "" : " — " + r.rowNumber() + ", " + r.periodLabel())
          + (r.bodyName() == null ? "" : " — " + r.bodyName()));
    }
    return labels;
  }

  /** Working days after today up to and including the due day. */
  int workingDaysBetween(LocalDate today, LocalDate due) {
    int n = 0;
    for (LocalDate d = today.plusDays(1); !d.isAfter(due); d = d.plusDays(1)) {
      if (!workingDays.knowsYear(d.getYear()) || workingDays.isWorkingDay(d)) {
        n++;
      }
    }
    return n;
  }

  private static boolean matches(Row row, String search, Locale locale) {
    for (String text : new String[] {row.title(), row.rowNumber(), row.rowName(), row.periodLabel(), row.bodyName(), row.holder()}) {
      if (text != null && text.toLowerCase(locale).contains(search)) {
        return true;
      }
    }
    return false;
  }

  /** People's names, not their ids: "Айгүл Серікова" for aigul.serikova. */
  private Map<String, String> names(List<String> userIds) {
    return PersonNames.of(identity, userIds);
  }

  /** The bodies a person's list can be narrowed to: those of their groups that are bodies of the plan. */
  public List<Body> bodiesOf(Set<String> groups) {
    return groups.stream().map(g -> catalog.bodies().find(g)).flatMap(Optional::stream).filter(b -> !b.isGroup())
        .sorted(java.util.Comparator.comparing(Body::code)).toList();
  }
}
