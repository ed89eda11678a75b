package kz.jospar.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.jospar.absence.Absences;
import kz.jospar.language.CompletionRefusedException;
import kz.jospar.access.Roles;
import kz.jospar.language.UserSettings;
import kz.jospar.reporting.CycleService;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.reporting.ReportProcess.Vars;
import kz.jospar.support.EmbeddedPostgresSupport;
import kz.jospar.support.WebappSession;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 16 end to end on PostgreSQL: the body asks for more time and the coordinator grants it (due date and timers
 * move, both told at the desk and by mail through a real SMTP server); then absence and deputy, through the desk over HTTP: a supervisor records their absence;
 * at its start their claimed reviews pass to the deputy, who is told by mail and at the desk; the
 * deputy approves one, recorded as the deputy on behalf of the supervisor and shown so in "what we
 * sent"; four-eyes keeps the deputy from approving the report they submitted themselves; mails to the
 * body skip the absent supervisor; at the end the unfinished review is back in the body's list. And
 * what is refused: a deputy of another body or role, overlapping days, the deputy absent too, wrong
 * days, and someone recording for a person who is not theirs.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=false", "jospar.demo.allow-any-database=true", "jospar.mail.scheduled=false",
        "jospar.absence.scheduled=false", "spring.mail.host=127.0.0.1", "spring.mail.properties.mail.smtp.starttls.enable=false"})
@ActiveProfiles({"demo", "postgres"})
class AbsenceIT {

  // a real SMTP server: the mails leave the outbox through the sender and arrive, or do not, at each person's address
  static final com.icegreen.greenmail.util.GreenMail smtp =
      new com.icegreen.greenmail.util.GreenMail(com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort());

