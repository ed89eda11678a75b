package kz.jospar.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import kz.jospar.calendar.WorkingCalendar;
import kz.jospar.support.WebappSession;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Executive discipline of a seeded year, every figure computed by hand below and checked: due, on time, late, the
 * average and worst delay in working days across Independence Day and weekends, returns and rounds, extensions,
 * escalations by level, declines by agreement, the ranking and the quarters; then the same figures in the monitor's
 * data and in the annual report's XLSX and PDF, in Russian and Kazakh.
 *
 * <p>Today is Monday 28 December 2026, 12:00 in Astana. Three akimats: Turkistan (T), Astana (A), Almaty (L).
 * <pre>
 * C1 4.9/2026        due Tue 15 Dec 18:00  T: in 15 Dec 10:00, on time
 *                                          A: in Thu 17 Dec, late 1 (16 Dec is a holiday); escalated 1; returned once, in again 18 Dec
 *                                          L: not in; late 8 (17, 18, 21, 22, 23, 24, 25, 28 Dec); escalated 1 and 2
 * C2 4.8/2026-H1     due Tue 30 Jun 18:00  T: extension granted to Fri 10 Jul 18:00 (its due, so quarter 3); in 8 Jul, on time
 *                                          A: in Thu 2 Jul, late 2 (1, 2 Jul); returned twice; an extension asked and refused
 *                                          L: declined by agreement 20 Jun, on time
 * C3 3/2026-P1of3    due Thu 30 Apr 18:00  T: in 30 Apr 19:00, late by an hour: 1 day
 *                                          A: in 29 Apr, on time; returned once
 * C4 4.8/2026-H2     due Thu 31 Dec 18:00  T: open, not yet due: counted nowhere
 *                                          A: in early, 20 Dec: due (answered) and on time
 *
 * bodies  due onTime late share avg  worst returned rounds ext esc1 esc2 declined  rank
 * T        3    2     1    67   1.0    1      0       0     1    0    0     0       1
 * A        4    2     2    50   1.5    2      3       4     0    1    0     0       2   (50% like L, a shorter average delay)
 * L        2    1     1    50   8.0    8      0       0     0    1    1     1       3
 * total    9    5     4    56   3.0    8      3       4     1    2    1     1
 * items 3: 2 1 1 50 1.0 1 | 4.8: 4 3 1 75 2.0 2 | 4.9: 3 1 2 33 4.5 8
 * quarters Q1: none | Q2: 4 due, 2 on time (C2/A, C2/L, C3/T, C3/A) | Q3: 1, 1 (C2/T) | Q4: 4, 2 (C1, C4/A)
 * </pre>
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"JOSPAR_DEMO_DB_URL=jdbc:h2:mem:jospar-discipline;DB_CLOSE_DELAY=-1", "camunda.bpm.job-execution.enabled=false"})
class DisciplineIT {

  static final String T = "akimat-turkistan";
  static final String A = "akimat-astana";
  static final String L = "akimat-almaty";

  @Autowired JdbcTemplate jdbc;
  @Autowired Discipline discipline;
  @Autowired MonitorService monitor;
  @Autowired WorkingCalendar calendar;
  @Autowired kz.jospar.catalog.PlanCatalog catalog;
  @Autowired kz.jospar.reporting.PlanStatus status;
  @LocalServerPort int port;

