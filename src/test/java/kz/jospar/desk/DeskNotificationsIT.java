package kz.jospar.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.access.Roles;
import kz.jospar.reporting.CycleService;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.reporting.ReportProcess.Vars;
import kz.jospar.support.EmbeddedPostgresSupport;
import kz.jospar.support.WebappSession;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

/**
 * The desk's notifications and "what we sent" through HTTP on PostgreSQL, with no mail server: a
 * return is told to the body's people in their language, marked read one by one or all at once, and
 * nobody else sees it or can mark it; "what we sent" shows a body's reports with their history
 * (names, Astana times, reasons) in Kazakh and Russian, and nothing of another body.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=false", "jospar.demo.allow-any-database=true"})
@ActiveProfiles({"demo", "postgres"})
class DeskNotificationsIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresSupport.register(registry, "jospar_desk_notes");
  }

  static final String TURKISTAN = "akimat-turkistan";
  static final String ASTANA = "akimat-astana";
  static final String SENDER = "gzhbm";
  static final String OTHER = "qezi";
  static final String FORM = "application/x-www-form-urlencoded";

  @Autowired CycleService cycles;
  @Autowired ProcessEngine engine;
  @Autowired PlanCatalog catalog;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  @BeforeEach
  void clock() {
    clockAt("2026-11-16T10:00:00+05:00");
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void anOfficialIsToldOfAReturnInTheirLanguageMarksItReadAndNobodyElseSeesOrMarksIt() {
    cycles.open("4.8", "2026-H2", "coordinator", OffsetDateTime.parse("2026-11-30T18:00:00+05:00"));
    String officialId = TURKISTAN + ".official";
    WebappSession official = new WebappSession(port).login(officialId, "demo");

    // the new task is told at once, unread, in the header of every desk page; no mail server is needed
    String first = DeskIT.page(official, "/jospar/desk/notifications?lang=ru");
    assertThat(first).contains("Уведомления", "Новая задача: Сдать отчёт", catalog.row("4.8").orElseThrow().name().ru(),
        "II полугодие 2026 года", catalog.bodies().find(TURKISTAN).orElseThrow().name().ru(), "30 нояб. 2026 г., 18:00",
        "● Не прочитано", "непрочитанных: 1");
    assertThat(DeskIT.page(official, "/jospar/desk?lang=ru")).contains("href=\"/jospar/desk/notifications\"", "непрочитанных: 1",
        "href=\"/jospar/desk/sent\"", "Что мы отправили");

    // submitted, then returned by the supervisor at 11:30 Astana time, with a reason
    submit("4.8/2026-H2", TURKISTAN, "Проведено 3 мероприятия");
    clockAt("2026-11-17T11:30:00+05:00");
    decide("4.8/2026-H2", TURKISTAN, ReportProcess.TASK_REVIEW_BY_SUPERVISOR, TURKISTAN + ".supervisor",
        Map.of(Vars.APPROVED, false, Vars.RETURN_REASON, "Приложите подписанный протокол"));

    String ru = DeskIT.page(official, "/jospar/desk/notifications?lang=ru");
    assertThat(ru).contains("Отчёт возвращён на доработку", "Причина", "Приложите подписанный протокол", "17 нояб. 2026 г., 11:30",
        "непрочитанных: 2", "Эта задача уже выполнена"); // the first task was the submission, done since
    List<Long> ids = ids(ru);
    assertThat(ids).hasSize(2);
    long returned = ids.get(0); // newest first
    assertThat(ru.indexOf("Отчёт возвращён")).isLessThan(ru.indexOf("Новая задача"));
    assertThat(section(ru, returned)).contains("class=\"note unread\"", "● Не прочитано",
        "href=\"/jospar/desk/task/" + openSubmission("4.8/2026-H2", TURKISTAN) + "?lang=ru\"");
    assertThat(DeskIT.page(official, "/jospar/desk/notifications?lang=kk")).contains("Есеп пысықтауға қайтарылды", "Себебі",
        "Оқылмаған", "оқылмағаны: 2");

    // body B's official sees only their own body's notification, and cannot mark body A's
    WebappSession other = new WebappSession(port).login(ASTANA + ".official", "demo");
    String theirs = DeskIT.page(other, "/jospar/desk/notifications?lang=ru");
    assertThat(theirs).contains("Новая задача: Сдать отчёт", catalog.bodies().find(ASTANA).orElseThrow().name().ru())
        .doesNotContain("Приложите подписанный протокол", "Отчёт возвращён", catalog.bodies().find(TURKISTAN).orElseThrow().name().ru());
    assertThat(ids(theirs)).hasSize(1).doesNotContainAnyElementsOf(ids);
    HttpResponse<String> foreign = other.post("/jospar/desk/notifications/" + returned + "/read?lang=ru", FORM,
        DeskIT.form(Map.of("_csrf", other.cookie("JOSPAR-XSRF"))));
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(unread(officialId)).isEqualTo(2);

    // the official marks the return read: the count drops, the row is shown read
    HttpResponse<String> marked = official.post("/jospar/desk/notifications/" + returned + "/read?lang=ru", FORM,
        DeskIT.form(Map.of("_csrf", official.cookie("JOSPAR-XSRF"))));
    assertThat(marked.statusCode()).as(marked.body()).isEqualTo(302);
    assertThat(marked.headers().firstValue("Location").orElseThrow()).endsWith("/jospar/desk/notifications?lang=ru");
    String after = DeskIT.page(official, "/jospar/desk/notifications?lang=ru");
    assertThat(after).contains("непрочитанных: 1");
    assertThat(section(after, returned)).contains("class=\"note read\"", "Прочитано").doesNotContain("Не прочитано");
    assertThat(unread(officialId)).isEqualTo(1);
    // each person's own: the deputy's copies stay unread (the task, the review, the return)
    assertThat(unread(TURKISTAN + ".deputy")).isEqualTo(3);

    // all at once; a marked page has no count left in the header
    assertThat(official.post("/jospar/desk/notifications/read?lang=ru", FORM,
        DeskIT.form(Map.of("_csrf", official.cookie("JOSPAR-XSRF")))).statusCode()).isEqualTo(302);
    assertThat(unread(officialId)).isZero();
    assertThat(DeskIT.page(official, "/jospar/desk?lang=ru")).doesNotContain("непрочитанных:").doesNotContain("class=\"badge\"");
    assertThat(unread(ASTANA + ".official")).isEqualTo(1);
    assertThat(official.post("/jospar/desk/notifications/not-a-number/read", FORM,
        DeskIT.form(Map.of("_csrf", official.cookie("JOSPAR-XSRF")))).statusCode()).isEqualTo(404);
  }

  @Test
  void whatWeSentShowsTheBodysReportsWithTheirHistoryInKazakhAndRussianAndNothingOfAnotherBody() {
    // item 4.6 is the Ministry of Science's and the Institute's: no akimat of the other test hears of it
    cycles.open("4.6", "2026", "coordinator", null);
    clockAt("2026-11-16T09:15:00+05:00");
    submit("4.6/2026", SENDER, "Семинар өтті");
    clockAt("2026-11-17T11:30:00+05:00");
    decide("4.6/2026", SENDER, ReportProcess.TASK_REVIEW_BY_SUPERVISOR, SENDER + ".supervisor",
        Map.of(Vars.APPROVED, false, Vars.RETURN_REASON, "Хаттама жоқ"));
    clockAt("2026-11-18T16:05:00+05:00");
    submit("4.6/2026", SENDER, "Семинар өтті, хаттама қоса беріледі");
    clockAt("2026-11-18T17:00:00+05:00");
    submit("4.6/2026", OTHER, "The institute's own report");
    decide("4.6/2026", OTHER, ReportProcess.TASK_REVIEW_BY_SUPERVISOR, OTHER + ".supervisor",
        Map.of(Vars.APPROVED, false, Vars.RETURN_REASON, "The institute must add the list of participants"));

    String official = lastName(SENDER + ".official");
    String supervisor = lastName(SENDER + ".supervisor");
    WebappSession sender = new WebappSession(port).login(SENDER + ".supervisor", "demo");
    String ru = main(DeskIT.page(sender, "/jospar/desk/sent?lang=ru"));
    assertThat(ru).contains("Что мы отправили", catalog.row("4.6").orElseThrow().name().ru(),
            catalog.bodies().find(SENDER).orElseThrow().name().ru(), "представлен", "Возвращён руководителем")
        .contains("Отправлен", "16 нояб. 2026 г., 09:15", "Official " + official)
        .contains("17 нояб. 2026 г., 11:30", "Supervisor " + supervisor, "Хаттама жоқ")
        .contains("18 нояб. 2026 г., 16:05")
        .doesNotContain(">" + SENDER + ".official<", ">" + SENDER + ".supervisor<")
        .doesNotContain(catalog.bodies().find(OTHER).orElseThrow().name().ru(), "The institute must add");
    // the history in order: submitted, returned with its reason, submitted again
    int submitted = ru.indexOf("16 нояб. 2026 г., 09:15");
    int back = ru.indexOf("Хаттама жоқ");
    int again = ru.indexOf("18 нояб. 2026 г., 16:05");
    assertThat(submitted).isLessThan(back);
    assertThat(back).isLessThan(again);
    // the last decision beside the state, said with who and when
    assertThat(ru).contains("Supervisor " + supervisor + ", 17 нояб. 2026 г., 11:30");

    String kk = DeskIT.page(sender, "/jospar/desk/sent?lang=kk");
    assertThat(kk).contains("Біз не жібердік", catalog.row("4.6").orElseThrow().name().kk(),
        catalog.bodies().find(SENDER).orElseThrow().name().kk(), "Жіберілді", "Басшы қайтарды", "Хаттама жоқ", "Official " + official);

    // body B's people see their own report only
    String other = DeskIT.page(new WebappSession(port).login(OTHER + ".official", "demo"), "/jospar/desk/sent?lang=ru");
    assertThat(other).contains("The institute must add the list of participants", catalog.bodies().find(OTHER).orElseThrow().name().ru())
        .doesNotContain("Хаттама жоқ", catalog.bodies().find(SENDER).orElseThrow().name().ru(), "Official " + official);

    // the coordinator (member of АҚДМ, not an executor of 4.6) and the auditor (no body) see no body's reports here
    String coordinator = DeskIT.page(new WebappSession(port).login("coordinator", "demo"), "/jospar/desk/sent?lang=ru");
    assertThat(coordinator).contains("Ваш орган ещё не отправил ни одного отчёта.").doesNotContain("Хаттама жоқ", "The institute must add");
    String auditor = DeskIT.page(new WebappSession(port).login("auditor", "demo"), "/jospar/desk/sent?lang=ru");
    assertThat(auditor).contains("Вы не состоите ни в одном органе плана", "href=\"/jospar/monitor\"")
        .doesNotContain("Хаттама жоқ", "The institute must add");
  }

  // ---- helpers ------------------------------------------------------------------------------

  static void clockAt(String isoWithOffset) {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(isoWithOffset).toInstant()));
  }

  /** The body's open submission, submitted by its official through the engine as them. */
  void submit(String cycle, String body, String text) {
    decide(cycle, body, ReportProcess.TASK_SUBMIT_REPORT, body + ".official", Map.of(Vars.REPORT_TEXT, text, Vars.REPORT_DOCUMENT,
        Variables.fileValue("report.pdf").file("%PDF-1.4 done".getBytes()).mimeType("application/pdf").create()));
  }

  void decide(String cycle, String body, String taskKey, String user, Map<String, Object> variables) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance(cycle, body)).taskDefinitionKey(taskKey).singleResult();
    List<String> groups = user.endsWith(".official") ? List.of(body, Roles.OFFICIAL)
        : List.of(body, Roles.supervisorsOf(body), Roles.SUPERVISOR);
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      engine.getTaskService().claim(task.getId(), user);
      engine.getTaskService().complete(task.getId(), variables);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  String instance(String cycle, String body) {
    return jdbc.queryForObject("SELECT process_instance_id FROM jospar_body_report WHERE cycle_key = ? AND body_code = ?", String.class,
        cycle, body);
  }

  String openSubmission(String cycle, String body) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance(cycle, body))
        .taskDefinitionKey(ReportProcess.TASK_SUBMIT_REPORT).singleResult().getId();
  }

  String lastName(String userId) {
    return engine.getIdentityService().createUserQuery().userId(userId).singleResult().getLastName();
  }

  int unread(String userId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM jospar_notification WHERE recipient = ? AND read_at IS NULL", Integer.class, userId);
  }

  /** The notifications' ids on a page, in the page's order. */
  static List<Long> ids(String html) {
    List<Long> ids = new ArrayList<>();
    Matcher m = Pattern.compile("id=\"note-(\\d+)\"").matcher(html);
    while (m.find()) {
      ids.add(Long.valueOf(m.group(1)));
    }
    return ids;
  }

  /** The page without its header (which names the signed-in user). */
  static String main(String html) {
    return html.substring(html.indexOf("<main"));
  }

  /** One notification's part of a page. */
  static String section(String html, long id) {
    int start = html.lastIndexOf("<li", html.indexOf("id=\"note-" + id + "\""));
    return html.substring(start, html.indexOf("</li>", start));
  }
}