  static {
    smtp.withConfiguration(com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig().withDisabledAuthentication());
    smtp.start();
    Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop));
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresSupport.register(registry, "jospar_absence");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
  }

  static final String BODY = "akimat-turkistan";
  static final String OFFICIAL = BODY + ".official";
  static final String SUPERVISOR = BODY + ".supervisor";
  static final String DEPUTY = BODY + ".deputy";
  static final String FORM = "application/x-www-form-urlencoded";
  static final String H2 = "4.8/2026-H2";
  static final String H1 = "4.8/2026-H1";

  @Autowired CycleService cycles;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired Absences absences;
  @Autowired UserSettings settings;
  @Autowired TestRestTemplate http;
  @Autowired kz.jospar.mail.OutboxSender sender;
  @LocalServerPort int port;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theAbsentSupervisorsReviewsGoToTheDeputyWhoActsOnTheirBehalfAndWhatIsLeftReturnsToTheBodyAtTheEnd() throws Exception {
    clockAt("2026-11-16T10:00:00+05:00"); // a Monday
    settings.save(SUPERVISOR, "ru", UserSettings.MailMode.each);
    settings.save(DEPUTY, "ru", UserSettings.MailMode.each);
    OffsetDateTime due = OffsetDateTime.parse("2026-11-30T18:00:00+05:00");
    cycles.open("4.8", "2026-H2", "coordinator", due);
    cycles.open("4.8", "2026-H1", "coordinator", due);

    // issue 16, end to end: the body asks for more time on H2 before its due moment, the coordinator grants it; the
    // coordinator is told of the request and the official of the grant, at the desk and by mail through SMTP
    @SuppressWarnings("rawtypes")
    ResponseEntity<Map> asked = http.withBasicAuth(OFFICIAL, "demo").postForEntity("/api/extensions",
        Map.of("cycleKey", H2, "body", BODY, "until", "2026-12-04", "reason", "Итоги мероприятий будут 3 декабря"), Map.class);
    assertThat(asked.getStatusCode().value()).as(String.valueOf(asked.getBody())).isEqualTo(201);
    long request = ((Number) asked.getBody().get("id")).longValue();
    @SuppressWarnings("rawtypes")
    ResponseEntity<Map> granted = http.withBasicAuth("coordinator", "demo").postForEntity("/api/extensions/" + request + "/decision",
        Map.of("grant", true), Map.class);
    assertThat(granted.getStatusCode().value()).as(String.valueOf(granted.getBody())).isEqualTo(200);
    Date extended = Date.from(OffsetDateTime.parse("2026-12-04T18:00:00+05:00").toInstant());
    assertThat(task(H2, ReportProcess.TASK_SUBMIT_REPORT).getDueDate()).as("the task's due date moved").isEqualTo(extended);
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance(H2)).timers()
        .activityId(ReportProcess.BOUNDARY_DEADLINE_PASSED).singleResult().getDuedate()).as("and its deadline timer").isEqualTo(extended);
    assertThat(jdbc.queryForObject("SELECT extended FROM jospar_body_report WHERE cycle_key = ? AND body_code = ?", Boolean.class, H2, BODY))
        .isTrue();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jospar_notification WHERE recipient = 'coordinator' AND kind = 'extension' "
        + "AND cycle_key = ?", Integer.class, H2)).isOne();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jospar_notification WHERE recipient = ? AND kind = 'extension' AND cycle_key = ?",
        Integer.class, OFFICIAL, H2)).isOne();
    sender.sendDue();
    java.util.function.Predicate<String> extension = subject -> subject.contains("Мерзімді ұзарту") || subject.contains("Продление срока")
        || subject.contains("Extension of the due date");
    assertThat(delivered("coordinator")).as("the request, mailed to the coordinator").anyMatch(extension);
    assertThat(delivered(OFFICIAL)).as("the grant, mailed to the official").anyMatch(extension);
    assertThat(delivered("akimat-astana.official")).as("another body hears nothing of it").noneMatch(extension);
    // H2 submitted by the official, H1 by the deputy supervisor; the supervisor claims both reviews before leaving
    act(H2, ReportProcess.TASK_SUBMIT_REPORT, OFFICIAL, submission("Проведено 3 мероприятия"));
    act(H1, ReportProcess.TASK_SUBMIT_REPORT, DEPUTY, submission("Отчёт заместителя"));
    claim(H2, ReportProcess.TASK_REVIEW_BY_SUPERVISOR, SUPERVISOR);
    claim(H1, ReportProcess.TASK_REVIEW_BY_SUPERVISOR, SUPERVISOR);

    // the supervisor records the absence at the desk, Tuesday to Friday, the deputy supervisor standing in
    WebappSession supervisor = new WebappSession(port).login(SUPERVISOR, "demo");
    String page = DeskIT.page(supervisor, "/jospar/desk/absence?lang=ru");
    assertThat(page).contains("Отсутствие и заместитель", "<label for=\"deputy\">Заместитель</label>");
    String deputies = page.substring(page.indexOf("id=\"deputy\""), page.indexOf("</select>", page.indexOf("id=\"deputy\"")));
    assertThat(deputies).contains("value=\"" + DEPUTY + "\"").doesNotContain("value=\"" + OFFICIAL + "\"", "value=\"akimat-astana.deputy\"");
    HttpResponse<String> recorded = record(supervisor, Map.of("deputy", DEPUTY, "from", "2026-11-17", "to", "2026-11-20"));
    assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(302);
    assertThat(DeskIT.page(supervisor, "/jospar/desk/absence?lang=ru")).contains("Отсутствие записано", "17 ноября 2026 г.",
        "20 ноября 2026 г.", "запланировано", "Отменить");
    // not yet begun: the reviews are still the supervisor's
    assertThat(review(H2).getAssignee()).isEqualTo(SUPERVISOR);

    // the absence starts: the claimed reviews are the deputy's, the deputy is told by mail and at the desk
    clockAt("2026-11-17T00:30:00+05:00");
    long mailsBefore = mails(DEPUTY);
    // two nodes' checks at the same moment: one hands over, the other finds nothing left to do
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      CyclicBarrier together = new CyclicBarrier(2);
      Callable<Integer> check = () -> {
        together.await();
        return absences.runDue();
      };
      List<Future<Integer>> runs = nodes.invokeAll(List.of(check, check));
      assertThat(runs.get(0).get() + runs.get(1).get()).isEqualTo(1);
    } finally {
      nodes.shutdown();
    }
    assertThat(absences.runDue()).isZero();
    assertThat(review(H2).getAssignee()).isEqualTo(DEPUTY);
    assertThat(review(H1).getAssignee()).isEqualTo(DEPUTY);
    assertThat(mails(DEPUTY)).isEqualTo(mailsBefore + 2);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jospar_notification WHERE recipient = ? AND task_id IN (?, ?)", Integer.class,
        DEPUTY, review(H2).getId(), review(H1).getId())).isEqualTo(4); // told when each review arrived, and again when handed over
    WebappSession deputy = new WebappSession(port).login(DEPUTY, "demo");
    assertThat(DeskIT.page(deputy, "/jospar/desk/absence?lang=ru")).contains("идёт");
    // the absent supervisor cannot finish behind the deputy's back
    assertThatThrownBy(() -> complete(H2, ReportProcess.TASK_REVIEW_BY_SUPERVISOR, SUPERVISOR, Map.of(Vars.APPROVED, true)))
        .isInstanceOf(CompletionRefusedException.class);

    // through SMTP: the handed-over reviews reach the deputy's mailbox; nothing more reaches the absent supervisor's
    sender.sendDue();
    int supervisorsMail = delivered(SUPERVISOR).size();
    assertThat(delivered(DEPUTY)).as("the two reviews handed over, at the deputy's address").hasSizeGreaterThanOrEqualTo(2);

    // the deputy approves H2: the audit trail has the deputy, on behalf of the supervisor, and "what we sent" says so
    complete(H2, ReportProcess.TASK_REVIEW_BY_SUPERVISOR, DEPUTY, Map.of(Vars.APPROVED, true));
    assertThat(jdbc.queryForMap("SELECT actor, on_behalf_of FROM jospar_report_event WHERE cycle_key = ? AND body_code = ? AND event = 'APPROVED'",
        H2, BODY)).containsEntry("actor", DEPUTY).containsEntry("on_behalf_of", SUPERVISOR);
    assertThat(jdbc.queryForObject("SELECT on_behalf_of FROM jospar_report_event WHERE cycle_key = ? AND body_code = ? AND event = 'SUBMITTED'",
        String.class, H2, BODY)).isNull();
    String sent = DeskIT.page(new WebappSession(port).login(OFFICIAL, "demo"), "/jospar/desk/sent?lang=ru");
    assertThat(sent).contains("Одобрен руководителем", "Deputy supervisor " + lastName(DEPUTY) + ", заместитель Supervisor " + lastName(SUPERVISOR));

    // four-eyes judges who acts: the deputy submitted H1 and may not approve it, though it was handed to them
    assertThatThrownBy(() -> complete(H1, ReportProcess.TASK_REVIEW_BY_SUPERVISOR, DEPUTY, Map.of(Vars.APPROVED, true)))
        .isInstanceOf(CompletionRefusedException.class);
    assertThat(review(H1).getAssignee()).isEqualTo(DEPUTY);

    // the coordinator returns H2: the body is told, the absent supervisor is skipped; the new review reaches the deputy alone
    complete(H2, ReportProcess.TASK_REVIEW_BY_COORDINATOR, "coordinator", Map.of(Vars.ACCEPTED, false, Vars.RETURN_REASON, "Нет протокола"));
    assertThat(notified(SUPERVISOR, "returned")).isZero();
    assertThat(notified(DEPUTY, "returned")).isOne();
    assertThat(notified(OFFICIAL, "returned")).isOne();
    assertThat(mailed(SUPERVISOR, "returned")).isZero();
    assertThat(mailed(DEPUTY, "returned")).isOne();
    int deputysMail = delivered(DEPUTY).size();
    sender.sendDue();
    assertThat(delivered(SUPERVISOR)).as("nothing new at the absent supervisor's address").hasSize(supervisorsMail);
    assertThat(delivered(DEPUTY)).as("the return, at the deputy's").hasSizeGreaterThan(deputysMail);
    act(H2, ReportProcess.TASK_SUBMIT_REPORT, OFFICIAL, submission("Протокол приложен"));
    String again = review(H2).getId();
    assertThat(jdbc.queryForList("SELECT recipient FROM jospar_notification WHERE task_id = ?", String.class, again))
        .contains(DEPUTY).doesNotContain(SUPERVISOR);
    assertThat(jdbc.queryForList("SELECT recipient FROM jospar_mail_outbox WHERE task_id = ?", String.class, again))
        .contains(DEPUTY).doesNotContain(SUPERVISOR);

    // the absence ends: the review the deputy could not finish is back in the body's list, unclaimed
    clockAt("2026-11-21T00:30:00+05:00");
    assertThat(absences.runDue()).isEqualTo(1);
    Task back = review(H1);
    assertThat(back.getAssignee()).isNull();
    assertThat(engine.getTaskService().getIdentityLinksForTask(back.getId())).extracting(IdentityLink::getGroupId)
        .contains(Roles.supervisorsOf(BODY));
    assertThat(DeskIT.page(supervisor, "/jospar/desk/absence?lang=ru")).contains("закончилось").doesNotContain(">Отменить<");
    // and mails reach the supervisor again
    act(H2, ReportProcess.TASK_REVIEW_BY_SUPERVISOR, DEPUTY, Map.of(Vars.APPROVED, false, Vars.RETURN_REASON, "Ещё раз"));
    act(H2, ReportProcess.TASK_SUBMIT_REPORT, OFFICIAL, submission("Третья попытка"));
    assertThat(jdbc.queryForList("SELECT recipient FROM jospar_notification WHERE task_id = ?", String.class, review(H2).getId()))
        .contains(SUPERVISOR, DEPUTY);
    assertThat(jdbc.queryForObject("SELECT on_behalf_of FROM jospar_report_event WHERE cycle_key = ? AND body_code = ? "
        + "AND event = 'RETURNED_BY_SUPERVISOR'", String.class, H2, BODY)).as("after the absence the deputy acts as themself").isNull();

    // an absence recorded when it has already begun hands over at once; cancelling it gives back at once
    claim(H2, ReportProcess.TASK_REVIEW_BY_SUPERVISOR, SUPERVISOR);
    assertThat(record(supervisor, Map.of("deputy", DEPUTY, "from", "2026-11-21", "to", "2026-11-23")).statusCode()).isEqualTo(302);
    assertThat(review(H2).getAssignee()).isEqualTo(DEPUTY);
    long now = jdbc.queryForObject("SELECT id FROM jospar_absence WHERE person = ? AND state = 'started'", Long.class, SUPERVISOR);
    assertThat(supervisor.post("/jospar/desk/absence/" + now + "/cancel?lang=ru", FORM,
        DeskIT.form(Map.of("_csrf", supervisor.cookie("JOSPAR-XSRF")))).statusCode()).isEqualTo(302);
    assertThat(review(H2).getAssignee()).isNull();
    assertThat(absences.runDue()).isZero();
  }

  @Test
  void refusalsAreSaidPerFieldAndOnlyThePersonOrTheirSupervisorMayRecord() {
    clockAt("2026-11-16T10:00:00+05:00");
    String astana = "akimat-astana";
    WebappSession supervisor = new WebappSession(port).login(astana + ".supervisor", "demo");

    // a deputy of another body, a deputy of another role
    HttpResponse<String> otherBody = record(supervisor, Map.of("deputy", "akimat-abai.deputy", "from", "2026-12-01", "to", "2026-12-05"));
    assertThat(otherBody.statusCode()).isEqualTo(400);
    assertThat(otherBody.body()).contains("class=\"error-summary\"", "href=\"#deputy\"", "не состоит в том же органе");
    HttpResponse<String> otherRole = record(supervisor, Map.of("deputy", astana + ".official", "from", "2026-12-01", "to", "2026-12-05"));
    assertThat(otherRole.statusCode()).isEqualTo(400);
    assertThat(otherRole.body()).contains("нет той же роли (руководитель)");
    // days: missing, the wrong way round, in the past, not a date
    HttpResponse<String> days = record(supervisor, Map.of("deputy", astana + ".deputy", "from", "2026-12-05", "to", "2026-12-01"));
    assertThat(days.statusCode()).isEqualTo(400);
    assertThat(days.body()).contains("href=\"#to\"", "Последний день должен быть не раньше первого");
    assertThat(record(supervisor, Map.of("deputy", astana + ".deputy", "from", "2026-11-01", "to", "2026-11-10")).body())
        .contains("Последний день уже прошёл: укажите 16 ноября 2026 г.");
    HttpResponse<String> empty = record(supervisor, Map.of("from", "next week"));
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("Выберите заместителя", "«next week» — не дата", "Укажите последний день отсутствия");
    assertThat(record(supervisor, Map.of("from", "next week"), "kk").body()).contains("Орынбасарды таңдаңыз");
    assertThat(record(supervisor, Map.of("from", "next week"), "en").body()).contains("Choose a deputy");

    // recorded; then an overlapping one, and the deputy's own absence while they stand in, are refused
    assertThat(record(supervisor, Map.of("deputy", astana + ".deputy", "from", "2026-12-01", "to", "2026-12-05")).statusCode())
        .isEqualTo(302);
    HttpResponse<String> overlap = record(supervisor, Map.of("deputy", astana + ".deputy", "from", "2026-12-04", "to", "2026-12-10"));
    assertThat(overlap.statusCode()).isEqualTo(400);
    assertThat(overlap.body()).contains("href=\"#from\"", "пересекается с другим, 1 декабря 2026 г. – 5 декабря 2026 г.");
    WebappSession deputy = new WebappSession(port).login(astana + ".deputy", "demo");
    HttpResponse<String> alsoAway = record(deputy, Map.of("deputy", astana + ".supervisor", "from", "2026-12-03", "to", "2026-12-03"));
    assertThat(alsoAway.statusCode()).isEqualTo(400);
    assertThat(alsoAway.body()).contains("в это время тоже отсутствует", "href=\"#from\"", "в это время замещает");

    // someone else recording: the body's official for their supervisor, another body's supervisor for this body's official
    WebappSession official = new WebappSession(port).login(astana + ".official", "demo");
    HttpResponse<String> notTheirs = record(official, Map.of("person", astana + ".supervisor", "deputy", astana + ".deputy",
        "from", "2026-12-20", "to", "2026-12-21"));
    assertThat(notTheirs.statusCode()).isEqualTo(403);
    assertThat(notTheirs.body()).contains("только себе или сотруднику органа, которым вы руководите");
    WebappSession foreign = new WebappSession(port).login("akimat-abai.supervisor", "demo");
    assertThat(record(foreign, Map.of("person", astana + ".official", "deputy", astana + ".deputy", "from", "2026-12-20",
        "to", "2026-12-21")).statusCode()).isEqualTo(403);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jospar_absence WHERE person = ?", Integer.class, astana + ".official")).isZero();
    // the API says the same, per field, in the caller's language
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    json.set("Accept-Language", "ru");
    ResponseEntity<String> api = http.withBasicAuth(astana + ".official", "demo").exchange("/api/absences", HttpMethod.POST,
        new HttpEntity<>("{\"person\":\"" + astana + ".supervisor\",\"deputy\":\"" + astana + ".deputy\",\"from\":\"2026-12-20\","
            + "\"to\":\"2026-12-21\"}", json), String.class);
    assertThat(api.getStatusCode().value()).isEqualTo(403);
    assertThat(api.getBody()).contains("\"field\":\"person\"", "только себе");
    ResponseEntity<String> apiOverlap = http.withBasicAuth(astana + ".supervisor", "demo").exchange("/api/absences", HttpMethod.POST,
        new HttpEntity<>("{\"deputy\":\"" + astana + ".deputy\",\"from\":\"2026-12-05\",\"to\":\"2026-12-06\"}", json), String.class);
    assertThat(apiOverlap.getStatusCode().value()).isEqualTo(400);
    assertThat(apiOverlap.getBody()).contains("\"fields\":{\"from\":", "пересекается");
    // the deputy stands in, and as a supervisor of the body may cancel it too; the official sees none of it
    assertThat(http.withBasicAuth(astana + ".deputy", "demo").getForObject("/api/absences", String.class))
        .contains("\"person\":\"" + astana + ".supervisor\"", "\"state\":\"planned\"", "\"cancellable\":true");
    assertThat(http.withBasicAuth(astana + ".official", "demo").getForObject("/api/absences", String.class)).isEqualTo("[]");

    // the supervisor records for the body's official (the official has no one of the same role: nobody can stand in)
    String forOfficial = DeskIT.page(supervisor, "/jospar/desk/absence?lang=ru&person=" + astana + ".official");
    assertThat(forOfficial).contains("Кто отсутствует", "Больше никто в этом органе не имеет той же роли");
    // another person cannot cancel the supervisor's absence, and cannot even tell it exists
    long id = jdbc.queryForObject("SELECT id FROM jospar_absence WHERE person = ?", Long.class, astana + ".supervisor");
    assertThat(foreign.post("/jospar/desk/absence/" + id + "/cancel", FORM, DeskIT.form(Map.of("_csrf", foreign.cookie("JOSPAR-XSRF"))))
        .statusCode()).isEqualTo(404);
    assertThat(official.post("/jospar/desk/absence/" + id + "/cancel", FORM, DeskIT.form(Map.of("_csrf", official.cookie("JOSPAR-XSRF"))))
        .statusCode()).isEqualTo(404);
    // the person cancels it; a cancelled one cannot be cancelled again
    assertThat(supervisor.post("/jospar/desk/absence/" + id + "/cancel?lang=ru", FORM,
        DeskIT.form(Map.of("_csrf", supervisor.cookie("JOSPAR-XSRF")))).statusCode()).isEqualTo(302);
    assertThat(DeskIT.page(supervisor, "/jospar/desk/absence?lang=ru")).contains("Отсутствие отменено", "отменено");
    HttpResponse<String> twice = supervisor.post("/jospar/desk/absence/" + id + "/cancel?lang=ru", FORM,
        DeskIT.form(Map.of("_csrf", supervisor.cookie("JOSPAR-XSRF"))));
    assertThat(twice.statusCode()).isEqualTo(409);
    assertThat(twice.body()).contains("уже закончилось или отменено");
  }

  // ---- helpers ------------------------------------------------------------------------------

  static void clockAt(String isoWithOffset) {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(isoWithOffset).toInstant()));
  }

  HttpResponse<String> record(WebappSession session, Map<String, String> fields) {
    return record(session, fields, "ru");
  }

  HttpResponse<String> record(WebappSession session, Map<String, String> fields, String lang) {
    Map<String, String> form = new LinkedHashMap<>(fields);
    form.put("_csrf", session.cookie("JOSPAR-XSRF"));
    return session.post("/jospar/desk/absence?lang=" + lang, FORM, DeskIT.form(form));
  }

  static Map<String, Object> submission(String text) {
    return Map.of(Vars.REPORT_TEXT, text, Vars.REPORT_DOCUMENT,
        Variables.fileValue("report.pdf").file("%PDF-1.4 done".getBytes()).mimeType("application/pdf").create());
  }

  /** Claims and completes a step as the person, through the engine, as the desk does. */
  void act(String cycle, String taskKey, String user, Map<String, Object> variables) {
    Task task = task(cycle, taskKey);
    as(user, () -> {
      engine.getTaskService().claim(task.getId(), user);
      engine.getTaskService().complete(task.getId(), variables);
    });
  }

  void claim(String cycle, String taskKey, String user) {
    String id = task(cycle, taskKey).getId();
    as(user, () -> engine.getTaskService().claim(id, user));
  }

  /** Completes a step as the person without claiming it (it is theirs already, or the coordinator's to take). */
  void complete(String cycle, String taskKey, String user, Map<String, Object> variables) {
    String id = task(cycle, taskKey).getId();
    as(user, () -> engine.getTaskService().complete(id, variables));
  }

  void as(String user, Runnable work) {
    List<String> groups = user.equals("coordinator") ? List.of("aqdm", Roles.COORDINATOR)
        : user.endsWith(".official") ? List.of(BODY, Roles.OFFICIAL) : List.of(BODY, Roles.supervisorsOf(BODY), Roles.SUPERVISOR);
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      work.run();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  Task task(String cycle, String taskKey) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance(cycle)).taskDefinitionKey(taskKey).singleResult();
  }

  Task review(String cycle) {
    return task(cycle, ReportProcess.TASK_REVIEW_BY_SUPERVISOR);
  }

  String instance(String cycle) {
    return jdbc.queryForObject("SELECT process_instance_id FROM jospar_body_report WHERE cycle_key = ? AND body_code = ?", String.class,
        cycle, BODY);
  }

  /** The subjects of the mails the SMTP server took for a person's address. */
  List<String> delivered(String userId) {
    String address = engine.getIdentityService().createUserQuery().userId(userId).singleResult().getEmail();
    List<String> subjects = new java.util.ArrayList<>();
    for (jakarta.mail.internet.MimeMessage m : smtp.getReceivedMessages()) {
      try {
        for (jakarta.mail.Address to : m.getAllRecipients()) {
          if (to.toString().contains(address)) {
            subjects.add(m.getSubject());
          }
        }
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return subjects;
  }

  long mails(String userId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM jospar_mail_outbox WHERE recipient = ?", Long.class, userId);
  }

  int mailed(String userId, String kind) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM jospar_mail_outbox WHERE recipient = ? AND kind = ?", Integer.class, userId, kind);
  }

  int notified(String userId, String kind) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM jospar_notification WHERE recipient = ? AND kind = ?", Integer.class, userId, kind);
  }

  String lastName(String userId) {
    return engine.getIdentityService().createUserQuery().userId(userId).singleResult().getLastName();
  }
}