  @BeforeEach
  void seed() {
    ClockUtil.setCurrentTime(Date.from(at("2026-12-28T12:00")));
    if (jdbc.queryForObject("SELECT COUNT(*) FROM jospar_cycle WHERE cycle_key = '4.9/2026'", Integer.class) > 0) {
      return;
    }
    cycle("4.9/2026", "4.9", "2026", "2026-12-15T18:00");
    cycle("4.8/2026-H1", "4.8", "2026-H1", "2026-06-30T18:00");
    cycle("3/2026-P1of3", "3", "2026-P1of3", "2026-04-30T18:00");
    cycle("4.8/2026-H2", "4.8", "2026-H2", "2026-12-31T18:00");

    report("4.9/2026", T, "2026-12-15T18:00");
    event("4.9/2026", T, "SUBMITTED", "2026-12-15T10:00");
    report("4.9/2026", A, "2026-12-15T18:00");
    event("4.9/2026", A, "ESCALATED_1", "2026-12-16T09:00");
    event("4.9/2026", A, "SUBMITTED", "2026-12-17T09:00");
    event("4.9/2026", A, "RETURNED_BY_SUPERVISOR", "2026-12-17T15:00");
    event("4.9/2026", A, "SUBMITTED", "2026-12-18T09:00");
    report("4.9/2026", L, "2026-12-15T18:00");
    event("4.9/2026", L, "ESCALATED_1", "2026-12-16T09:00");
    event("4.9/2026", L, "ESCALATED_2", "2026-12-21T09:00");

    report("4.8/2026-H1", T, "2026-07-10T18:00");
    extension("4.8/2026-H1", T, "granted", "2026-07-10T18:00");
    event("4.8/2026-H1", T, "EXTENSION_GRANTED", "2026-06-26T10:00");
    event("4.8/2026-H1", T, "SUBMITTED", "2026-07-08T10:00");
    report("4.8/2026-H1", A, "2026-06-30T18:00");
    extension("4.8/2026-H1", A, "refused", null);
    event("4.8/2026-H1", A, "SUBMITTED", "2026-07-02T11:00");
    event("4.8/2026-H1", A, "RETURNED_BY_SUPERVISOR", "2026-07-03T11:00");
    event("4.8/2026-H1", A, "SUBMITTED", "2026-07-07T11:00");
    event("4.8/2026-H1", A, "RETURNED_BY_COORDINATOR", "2026-07-08T11:00");
    event("4.8/2026-H1", A, "SUBMITTED", "2026-07-09T11:00");
    report("4.8/2026-H1", L, "2026-06-30T18:00");
    event("4.8/2026-H1", L, "DECLINED", "2026-06-20T10:00");

    report("3/2026-P1of3", T, "2026-04-30T18:00");
    event("3/2026-P1of3", T, "SUBMITTED", "2026-04-30T19:00");
    report("3/2026-P1of3", A, "2026-04-30T18:00");
    event("3/2026-P1of3", A, "SUBMITTED", "2026-04-29T10:00");
    event("3/2026-P1of3", A, "RETURNED_BY_COORDINATOR", "2026-05-04T10:00");
    event("3/2026-P1of3", A, "SUBMITTED", "2026-05-05T10:00");

    report("4.8/2026-H2", T, "2026-12-31T18:00");
    report("4.8/2026-H2", A, "2026-12-31T18:00");
    event("4.8/2026-H2", A, "SUBMITTED", "2026-12-20T10:00");
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theSeededYearsFiguresAreTheOnesComputedByHand() {
    // the premises of the delays: Kazakhstan's calendar of December and July 2026
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 16))).as("Independence Day").isFalse();
    assertThat(List.of(17, 18, 21, 22, 23, 24, 25, 28)).allMatch(d -> calendar.isWorkingDay(LocalDate.of(2026, 12, d)));
    assertThat(List.of(19, 20, 26, 27)).noneMatch(d -> calendar.isWorkingDay(LocalDate.of(2026, 12, d)));
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 7, 1)) && calendar.isWorkingDay(LocalDate.of(2026, 7, 2))).isTrue();

    Discipline.View v = viewOnThe28th(null);

    assertThat(v.total()).isEqualTo(figures(9, 5, 4, 56, "3.0", 8, 3, 4, 1, 2, 1, 1));
    assertThat(v.bodies()).extracting(Discipline.Line::code, Discipline.Line::rank, Discipline.Line::figures).containsExactly(
        tuple(T, 1, figures(3, 2, 1, 67, "1.0", 1, 0, 0, 1, 0, 0, 0)),
        tuple(A, 2, figures(4, 2, 2, 50, "1.5", 2, 3, 4, 0, 1, 0, 0)),
        tuple(L, 3, figures(2, 1, 1, 50, "8.0", 8, 0, 0, 0, 1, 1, 1)));
    assertThat(v.items()).extracting(Discipline.Line::code, Discipline.Line::figures).containsExactly(
        tuple("3", figures(2, 1, 1, 50, "1.0", 1, 1, 1, 0, 0, 0, 0)),
        tuple("4.8", figures(4, 3, 1, 75, "2.0", 2, 1, 2, 1, 0, 0, 1)),
        tuple("4.9", figures(3, 1, 2, 33, "4.5", 8, 1, 1, 0, 2, 1, 0)));
    assertThat(v.periods()).extracting(Discipline.Line::code, l -> l.figures().due(), l -> l.figures().onTime())
        .containsExactly(tuple("2026", 3, 1), tuple("2026-H1", 3, 2), tuple("2026-H2", 1, 1), tuple("2026-P1of3", 2, 1));
    assertThat(v.quarters()).containsExactly(new Discipline.Quarter(1, 0, 0, 0, null), new Discipline.Quarter(2, 4, 2, 2, 50),
        new Discipline.Quarter(3, 1, 1, 0, 100), new Discipline.Quarter(4, 4, 2, 2, 50));
  }

  /** The seeded year as of 28 December 2026, noon, for every body ({@code bodies} null) or some; codes as names. */
  Discipline.View viewOnThe28th(List<String> bodies) {
    return view(discipline.facts("qha-2022-2026", 2026, bodies), "2026-12-28T12:00+05:00");
  }

  Discipline.View view(List<Discipline.Fact> facts, String now) {
    return discipline.view(facts, OffsetDateTime.parse(now), status.zone(), code -> code, row -> row, period -> period);
  }

  @Test
  void aTieSharesItsRankAndABodysScopeSeesOnlyItself() {
    Discipline.View own = viewOnThe28th(List.of(A));
    assertThat(own.bodies()).extracting(Discipline.Line::code).containsExactly(A);
    assertThat(own.total().due()).isEqualTo(4);
    // equal figures share a rank, the next rank skips (1, 1, 3): two bodies on time, one not in
    Discipline.Fact t = new Discipline.Fact("x", "3", "p", "b1", OffsetDateTime.parse("2026-04-30T18:00+05:00"),
        OffsetDateTime.parse("2026-04-29T10:00+05:00"), 0, 0, false, false, false);
    Discipline.Fact u = new Discipline.Fact("x", "3", "p", "b2", t.dueAt(), t.firstAnswer(), 0, 0, false, false, false);
    Discipline.Fact w = new Discipline.Fact("x", "3", "p", "b3", t.dueAt(), null, 0, 0, false, false, false);
    Discipline.View tie = view(List.of(w, u, t), "2026-05-04T12:00+05:00");
    assertThat(tie.bodies()).extracting(Discipline.Line::code, Discipline.Line::rank)
        .containsExactly(tuple("b1", 1), tuple("b2", 1), tuple("b3", 3));
  }

  @Test
  void theSummaryCountsInEachLanguagesPluralForm(@Autowired org.springframework.context.MessageSource words) {
    java.util.Locale ru = java.util.Locale.forLanguageTag("ru");
    java.util.function.BiFunction<Integer, Integer, String> said = (onTime, due) -> words.getMessage(
        "discipline.summary." + kz.jospar.language.Plural.of(onTime, ru), new Object[] {onTime, due}, ru);
    assertThat(said.apply(1, 3)).isEqualTo("1 отчёт из 3 сдан в срок");
    assertThat(said.apply(2, 3)).isEqualTo("2 отчёта из 3 сданы в срок");
    assertThat(said.apply(11, 30)).isEqualTo("11 отчётов из 30 сданы в срок");
    assertThat(said.apply(21, 30)).isEqualTo("21 отчёт из 30 сдан в срок");
    java.util.Locale kk = java.util.Locale.forLanguageTag("kk");
    assertThat(words.getMessage("discipline.summary." + kz.jospar.language.Plural.of(1, kk), new Object[] {1, 3}, kk))
        .as("Kazakh: the noun after a number stays singular").isEqualTo("3 есептен 1 есеп мерзімінде тапсырылды");
  }

  @Test
  void theMonitorAndTheAnnualReportShowTheFiguresInRussianAndKazakh() throws Exception {
    WebappSession coordinator = new WebappSession(port).login("coordinator", "demo");
    HttpResponse<String> data = coordinator.get("/jospar/monitor/data?year=2026&lang=ru", "application/json");
    assertThat(data.statusCode()).isEqualTo(200);
    com.fasterxml.jackson.databind.JsonNode d = new com.fasterxml.jackson.databind.ObjectMapper().readTree(data.body()).get("discipline");
    assertThat(d.get("total").get("due").asInt()).isEqualTo(9);
    assertThat(d.get("bodies").get(0).get("name").asText()).isEqualTo("Акимат Туркестанской области");
    assertThat(d.get("quarters").get(1).get("onTimeShare").asInt()).isEqualTo(50);

    HttpResponse<byte[]> xlsx = coordinator.download("/jospar/monitor/annual-report.xlsx?year=2026&lang=ru");
    assertThat(xlsx.statusCode()).isEqualTo(200);
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      Sheet sheet = book.getSheet("Исполнительская дисциплина");
      assertThat(sheet).as("the discipline sheet, named in Russian").isNotNull();
      String all = text(sheet);
      assertThat(all).contains("Акимат Туркестанской области", "Место", "В срок", "С опозданием", "Средняя задержка, раб. дней",
          "5 отчётов из 9 сданы в срок", "I квартал", "IV квартал");
    }
    HttpResponse<byte[]> pdf = coordinator.download("/jospar/monitor/annual-report.pdf?year=2026&lang=kk");
    assertThat(pdf.statusCode()).isEqualTo(200);
    String pdfText = pdfText(pdf.body());
    assertThat(pdfText).contains("Атқарушылық тәртіп", "Түркістан облысының әкімдігі", "9 есептен 5 есеп мерзімінде тапсырылды");
    // every item heading whole, however long (the clipped heading of issue 16): compared without the line breaks
    String flat = pdfText.replaceAll("\\s+", "");
    for (String row : List.of("3", "4.8", "4.9")) {
      String name = catalog.row(row).orElseThrow().name().in(java.util.Locale.forLanguageTag("kk"));
      assertThat(flat).as("the heading of item " + row).contains((row + ". " + name).replaceAll("\\s+", ""));
    }
  }

  private static String text(Sheet sheet) {
    StringBuilder all = new StringBuilder();
    sheet.forEach(row -> row.forEach(cell -> all.append(cell.toString()).append(" | ")));
    return all.toString();
  }

  static String pdfText(byte[] pdf) throws java.io.IOException {
    return ExportsTest.pdfText(pdf);
  }

  static Discipline.Figures figures(int due, int onTime, int late, int share, String avg, int worst, int returned, int rounds, int ext,
      int esc1, int esc2, int declined) {
    return new Discipline.Figures(due, onTime, late, share, new BigDecimal(avg), worst, returned, rounds, ext, esc1, esc2, declined);
  }

  private void cycle(String key, String row, String period, String due) {
    jdbc.update("INSERT INTO jospar_cycle (cycle_key, plan_code, plan_version, plan_row, period_key, plan_year, deadline, due_at, opened_at, "
        + "opened_by, state) VALUES (?, 'qha-2022-2026', NULL, ?, ?, 2026, ?, ?, ?, 'coordinator', 'open')", key, row, period,
        LocalDate.parse(due.substring(0, 10)), ts(due), ts("2026-01-05T09:00"));
  }

  private void report(String cycle, String body, String due) {
    jdbc.update("INSERT INTO jospar_body_report (cycle_key, body_code, lead_body, by_agreement, state, due_at, late, escalation_level, "
        + "updated_at) VALUES (?, ?, FALSE, FALSE, 'open', ?, FALSE, 0, ?)", cycle, body, ts(due), ts("2026-01-05T09:00"));
  }

  private void event(String cycle, String body, String event, String at) {
    jdbc.update("INSERT INTO jospar_report_event (cycle_key, body_code, event, actor, occurred_at) VALUES (?, ?, ?, 'someone', ?)", cycle,
        body, event, ts(at));
  }

  private void extension(String cycle, String body, String state, String grantedUntil) {
    jdbc.update("INSERT INTO jospar_extension_request (cycle_key, body_code, state, due_before, asked_until, reason, asked_by, asked_at, "
        + "granted_until, beyond_plan_end) VALUES (?, ?, ?, ?, ?, 'a week more', 'someone', ?, ?, FALSE)", cycle, body, state,
        ts("2026-06-30T18:00"), ts("2026-07-10T18:00"), ts("2026-06-25T10:00"), grantedUntil == null ? null : ts(grantedUntil));
  }

  private static Timestamp ts(String local) {
    return Timestamp.from(at(local));
  }

  private static java.time.Instant at(String local) {
    return OffsetDateTime.parse(local + ":00+05:00").toInstant();
  }
}
