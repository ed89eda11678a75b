package kz.jospar.desk;

import static kz.jospar.desk.DeskIT.FORM;
import static kz.jospar.desk.DeskIT.page;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.catalog.WorkKind;
import kz.jospar.completion.FormRules;
import kz.jospar.access.Roles;
import kz.jospar.reporting.CycleService;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.reporting.ReportProcess.Vars;
import kz.jospar.support.EmbeddedPostgresSupport;
import kz.jospar.support.WebappSession;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
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
 * Every kind of human task of every model has its desk form, drawn from the one form definition the
 * completion check judges by: it shows the report's or the item's context in Russian and Kazakh, an
 * empty or wrong submission is a 400 naming the field in the page's language with nothing recorded,
 * a valid one completes and the list confirms what happens next. Four-eyes is said before writing.
 * Bulk decisions under a filter decide exactly the person's own filtered tasks, each on its own.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=false", "jospar.demo.allow-any-database=true"})
@ActiveProfiles({"demo", "postgres"})
class DeskFormsIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresSupport.register(registry, "jospar_desk_forms");
  }

  static final String TURKISTAN = "akimat-turkistan";
  static final String ASTANA = "akimat-astana";

  @Autowired CycleService cycles;
  @Autowired ProcessEngine engine;
  @Autowired PlanCatalog catalog;
  @Autowired JdbcTemplate jdbc;
  @Autowired FormRules rules;
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
  void everyUserTaskOfEveryModelHasAFormDefinedOnce() throws Exception {
    java.util.Set<String> modelled = new java.util.TreeSet<>();
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("bpmn"))) {
      for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<bpmn:userTask id=\"([^\"]+)\"").matcher(java.nio.file.Files.readString(f));
        while (m.find()) {
          modelled.add(m.group(1));
        }
      }
    }
    assertThat(modelled).hasSize(10);
    for (String key : modelled) {
      assertThat(rules.form(key)).as(key).isPresent();
      assertThat(DeskController.KINDS).as("the list's steps").contains(key);
      assertThat(rules.fields(key)).isEqualTo(rules.form(key).orElseThrow().names());
    }
  }

  @Test
  void escalationsAreActedOnInTheDeskAtBothLevels() {
    cycles.open("9.1", "2026-Q4", "coordinator", null);
    String pi = reportInstance("9.1/2026-Q4", TURKISTAN);
    fire(pi, ReportProcess.BOUNDARY_DEADLINE_PASSED);
    String level1 = task(pi, ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL1);
    WebappSession supervisor = new WebappSession(port).login(TURKISTAN + ".supervisor", "demo");

    String ru = page(supervisor, "/jospar/desk/task/" + level1 + "?lang=ru");
    assertThat(ru).contains("Просрочено", catalog.row("9.1").orElseThrow().name().ru(), bodyRu(TURKISTAN), "уровень 1",
        "Принятые меры или причина задержки", "Записать принятые меры");
    String kk = page(supervisor, "/jospar/desk/task/" + level1 + "?lang=kk");
    assertThat(kk).contains("Мерзімі өтті", catalog.row("9.1").orElseThrow().name().kk(), "1-деңгей",
        "Қабылданған шаралар немесе кешігу себебі");

    HttpResponse<String> empty = supervisor.post("/jospar/desk/task/" + level1 + "?lang=ru", FORM, form(supervisor, Map.of()));
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(HtmlUtils.htmlUnescape(empty.body())).contains("href=\"#overdueAction\"", "Принятые меры или причина задержки: обязательно");
    assertThat(open(level1)).as("nothing recorded").isTrue();
    assertThat(events("9.1/2026-Q4", TURKISTAN)).doesNotContain("OVERDUE_ACTED_1");

    // another body's supervisor, with a filled-in form: not theirs, nothing recorded
    WebappSession stranger = new WebappSession(port).login(ASTANA + ".supervisor", "demo");
    assertThat(stranger.post("/jospar/desk/task/" + level1 + "?lang=ru", FORM,
        form(stranger, Map.of(Vars.OVERDUE_ACTION, "не наш"))).statusCode()).isEqualTo(404);
    assertThat(open(level1)).isTrue();

    HttpResponse<String> done = supervisor.post("/jospar/desk/task/" + level1 + "?lang=ru", FORM,
        form(supervisor, Map.of(Vars.OVERDUE_ACTION, "Исполнитель в отпуске, назначен заместитель")));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
    assertThat(done.headers().firstValue("Location").orElseThrow()).contains("done=overdueActed1");
    assertThat(page(supervisor, "/jospar/desk?lang=ru&done=overdueActed1")).contains("Готово.", "Принятые меры записаны в историю отчёта")
        .doesNotContain("value=\"" + level1 + "\"");
    assertThat(open(level1)).isFalse();
    assertThat(events("9.1/2026-Q4", TURKISTAN)).contains("OVERDUE_ACTED_1");

    // level 2: the coordinator, in Kazakh
    fire(pi, ReportProcess.BOUNDARY_LEVEL2_DUE);
    String level2 = task(pi, ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL2);
    WebappSession coordinator = new WebappSession(port).login("coordinator", "demo");
    assertThat(page(coordinator, "/jospar/desk/task/" + level2 + "?lang=kk")).contains("Мерзімі өтті (2-деңгей)", "2-деңгей", bodyKk(TURKISTAN));
    HttpResponse<String> blank = coordinator.post("/jospar/desk/task/" + level2 + "?lang=kk", FORM,
        form(coordinator, Map.of(Vars.OVERDUE_ACTION, "   ")));
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(HtmlUtils.htmlUnescape(blank.body())).contains("href=\"#overdueAction\"", "міндетті");
    assertThat(coordinator.post("/jospar/desk/task/" + level2 + "?lang=kk", FORM,
        form(coordinator, Map.of(Vars.OVERDUE_ACTION, "Министрлікке хабарластым"))).statusCode()).isEqualTo(302);
    assertThat(page(coordinator, "/jospar/desk?lang=kk&done=overdueActed2")).contains("Дайын.", "есептің тарихына жазылды");
    assertThat(events("9.1/2026-Q4", TURKISTAN)).contains("OVERDUE_ACTED_2");
  }

  @Test
  void consolidationAndClosingWithTheIndicatorsAndFourEyesBetweenThem() {
    cycles.open("15.1", "2026-Q4", "coordinator", null);
    for (String body : cycles.bodyCodes("15.1/2026-Q4")) {
      acceptReport("15.1/2026-Q4", body);
    }
    String consolidate = cycleTask("15.1/2026-Q4", ReportProcess.TASK_CONSOLIDATE_REPORTS);
    // the coordinator is also of АҚДМ, the row's lead: they consolidate, so another coordinator closes
    WebappSession coordinator = new WebappSession(port).login("coordinator", "demo");
    String ru = page(coordinator, "/jospar/desk/task/" + consolidate + "?lang=ru");
    assertThat(ru).contains("Свести отчёты", catalog.row("15.1").orElseThrow().name().ru(), "Принятые отчёты", "Сводная информация",
        "Сводный документ (необязательно)", "координатор закроет период");
    assertThat(page(coordinator, "/jospar/desk/task/" + consolidate + "?lang=kk")).contains("Есептерді жинақтау", "Жиынтық ақпарат",
        "Қабылданған есептер");
    HttpResponse<String> empty = coordinator.post("/jospar/desk/task/" + consolidate + "?lang=ru", DeskIT.MULTIPART,
        multipart(coordinator, Map.of(), null, null));
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(HtmlUtils.htmlUnescape(empty.body())).contains("href=\"#consolidatedSummary\"", "Сводная информация: обязательно")
        .doesNotContain("href=\"#consolidatedDocument\"");
    assertThat(open(consolidate)).isTrue();
    HttpResponse<String> consolidated = coordinator.post("/jospar/desk/task/" + consolidate + "?lang=ru", DeskIT.MULTIPART,
        multipart(coordinator, Map.of(Vars.CONSOLIDATED_SUMMARY, "Исследование 2026 года проведено"), Vars.CONSOLIDATED_DOCUMENT,
            "%PDF-1.4 consolidated".getBytes()));
    assertThat(consolidated.statusCode()).as(consolidated.body()).isEqualTo(302);
    assertThat(page(coordinator, "/jospar/desk?lang=ru&done=consolidated")).contains("Сводка передана координатору");
    runContinuations();

    String close = cycleTask("15.1/2026-Q4", ReportProcess.TASK_CLOSE_PERIOD);
    String barred = page(coordinator, "/jospar/desk/task/" + close + "?lang=ru");
    assertThat(barred).as("four-eyes said before writing, and no form").contains("Четыре глаза:", "вы свели отчёты этого периода")
        .doesNotContain("Закрыть период</button>");
    HttpResponse<String> refused = coordinator.post("/jospar/desk/task/" + close + "?lang=ru", FORM,
        form(coordinator, Map.of("indicator1Value", "80", "indicator2Value", "70", "indicator3Value", "75")));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(open(close)).isTrue();

    WebappSession second = new WebappSession(port).login("coordinator2", "demo");
    String closing = page(second, "/jospar/desk/task/" + close + "?lang=ru");
    assertThat(closing).contains("Закрыть период", "Исследование 2026 года проведено", "Скачать документ: сводный документ",
        catalog.indicators().get(0).name().ru(), "план на год: 81", "тот, кто свёл отчёты периода, не может его закрыть");
    assertThat(page(second, "/jospar/desk/task/" + close + "?lang=kk")).contains("Кезеңді жабу", catalog.indicators().get(0).name().kk(),
        "жылдық жоспар");
    HttpResponse<String> wrong = second.post("/jospar/desk/task/" + close + "?lang=ru", FORM,
        form(second, Map.of("indicator1Value", "180,5", "indicator2Value", "69.6")));
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(HtmlUtils.htmlUnescape(wrong.body())).contains("href=\"#indicator1Value\"", "должно быть от 0 до 100", "href=\"#indicator3Value\"")
        .doesNotContain("href=\"#indicator2Value\"");
    assertThat(open(close)).isTrue();
    HttpResponse<String> closed = second.post("/jospar/desk/task/" + close + "?lang=ru", FORM,
        form(second, Map.of("indicator1Value", "80,5", "indicator2Value", "69.6", "indicator3Value", "77.5", Vars.CLOSING_NOTE, "Закрыто")));
    assertThat(closed.statusCode()).as(closed.body()).isEqualTo(302);
    runContinuations();
    assertThat(page(second, "/jospar/desk?lang=ru&done=closed")).contains("Период по пункту закрыт.");
    assertThat(jdbc.queryForObject("SELECT state FROM jospar_cycle WHERE cycle_key = ?", String.class, "15.1/2026-Q4")).isEqualTo("closed");
  }

  @Test
  void theSessionIsPreparedAndRecordedInTheDesk() {
    cycles.open("2", "2026", "coordinator", null);
    String prepare = cycleTask("2/2026", ReportProcess.TASK_PREPARE_SESSION);
    WebappSession lead = new WebappSession(port).login("aqdm.official", "demo");
    assertThat(page(lead, "/jospar/desk/task/" + prepare + "?lang=ru")).contains("Подготовить сессию", catalog.row("2").orElseThrow().name().ru(),
        "Повестка дня и подготовка", "Планируемая дата сессии", "type=\"date\"", "Затем вы отметите проведение сессии");
    assertThat(page(lead, "/jospar/desk/task/" + prepare + "?lang=kk")).contains("Сессияны дайындау", "Сессияның жоспарланған күні");
    HttpResponse<String> wrong = lead.post("/jospar/desk/task/" + prepare + "?lang=ru", FORM,
        form(lead, Map.of(Vars.SESSION_DATE, "31.04.2026")));
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(HtmlUtils.htmlUnescape(wrong.body())).contains("href=\"#sessionPlan\"", "href=\"#sessionDate\"", "ожидается дата");
    assertThat(open(prepare)).isTrue();
    assertThat(lead.post("/jospar/desk/task/" + prepare + "?lang=ru", FORM,
        form(lead, Map.of(Vars.SESSION_PLAN, "Повестка XXXV сессии", Vars.SESSION_DATE, "2026-04-28"))).statusCode()).isEqualTo(302);
    runContinuations();

    String record = cycleTask("2/2026", ReportProcess.TASK_RECORD_SESSION_HELD);
    assertThat(page(lead, "/jospar/desk/task/" + record + "?lang=ru")).contains("Зафиксировать проведение сессии", "Запланировано при подготовке",
        "Повестка XXXV сессии", "Протокол сессии");
    assertThat(page(lead, "/jospar/desk/task/" + record + "?lang=kk")).contains("Сессияның өткенін тіркеу", "Сессия хаттамасы");
    HttpResponse<String> empty = lead.post("/jospar/desk/task/" + record + "?lang=kk", DeskIT.MULTIPART, multipart(lead, Map.of(), null, null));
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(HtmlUtils.htmlUnescape(empty.body())).contains("href=\"#sessionHeldOn\"", "href=\"#sessionMinutes\"", "міндетті: күні");
    assertThat(open(record)).isTrue();
    HttpResponse<String> held = lead.post("/jospar/desk/task/" + record + "?lang=kk", DeskIT.MULTIPART,
        multipart(lead, Map.of(Vars.SESSION_HELD_ON, "2026-04-29"), Vars.SESSION_MINUTES, "%PDF-1.4 minutes".getBytes()));
    assertThat(held.statusCode()).as(held.body()).isEqualTo(302);
    runContinuations();
    assertThat(page(lead, "/jospar/desk?lang=kk&done=sessionHeld")).contains("Сессия тіркелді");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey("2/2026").taskDefinitionKey(ReportProcess.TASK_SUBMIT_REPORT)
        .count()).as("the bodies' reports are opened").isPositive();
  }

  @Test
  void theRegisterIsUpdatedInTheDesk() {
    cycles.open("5", "2025", "coordinator", null);
    for (String body : cycles.bodyCodes("5/2025")) {
      acceptReport("5/2025", body);
    }
    complete(cycleTask("5/2025", ReportProcess.TASK_CONSOLIDATE_REPORTS), "aqdm.official", Map.of(Vars.CONSOLIDATED_SUMMARY, "s"));
    complete(cycleTask("5/2025", ReportProcess.TASK_CLOSE_PERIOD), "coordinator2", Map.of());
    String register = cycleTask("5/2025", ReportProcess.TASK_UPDATE_REGISTER);
    WebappSession lead = new WebappSession(port).login("aqdm.official", "demo");
    assertThat(page(lead, "/jospar/desk/task/" + register + "?lang=ru")).contains("Обновить реестр этнокультурных объединений",
        "Обновлённый реестр", "Количество объединений в реестре", "Примечание (необязательно)", "enctype=\"multipart/form-data\"");
    assertThat(page(lead, "/jospar/desk/task/" + register + "?lang=kk")).contains("Этномәдени бірлестіктер тізілімін жаңарту",
        "Тізілімдегі бірлестіктер саны");
    HttpResponse<String> wrong = lead.post("/jospar/desk/task/" + register + "?lang=ru", DeskIT.MULTIPART,
        multipart(lead, Map.of(Vars.ASSOCIATIONS_COUNT, "-3"), null, null));
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(HtmlUtils.htmlUnescape(wrong.body())).contains("href=\"#registerDocument\"", "href=\"#associationsCount\"",
        "должно быть 0 или больше, получено -3");
    assertThat(open(register)).isTrue();
    HttpResponse<String> done = lead.post("/jospar/desk/task/" + register + "?lang=ru", DeskIT.MULTIPART,
        multipart(lead, Map.of(Vars.ASSOCIATIONS_COUNT, "1012"), Vars.REGISTER_DOCUMENT, "%PDF-1.4 register".getBytes()));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
    runContinuations();
    assertThat(page(lead, "/jospar/desk?lang=ru&done=registerUpdated")).contains("Обновлённый реестр записан");
    assertThat(open(register)).isFalse();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey("5/2025")
        .processDefinitionKey(WorkKind.register_update.processKey()).count()).as("item 5's period has ended").isZero();
  }

  @Test
  void bulkUnderAFilterDecidesExactlyThePersonsFilteredReportsEachOnItsOwn() {
    cycles.open("4.5", "2026", "coordinator", null);
    cycles.open("4.7", "2026", "coordinator", null);
    for (String body : List.of(TURKISTAN, ASTANA, "akimat-shymkent")) {
      submitAndApprove("4.5/2026", body, body + ".official");
    }
    // the coordinator is of АҚДМ too and submitted its report: four-eyes refuses them that acceptance
    submitAndApprove("4.5/2026", "aqdm", "coordinator");
    submitAndApprove("4.7/2026", TURKISTAN, TURKISTAN + ".official");
    String outside = acceptance("4.7/2026", TURKISTAN);

    WebappSession coordinator = new WebappSession(port).login("coordinator", "demo");
    String list = page(coordinator, "/jospar/desk?lang=ru&row=4.5");
    assertThat(list).contains("Одобрить или принять все на этой странице (4)");

    // first the count to confirm; nothing decided yet
    Map<String, String> filter = new LinkedHashMap<>(Map.of("scope", "filter", "row", "4.5"));
    HttpResponse<String> confirm = coordinator.post("/jospar/desk/bulk?lang=ru", FORM, form(coordinator, filter));
    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(HtmlUtils.htmlUnescape(confirm.body())).contains("ждущих вашего одобрения или приёмки: 4", "name=\"confirm\" value=\"yes\"");
    assertThat(state("4.5/2026", TURKISTAN)).isEqualTo("approved");

    filter.put("confirm", "yes");
    HttpResponse<String> bulk = coordinator.post("/jospar/desk/bulk?lang=ru", FORM, form(coordinator, filter));
    assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(200);
    String results = HtmlUtils.htmlUnescape(bulk.body());
    assertThat(results).contains("Решено отчётов: 3 из 4.", "этот отчёт представили или одобрили вы");
    for (String body : List.of(TURKISTAN, ASTANA, "akimat-shymkent")) {
      assertThat(state("4.5/2026", body)).as(body).isEqualTo("accepted");
    }
    assertThat(state("4.5/2026", "aqdm")).isEqualTo("approved");
    assertThat(state("4.7/2026", TURKISTAN)).as("outside the filter").isEqualTo("approved");

    // ids sent by someone whose list does not hold them decide nothing, whatever the scope
    WebappSession supervisor = new WebappSession(port).login(TURKISTAN + ".supervisor", "demo");
    HttpResponse<String> foreign = supervisor.post("/jospar/desk/bulk?lang=ru", FORM,
        (new String(form(supervisor, Map.of("scope", "page"))) + "&onPage=" + outside).getBytes());
    assertThat(foreign.statusCode()).isEqualTo(200);
    assertThat(HtmlUtils.htmlUnescape(foreign.body())).contains("Решено отчётов: 0 из 1.");
    assertThat(state("4.7/2026", TURKISTAN)).isEqualTo("approved");

    // all on this page: what the person's page showed
    HttpResponse<String> onPage = coordinator.post("/jospar/desk/bulk?lang=kk", FORM,
        (new String(form(coordinator, Map.of("scope", "page"))) + "&onPage=" + outside).getBytes());
    assertThat(HtmlUtils.htmlUnescape(onPage.body())).contains("Шешілген есептер: 1 ішінен 1.");
    assertThat(state("4.7/2026", TURKISTAN)).isEqualTo("accepted");
  }

  // ---- helpers -------------------------------------------------------------------------------

  String bodyRu(String code) {
    return catalog.bodies().find(code).orElseThrow().name().ru();
  }

  String bodyKk(String code) {
    return catalog.bodies().find(code).orElseThrow().name().kk();
  }

  byte[] form(WebappSession session, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("_csrf", session.cookie("JOSPAR-XSRF"));
    return DeskIT.form(all);
  }

  byte[] multipart(WebappSession session, Map<String, String> fields, String fileField, byte[] file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("_csrf", session.cookie("JOSPAR-XSRF"));
    all.forEach((k, v) -> out.writeBytes(("--" + DeskIT.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v
        + "\r\n").getBytes(StandardCharsets.UTF_8)));
    if (file != null) {
      out.writeBytes(("--" + DeskIT.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"document.pdf\"\r\n"
          + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.writeBytes(file);
      out.writeBytes("\r\n".getBytes());
    }
    out.writeBytes(("--" + DeskIT.BOUNDARY + "--\r\n").getBytes());
    return out.toByteArray();
  }

  String reportInstance(String cycle, String body) {
    return jdbc.queryForObject("SELECT process_instance_id FROM jospar_body_report WHERE cycle_key = ? AND body_code = ?", String.class, cycle, body);
  }

  String task(String processInstanceId, String key) {
    return engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key).singleResult().getId();
  }

  String cycleTask(String cycle, String key) {
    Task t = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(cycle).taskDefinitionKey(key).singleResult();
    assertThat(t).as(key + " of " + cycle).isNotNull();
    return t.getId();
  }

  String acceptance(String cycle, String body) {
    return task(reportInstance(cycle, body), ReportProcess.TASK_REVIEW_BY_COORDINATOR);
  }

  boolean open(String taskId) {
    return engine.getTaskService().createTaskQuery().taskId(taskId).count() == 1;
  }

  List<String> events(String cycle, String body) {
    return jdbc.queryForList("SELECT event FROM jospar_report_event WHERE cycle_key = ? AND body_code = ?", String.class, cycle, body);
  }

  String state(String cycle, String body) {
    return jdbc.queryForObject("SELECT state FROM jospar_body_report WHERE cycle_key = ? AND body_code = ?", String.class, cycle, body);
  }

  /** The engine's clock moved to the timer's due moment, and the timer run, as the job executor would. */
  void fire(String processInstanceId, String activityId) {
    Job job = engine.getManagementService().createJobQuery().processInstanceId(processInstanceId).timers().activityId(activityId).singleResult();
    assertThat(job).as("timer " + activityId).isNotNull();
    ClockUtil.setCurrentTime(job.getDuedate());
    engine.getManagementService().executeJob(job.getId());
    runContinuations();
  }

  void runContinuations() {
    var management = engine.getManagementService();
    for (int round = 0; round < 100; round++) {
      List<Job> due = management.createJobQuery().messages().executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(j -> management.executeJob(j.getId()));
    }
  }

  /** Completes a task through the engine as a person with their groups (the same checks as every door). */
  void complete(String taskId, String user, Map<String, Object> variables) {
    var identity = engine.getIdentityService();
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList());
    try {
      engine.getTaskService().claim(taskId, user);
      engine.getTaskService().complete(taskId, variables);
    } finally {
      identity.clearAuthentication();
    }
    runContinuations();
  }

  void submitAndApprove(String cycle, String body, String submitter) {
    String pi = reportInstance(cycle, body);
    Map<String, Object> report = new LinkedHashMap<>(Map.of(Vars.REPORT_TEXT, "done", Vars.REPORT_DOCUMENT,
        Variables.fileValue("report.pdf").file("%PDF-1.4 done".getBytes()).mimeType("application/pdf").create()));
    if (engine.getRuntimeService().getVariable(pi, Vars.QUOTA_COUNT) != null) {
      report.put(Vars.ACHIEVED_COUNT, 1L);
    }
    complete(task(pi, ReportProcess.TASK_SUBMIT_REPORT), submitter, report);
    complete(task(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR), body + ".supervisor", Map.of(Vars.APPROVED, true));
  }

  void acceptReport(String cycle, String body) {
    submitAndApprove(cycle, body, body + ".official");
    complete(acceptance(cycle, body), "coordinator", Map.of(Vars.ACCEPTED, true));
  }
}
