package kz.jospar.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.reporting.CycleService;
import kz.jospar.reporting.ReportProcess;
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
 * "My work" on a real PostgreSQL, through HTTP in the webapps' session: a person sees their groups'
 * open tasks and nobody else's, in their language, overdue first with the days past, names instead of
 * ids; the work items follow the engine's tasks and are rebuilt from them at start.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=false", "jospar.demo.allow-any-database=true"})
@ActiveProfiles({"demo", "postgres"})
class DeskIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresSupport.register(registry, "jospar_desk");
  }

  static final String TURKISTAN = "akimat-turkistan";
  static final String ASTANA = "akimat-astana";
  static final ZoneId ASTANA_TIME = ZoneId.of("Asia/Almaty");

  @Autowired CycleService cycles;
  @Autowired ProcessEngine engine;
  @Autowired PlanCatalog catalog;
  @Autowired JdbcTemplate jdbc;
  @Autowired MyWork myWork;
  @LocalServerPort int port;

  @BeforeEach
  void clock() {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-11-16T10:00:00+05:00").toInstant()));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void anOfficialSeesOnlyTheirBodysWorkInTheirLanguageOverdueFirstWithNames() {
    // two periods of row 4.8 for the twenty akimats: the first due on 2026-11-20, the second later
    OffsetDateTime firstDue = OffsetDateTime.parse("2026-11-20T18:00:00+05:00");
    cycles.open("4.8", "2026-H2", "coordinator", firstDue);
    String officialId = TURKISTAN + ".official";
    WebappSession official = new WebappSession(port).login(officialId, "demo");

    String ru = page(official, "/jospar/desk?lang=ru");
    String turkistanRu = catalog.bodies().find(TURKISTAN).orElseThrow().name().ru();
    String astanaRu = catalog.bodies().find(ASTANA).orElseThrow().name().ru();
    assertThat(ru).contains("Мои задачи", "Сдать отчёт", catalog.row("4.8").orElseThrow().name().ru(), turkistanRu)
        .contains("осталось 4 рабочих дня") // Tue, Wed, Thu, Fri after Monday the 16th
        .doesNotContain(astanaRu);
    assertThat(rows(page(official, "/jospar/desk?lang=ru&row=4.8"))).as("one task of row 4.8: the body's own").isEqualTo(1);
    assertThat(page(official, "/jospar/desk")).as("a language asked for by a link stays for the next pages").contains("Мои задачи");
    assertThat(ru).as("the header names the person, not their id").containsPattern("<span class=\"who\">Official [^<]+</span>")
        .doesNotContain("<span class=\"who\">" + officialId);
    String kk = page(official, "/jospar/desk?lang=kk");
    assertThat(kk).contains("Менің тапсырмаларым", "Есеп тапсыру", catalog.row("4.8").orElseThrow().name().kk(), "4 жұмыс күні қалды");

    // three days past the control date: marked in colour, symbol and words, and first
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-11-23T10:00:00+05:00").toInstant()));
    cycles.open("4.7", "2026", "coordinator", OffsetDateTime.parse("2026-12-10T18:00:00+05:00"));
    String late = page(official, "/jospar/desk?lang=ru");
    assertThat(late).contains("class=\"t-overdue\"", "⚠", "просрочено на 3 дня", "просрочено: 1");
    assertThat(late.indexOf("t-overdue")).as("overdue first").isLessThan(late.indexOf("t-on_time"));
    String en = page(official, "/jospar/desk?lang=en&kind=" + ReportProcess.TASK_SUBMIT_REPORT + "&row=4.8");
    assertThat(en).contains("3 days overdue");
    assertThat(rows(en)).as("narrowed to item 4.8").isEqualTo(1);

    // claimed: "you" for the holder, their name (not their id) for the body's supervisor
    Task submit = engine.getTaskService().createTaskQuery().processInstanceBusinessKey("4.8/2026-H2").taskCandidateGroup(TURKISTAN)
        .singleResult();
    assertThat(official.api("POST", "/camunda/api/engine/engine/default/task/" + submit.getId() + "/claim",
        "{\"userId\":\"" + officialId + "\"}").statusCode()).isEqualTo(204);
    assertThat(page(official, "/jospar/desk?lang=ru&row=4.8")).contains("<td>вы</td>");
    WebappSession supervisor = new WebappSession(port).login(TURKISTAN + ".supervisor", "demo");
    String seen = page(supervisor, "/jospar/desk?lang=ru&row=4.8");
    String name = engine.getIdentityService().createUserQuery().userId(officialId).singleResult().getLastName();
    assertThat(seen).contains("Official " + name).doesNotContain(">" + officialId + "<");

    // the search looks in what the list says, in the reader's language
    String all = page(official, "/jospar/desk?lang=ru");
    assertThat(rows(page(official, "/jospar/desk?lang=ru&q=" + java.net.URLEncoder.encode("сдать", java.nio.charset.StandardCharsets.UTF_8))))
        .isEqualTo(rows(all)).isGreaterThanOrEqualTo(2);
    assertThat(rows(page(official, "/jospar/desk?lang=ru&q=4.8"))).isEqualTo(1);
    assertThat(page(official, "/jospar/desk?lang=ru&q=zzzz-nothing")).contains("Здесь ничего не ждёт вас.");
  }

  @Test
  void theListIsTheEnginesOpenTasksOfThePersonsGroupsAndFollowsThem() {
    cycles.open("4.9", "2026", "coordinator", null);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    assertThat(listed(ASTANA)).isEqualTo(engineTasks(ASTANA)).isNotEmpty();
    assertThat(listed(ASTANA, TURKISTAN)).containsAll(engineTasks(TURKISTAN)).containsAll(engineTasks(ASTANA));
    Task one = engine.getTaskService().createTaskQuery().taskCandidateGroup(ASTANA).list().get(0);
    engine.getTaskService().claim(one.getId(), ASTANA + ".official");
    assertThat(myWork.of(ASTANA + ".official", List.of(ASTANA), MyWork.Filter.none(), Locale.ENGLISH, now).rows())
        .filteredOn(r -> r.taskId().equals(one.getId())).singleElement().satisfies(r -> assertThat(r.heldByMe()).isTrue());
    engine.getTaskService().complete(one.getId(), Map.of("reportText", "done", "reportDocument",
        Variables.fileValue("report.pdf").file("%PDF-1.4 done".getBytes()).mimeType("application/pdf").create()));
    assertThat(listed(ASTANA)).isEqualTo(engineTasks(ASTANA)).doesNotContain(one.getId());
    // a mail's link to the task, followed after it was done: a desk page in the reader's language, with the way back
    HttpResponse<String> gone = new WebappSession(port).login(ASTANA + ".official", "demo").get("/jospar/desk/task/" + one.getId() + "?lang=ru",
        "text/html");
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(HtmlUtils.htmlUnescape(gone.body())).contains("Этой задачи нет среди ваших", "Что ждёт вас сейчас", "href=\"/jospar/desk\"")
        .doesNotContain("Whitelabel");
    assertThat(listed("a-group-of-nobody")).isEmpty();
  }

  /** Pages of two: each page is the whole list's slice, counted in the same pass; a page past the end still says the totals. */
  @Test
  void pagesAreSlicesOfTheWholeListWithItsCounts(@Autowired org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate sql,
      @Autowired kz.jospar.catalog.Plans plans, @Autowired kz.jospar.calendar.PlanCalendars calendars,
      @Autowired kz.jospar.calendar.WorkingCalendar workingDays,
      @Autowired kz.jospar.reporting.CycleProperties cycleProperties, @Autowired kz.jospar.catalog.PlanVersions versions) {
    // item 4.2's two periods, which no other test here opens: one late since Friday, one on time
    Date today = ClockUtil.getCurrentTime();
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-11-09T10:00:00+05:00").toInstant()));
    cycles.open("4.2", "2026", "coordinator", OffsetDateTime.parse("2026-11-13T18:00:00+05:00"));
    ClockUtil.setCurrentTime(today);
    cycles.open("4.2", "2025", "coordinator", OffsetDateTime.parse("2026-12-10T18:00:00+05:00"));
    try {
      Instant now = ClockUtil.getCurrentTime().toInstant();
      List<String> groups = List.of(ASTANA, TURKISTAN);
      MyWork.Work whole = myWork.of("someone", groups, MyWork.Filter.none(), Locale.ENGLISH, now);
      assertThat(whole.overdue()).as("at least the two akimats' late 4.2 reports").isGreaterThanOrEqualTo(2).isLessThan(whole.total());
      assertThat(whole.total()).isGreaterThanOrEqualTo(4).isEqualTo(whole.rows().size()).isEqualTo(engineTasks(ASTANA).size() + engineTasks(TURKISTAN).size());
      MyWork byTwo = new MyWork(sql, plans, calendars, workingDays, engine.getIdentityService(), cycleProperties, 2, versions);
      List<String> seen = new java.util.ArrayList<>();
      for (int from = 0; from < whole.total(); from += 2) {
        MyWork.Work page = byTwo.of("someone", groups, MyWork.Filter.none(), Locale.ENGLISH, now, from);
        assertThat(page.total()).isEqualTo(whole.total());
        assertThat(page.overdue()).isEqualTo(whole.overdue());
        assertThat(page.rows()).hasSize(Math.min(2, whole.total() - from));
        assertThat(page.hasNext()).isEqualTo(from + 2 < whole.total());
        page.rows().forEach(r -> seen.add(r.taskId()));
      }
      assertThat(seen).as("the pages in order are the whole list").isEqualTo(whole.rows().stream().map(MyWork.Row::taskId).toList());
      MyWork.Work past = byTwo.of("someone", groups, MyWork.Filter.none(), Locale.ENGLISH, now, whole.total() + 4);
      assertThat(past.rows()).isEmpty();
      assertThat(past.total()).as("a page past the end (the list shrank) still counts the list").isEqualTo(whole.total());
      assertThat(past.overdue()).isEqualTo(whole.overdue());
    } finally { // the other tests count their overdue tasks: these two periods leave none behind
      for (String key : List.of("4.2/2026", "4.2/2025")) {
        engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).rootProcessInstances().list()
            .forEach(i -> engine.getRuntimeService().deleteProcessInstance(i.getId(), "test over"));
      }
    }
  }

  List<String> listed(String... groups) {
    return myWork.of("someone", List.of(groups), MyWork.Filter.none(), Locale.ENGLISH, ClockUtil.getCurrentTime().toInstant()).rows()
        .stream().map(MyWork.Row::taskId).sorted().toList();
  }

  @Test
  void aReportGoesThroughTheDeskFormsAndTheCoordinatorAcceptsInBulk() {
    cycles.open("4.5", "2026", "coordinator", null);
    String officialId = TURKISTAN + ".official";
    WebappSession official = new WebappSession(port).login(officialId, "demo");
    String submit = taskOf("4.5/2026", TURKISTAN).getId();

    // the form, in Russian, with the CSRF token a browser posts back
    String form = page(official, "/jospar/desk/task/" + submit + "?lang=ru");
    assertThat(form).contains("Что сделано", "Документ", "Отправить отчёт", "name=\"_csrf\"");
    String token = official.cookie("JOSPAR-XSRF");

    // nothing filled in: 400, the error summary and each field's error in Russian, nothing recorded
    HttpResponse<String> empty = official.post("/jospar/desk/task/" + submit + "?lang=ru", MULTIPART,
        multipart(Map.of("_csrf", token), null));
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(HtmlUtils.htmlUnescape(empty.body())).contains("Есть ошибки", "href=\"#reportText\"", "href=\"#reportDocument\"",
        "обязательно");
    assertThat(state("4.5/2026", TURKISTAN)).isEqualTo("open");

    // a Windows program under a PDF's name is refused by the same check as on every door
    HttpResponse<String> exe = official.post("/jospar/desk/task/" + submit + "?lang=en", MULTIPART,
        multipart(Map.of("_csrf", token, "reportText", "done"), new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0}));
    assertThat(exe.statusCode()).isEqualTo(400);
    assertThat(state("4.5/2026", TURKISTAN)).isEqualTo("open");

    // filled in: submitted, and the list says what happens next
    HttpResponse<String> sent = official.post("/jospar/desk/task/" + submit + "?lang=ru", MULTIPART,
        multipart(Map.of("_csrf", token, "reportText", "Проведено 3 мероприятия"), "%PDF-1.4 minutes".getBytes()));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
    assertThat(sent.headers().firstValue("Location").orElseThrow()).endsWith("/jospar/desk?done=submitted&lang=ru");
    assertThat(page(official, "/jospar/desk?lang=ru&done=submitted")).contains("Готово.", "руководителю вашего органа");
    assertThat(state("4.5/2026", TURKISTAN)).isEqualTo("submitted");

    // the supervisor: the report's text, a return without a reason is refused, an approval goes through
    WebappSession supervisor = new WebappSession(port).login(TURKISTAN + ".supervisor", "demo");
    String review = taskOf("4.5/2026", kz.jospar.access.Roles.supervisorsOf(TURKISTAN)).getId();
    assertThat(page(supervisor, "/jospar/desk/task/" + review + "?lang=ru")).contains("Проведено 3 мероприятия", "Скачать документ",
        "тот, кто сдал отчёт, не может его рассматривать").doesNotContain("Причина возврата (необязательно)");
    String supervisorToken = supervisor.cookie("JOSPAR-XSRF");
    HttpResponse<String> noReason = supervisor.post("/jospar/desk/task/" + review + "?lang=ru", FORM,
        form(Map.of("_csrf", supervisorToken, "approved", "no")));
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(HtmlUtils.htmlUnescape(noReason.body())).contains("href=\"#returnReason\"");
    assertThat(supervisor.post("/jospar/desk/task/" + review + "?lang=ru", FORM,
        form(Map.of("_csrf", supervisorToken, "approved", "yes"))).statusCode()).isEqualTo(302);
    assertThat(state("4.5/2026", TURKISTAN)).isEqualTo("approved");

    // two more bodies approved the same way, then the coordinator accepts all three at once; a submission in the batch is refused alone
    List<String> acceptances = new java.util.ArrayList<>(List.of(acceptanceOf("4.5/2026", TURKISTAN)));
    for (String body : List.of(ASTANA, "akimat-shymkent")) {
      submitAndApprove("4.5/2026", body);
      acceptances.add(acceptanceOf("4.5/2026", body));
    }
    WebappSession coordinator = new WebappSession(port).login("coordinator", "demo");
    String list = page(coordinator, "/jospar/desk?lang=ru&kind=" + ReportProcess.TASK_REVIEW_BY_COORDINATOR + "&row=4.5");
    acceptances.forEach(id -> assertThat(list).contains("value=\"" + id + "\""));
    String stranger = taskOf("4.5/2026", "akimat-almaty").getId();
    Map<String, String> chosen = new java.util.LinkedHashMap<>();
    chosen.put("_csrf", coordinator.cookie("JOSPAR-XSRF"));
    StringBuilder body = new StringBuilder(new String(form(chosen)));
    for (String id : List.of(acceptances.get(0), acceptances.get(1), acceptances.get(2), stranger)) {
      body.append("&task=").append(id);
    }
    HttpResponse<String> bulk = coordinator.post("/jospar/desk/bulk?lang=ru", FORM, body.toString().getBytes());
    assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(200);
    assertThat(HtmlUtils.htmlUnescape(bulk.body())).contains("Решено отчётов: 3 из 4.");
    for (String body2 : List.of(TURKISTAN, ASTANA, "akimat-shymkent")) {
      assertThat(state("4.5/2026", body2)).as(body2).isEqualTo("accepted");
    }
    assertThat(state("4.5/2026", "akimat-almaty")).isEqualTo("open");
  }

  static final String BOUNDARY = "desk-test-boundary";
  static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;
  static final String FORM = "application/x-www-form-urlencoded";

  static byte[] multipart(Map<String, String> fields, byte[] document) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    fields.forEach((k, v) -> out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v
        + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    if (document != null) {
      out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"reportDocument\"; filename=\"report.pdf\"\r\n"
          + "Content-Type: application/pdf\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.writeBytes(document);
      out.writeBytes("\r\n".getBytes());
    }
    out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes());
    return out.toByteArray();
  }

  static byte[] form(Map<String, String> fields) {
    return String.join("&", fields.entrySet().stream().map(e -> e.getKey() + "="
        + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8)).toList()).getBytes();
  }

  Task taskOf(String cycle, String group) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(cycle).taskCandidateGroup(group).singleResult();
  }

  String acceptanceOf(String cycle, String body) {
    String pi = jdbc.queryForObject("SELECT process_instance_id FROM jospar_body_report WHERE cycle_key = ? AND body_code = ?",
        String.class, cycle, body);
    return engine.getTaskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(ReportProcess.TASK_REVIEW_BY_COORDINATOR)
        .singleResult().getId();
  }

  /** A body's report submitted by its official and approved by its supervisor, through the engine as each of them. */
  void submitAndApprove(String cycle, String body) {
    var identity = engine.getIdentityService();
    var tasks = engine.getTaskService();
    String submit = taskOf(cycle, body).getId();
    identity.setAuthentication(body + ".official", List.of(body, kz.jospar.access.Roles.OFFICIAL));
    try {
      tasks.claim(submit, body + ".official");
      tasks.complete(submit, Map.of("reportText", "done", "reportDocument",
          Variables.fileValue("report.pdf").file("%PDF-1.4 done".getBytes()).mimeType("application/pdf").create()));
    } finally {
      identity.clearAuthentication();
    }
    String review = taskOf(cycle, kz.jospar.access.Roles.supervisorsOf(body)).getId();
    identity.setAuthentication(body + ".supervisor", List.of(body, kz.jospar.access.Roles.supervisorsOf(body),
        kz.jospar.access.Roles.SUPERVISOR));
    try {
      tasks.claim(review, body + ".supervisor");
      tasks.complete(review, Map.of("approved", true));
    } finally {
      identity.clearAuthentication();
    }
  }

  String state(String cycle, String body) {
    return jdbc.queryForObject("SELECT state FROM jospar_body_report WHERE cycle_key = ? AND body_code = ?", String.class, cycle, body);
  }

  /** The group's open tasks as the engine's own task query finds them. */
  List<String> engineTasks(String group) {
    return engine.getTaskService().createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().list().stream().map(Task::getId).sorted().toList();
  }

  static String page(WebappSession session, String path) {
    HttpResponse<String> r = session.get(path, "text/html");
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return HtmlUtils.htmlUnescape(r.body());
  }

  static int rows(String html) {
    return html.split("<tr class=\"t-", -1).length - 1;
  }
}
