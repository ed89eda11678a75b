package kz.jospar.monitor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import kz.jospar.calendar.WorkingCalendar;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Executive discipline, as oversight asks for it: for a plan's year, per body, per item, per period and in all, how
 * many reports were due, handed in on time or late, by how many working days, how often they came back, were
 * extended, escalated or declined by agreement; a ranking of the bodies and a trend by quarter.
 *
 * <p>Counted from Jospar's audit trail, not from a report's current state (a return resets its due date and its
 * escalation level, the trail keeps what happened):
 * <ul>
 *   <li><b>due</b>: a report whose due moment (the period's, or the date a granted extension moved it to) has come, or
 *       that was already answered before it; a report neither due nor answered is not counted at all;
 *   <li><b>on time</b>: its first answer (a submission, or a decline by agreement) came by that moment; <b>late</b>: it
 *       came after it, or has not come and the moment has passed;
 *   <li><b>delay</b>: the working days (Kazakhstan's calendar) from the due day to the answer's day, or to today for a
 *       report still not in; an answer late by hours on the due day is one day late;
 *   <li><b>returned</b>: reports sent back at least once; <b>rounds</b>: all the returns (each starts a new round);
 *   <li><b>extensions</b>: requests granted; <b>escalations</b>: reports that reached level 1, and level 2;
 *       <b>declined</b>: reports declined by agreement.
 * </ul>
 */
@Service
class Discipline {

  /** The figures of one group of reports. {@code onTimeShare} in percent, {@code averageDelay} over the late ones. */
  record Figures(int due, int onTime, int late, int onTimeShare, BigDecimal averageDelay, int worstDelay, int returned, int rounds,
      int extensions, int escalated1, int escalated2, int declined) {}

  /** A body, item or period with its figures; {@code rank} only for bodies (equal figures share a rank). */
  record Line(String code, String name, Integer rank, Figures figures) {}

  /** A quarter of the year by the reports' due moments. */
  record Quarter(int quarter, int due, int onTime, int late, Integer onTimeShare) {}

  record View(Figures total, List<Line> bodies, List<Line> items, List<Line> periods, List<Quarter> quarters) {}

  /** One report as the trail tells it. */
  record Fact(String cycleKey, String row, String period, String body, OffsetDateTime dueAt, OffsetDateTime firstAnswer,
      int returns, int extensions, boolean escalated1, boolean escalated2, boolean declined) {}

  private final NamedParameterJdbcTemplate sql;
  private final WorkingCalendar calendar;

  Discipline(NamedParameterJdbcTemplate sql, WorkingCalendar calendar) {
    this.sql = sql;
    this.calendar = calendar;
  }

  /** The facts of a plan's year; {@code bodies} null for every body. {@code primary}: the plan's cycles may have no code. */
  List<Fact> facts(String planCode, int year, Collection<String> bodies) {
    // one pass over each table, grouped per report, joined to the year's reports (not a sub-query per report and figure)
    String sqlText = "SELECT c.cycle_key, c.plan_row, c.period_key, r.body_code, c.due_at AS cycle_due, "
        + "x.granted_until, COALESCE(x.extensions, 0) AS extensions, e.first_answer, COALESCE(e.returns, 0) AS returns, "
        + "COALESCE(e.escalated1, 0) AS escalated1, COALESCE(e.escalated2, 0) AS escalated2, COALESCE(e.declined, 0) AS declined "
        + "FROM jospar_body_report r JOIN jospar_cycle c ON c.cycle_key = r.cycle_key "
        + "LEFT JOIN (SELECT cycle_key, body_code, MAX(granted_until) AS granted_until, COUNT(*) AS extensions "
        + "  FROM jospar_extension_request WHERE state = 'granted' GROUP BY cycle_key, body_code) x "
        + "  ON x.cycle_key = r.cycle_key AND x.body_code = r.body_code "
        + "LEFT JOIN (SELECT cycle_key, body_code, "
        + "  MIN(CASE WHEN event IN ('SUBMITTED', 'DECLINED') THEN occurred_at END) AS first_answer, "
        + "  SUM(CASE WHEN event IN ('RETURNED_BY_SUPERVISOR', 'RETURNED_BY_COORDINATOR') THEN 1 ELSE 0 END) AS returns, "
        + "  SUM(CASE WHEN event = 'ESCALATED_1' THEN 1 ELSE 0 END) AS escalated1, "
        + "  SUM(CASE WHEN event = 'ESCALATED_2' THEN 1 ELSE 0 END) AS escalated2, "
        + "  SUM(CASE WHEN event = 'DECLINED' THEN 1 ELSE 0 END) AS declined "
        + "  FROM jospar_report_event WHERE cycle_key IN (SELECT cycle_key FROM jospar_cycle WHERE plan_year = :year AND plan_code = :plan) "
        + "  GROUP BY cycle_key, body_code) e ON e.cycle_key = r.cycle_key AND e.body_code = r.body_code "
        + "WHERE c.plan_year = :year AND c.plan_code = :plan" + (bodies == null ? "" : " AND r.body_code IN (:bodies)")
        + " ORDER BY c.cycle_key, r.body_code";
    MapSqlParameterSource params = new MapSqlParameterSource("year", year).addValue("plan", planCode);
    if (bodies != null) {
      if (bodies.isEmpty()) {
        return List.of();
      }
      params.addValue("bodies", bodies);
    }
    return sql.query(sqlText, params, (rs, i) -> {
      OffsetDateTime due = odt(rs.getTimestamp("cycle_due"));
      OffsetDateTime granted = odt(rs.getTimestamp("granted_until"));
      return new Fact(rs.getString("cycle_key"), rs.getString("plan_row"), rs.getString("period_key"), rs.getString("body_code"),
          granted != null && granted.isAfter(due) ? granted : due, odt(rs.getTimestamp("first_answer")), rs.getInt("returns"),
          rs.getInt("extensions"), rs.getInt("escalated1") > 0, rs.getInt("escalated2") > 0, rs.getInt("declined") > 0);
    });
  }

  /** The figures of the facts as of {@code now}, names from the functions (the reader's language). */
  View view(List<Fact> facts, OffsetDateTime now, ZoneId zone, Function<String, String> bodyName, Function<String, String> rowName,
      Function<String, String> periodName) {
    // due by now, or already answered: a report handed in before its due moment counts, on time
    List<Fact> due = facts.stream().filter(f -> !f.dueAt().isAfter(now) || f.firstAnswer() != null).toList();
    Map<String, List<Fact>> byBody = group(due, Fact::body);
    List<Line> bodies = new ArrayList<>();
    byBody.forEach((code, list) -> bodies.add(new Line(code, bodyName.apply(code), null, figures(list, now, zone))));
    Comparator<Line> order = Comparator.<Line>comparingInt(l -> -l.figures().onTimeShare())
        .thenComparing(l -> l.figures().averageDelay())
        .thenComparingInt(l -> l.figures().worstDelay());
    bodies.sort(order.thenComparing(Line::code));
    List<Line> ranked = new ArrayList<>();
    for (int i = 0; i < bodies.size(); i++) {
      Line l = bodies.get(i);
      int rank = i > 0 && order.compare(bodies.get(i - 1), l) == 0 ? ranked.get(i - 1).rank() : i + 1;
      ranked.add(new Line(l.code(), l.name(), rank, l.figures()));
    }
    List<Line> items = new ArrayList<>();
    group(due, Fact::row).forEach((row, list) -> items.add(new Line(row, rowName.apply(row), null, figures(list, now, zone))));
    items.sort(Comparator.comparing(Line::code, Discipline::byNumber));
    List<Line> periods = new ArrayList<>();
    group(due, Fact::period).forEach((p, list) -> periods.add(new Line(p, periodName.apply(p), null, figures(list, now, zone))));
    periods.sort(Comparator.comparing(Line::code));
    List<Quarter> quarters = new ArrayList<>();
    for (int q = 1; q <= 4; q++) {
      int quarter = q;
      List<Fact> in = due.stream().filter(f -> (f.dueAt().atZoneSameInstant(zone).getMonthValue() - 1) / 3 + 1 == quarter).toList();
      Figures f = figures(in, now, zone);
      quarters.add(new Quarter(q, f.due(), f.onTime(), f.late(), f.due() == 0 ? null : f.onTimeShare()));
    }
    return new View(figures(due, now, zone), ranked, items, periods, quarters);
  }

  private Figures figures(List<Fact> facts, OffsetDateTime now, ZoneId zone) {
    int onTime = 0;
    int late = 0;
    int delaySum = 0;
    int worst = 0;
    for (Fact f : facts) {
      if (f.firstAnswer() != null && !f.firstAnswer().isAfter(f.dueAt())) {
        onTime++;
        continue;
      }
      late++;
      int delay = delay(f.dueAt().atZoneSameInstant(zone).toLocalDate(),
          (f.firstAnswer() != null ? f.firstAnswer() : now).atZoneSameInstant(zone).toLocalDate());
      delaySum += delay;
      worst = Math.max(worst, delay);
    }
    int due = facts.size();
    return new Figures(due, onTime, late, due == 0 ? 0 : Math.round(100f * onTime / due),
        late == 0 ? BigDecimal.ZERO.setScale(1) : BigDecimal.valueOf(delaySum).divide(BigDecimal.valueOf(late), 1, RoundingMode.HALF_UP),
        worst, (int) facts.stream().filter(f -> f.returns() > 0).count(), facts.stream().mapToInt(Fact::returns).sum(),
        facts.stream().mapToInt(Fact::extensions).sum(), (int) facts.stream().filter(Fact::escalated1).count(),
        (int) facts.stream().filter(Fact::escalated2).count(), (int) facts.stream().filter(Fact::declined).count());
  }

  /** Working days after the due day up to the answer's day; at least one for an answer late on the due day itself. */
  int delay(LocalDate dueDay, LocalDate answerDay) {
    int days = 0;
    for (LocalDate d = dueDay.plusDays(1); !d.isAfter(answerDay); d = d.plusDays(1)) {
      if (calendar.isWorkingDay(d)) {
        days++;
      }
    }
    return Math.max(1, days);
  }

  private static <K> Map<K, List<Fact>> group(List<Fact> facts, Function<Fact, K> key) {
    Map<K, List<Fact>> groups = new LinkedHashMap<>();
    facts.forEach(f -> groups.computeIfAbsent(key.apply(f), k -> new ArrayList<>()).add(f));
    return groups;
  }

  /** Plan row numbers in the decree's order: "2" before "10", "4.2" before "4.10". */
  static int byNumber(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = x[i].matches("\\d+") && y[i].matches("\\d+") ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]))
          : x[i].compareTo(y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  private static OffsetDateTime odt(Timestamp t) {
    return t == null ? null : t.toInstant().atOffset(ZoneOffset.UTC);
  }
}
