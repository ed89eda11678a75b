package kz.jospar.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;
import kz.jospar.reporting.ReportProcess.Event;
import kz.jospar.support.EmbeddedPostgresSupport;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Extension requests on PostgreSQL through the JSON API, as people send them: a body asks, the coordinator
 * is told, grants another day, the submission's timers and task move, history keeps both dates, the body is
 * told; and the refusals: too late, another body's report, a day not later, a non-coordinator deciding,
 * a refusal without a reason, a date past the plan's end without confirmation.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=false", "jospar.demo.allow-any-database=true"})
@ActiveProfiles({"demo", "postgres"})
class ExtensionsPostgresIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresSupport.register(registry, "jospar_extensions");
  }

  static final String TURKISTAN = "akimat-turkistan";

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired CycleService cycles;
  @Autowired ReportRepository repository;
  @Autowired DueDates dueDates;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  static Date at(String iso) {
    return Date.from(OffsetDateTime.parse(iso).toInstant());
  }

  @SuppressWarnings("rawtypes")
  ResponseEntity<Map> post(String user, String path, Map<String, ?> body) {
    return postIn("en", user, path, body);
  }

  /** As a person whose browser asks for {@code lang}: refusals are in that language. */
  @SuppressWarnings("rawtypes")
  ResponseEntity<Map> postIn(String lang, String user, String path, Map<String, ?> body) {
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    headers.set("Accept-Language", lang);
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, "demo").postForEntity(path, new org.springframework.http.HttpEntity<>(body, headers), Map.class);
  }

  @Test
  @SuppressWarnings("rawtypes")
  void aBodyAsksForMoreTimeGetsAnotherDayAndItsTimersMove() {
    ClockUtil.setCurrentTime(at("2026-06-01T09:00:00+05:00")); // a Monday
    ProcessTestSupport walk = new ProcessTestSupport(engine, cycles);
    CycleService.OpenedCycle cycle = walk.open("4.8", "2026-H1"); // due Tuesday 30 June 2026, 18:00
    String cycleKey = cycle.cycleKey();
    ProcessInstance pi = walk.report(cycleKey, TURKISTAN);
    Date dueBefore = at("2026-06-30T18:00:00+05:00");
    assertThat(walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT).getDueDate()).isEqualTo(dueBefore);

    // refusals when asking
    ResponseEntity<Map> otherBody = post("akimat-astana.official", "/api/extensions",
        Map.of("cycleKey", cycleKey, "body", TURKISTAN, "until", "2026-07-10", "reason", "not ours"));
    assertThat(otherBody.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat((String) otherBody.getBody().get("message")).contains("akimat-astana.official is not a member of body " + TURKISTAN);
    ResponseEntity<Map> earlier = postIn("ru", TURKISTAN + ".official", "/api/extensions",
        Map.of("cycleKey", cycleKey, "body", TURKISTAN, "until", "2026-06-20", "reason", "x"));
    assertThat(earlier.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(earlier.getBody().get("field")).isEqualTo("until");
    assertThat((String) earlier.getBody().get("message")).contains("не позже текущего срока");
    ResponseEntity<Map> noReason = postIn("kk", TURKISTAN + ".official", "/api/extensions",
        Map.of("cycleKey", cycleKey, "body", TURKISTAN, "until", "2026-07-10"));
    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noReason.getBody().get("field")).isEqualTo("reason");
    assertThat((String) noReason.getBody().get("message")).contains("себебін көрсетіңіз");

    // the body asks; the coordinator is told on the desk and by mail
    ResponseEntity<Map> asked = post(TURKISTAN + ".official", "/api/extensions",
        Map.of("cycleKey", cycleKey, "body", TURKISTAN, "until", "2026-07-10", "reason", "The survey data arrive on 3 July"));
    assertThat(asked.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    long id = ((Number) asked.getBody().get("id")).longValue();
    assertThat(asked.getBody().get("state")).isEqualTo("pending");
    assertThat(count("SELECT COUNT(*) FROM jospar_notification WHERE recipient = 'coordinator' AND kind = 'extension' "
        + "AND escalation_level = 0 AND cycle_key = ? AND body_code = ?", cycleKey, TURKISTAN)).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM jospar_mail_outbox WHERE recipient = 'coordinator' AND kind = 'extension' AND cycle_key = ?",
        cycleKey)).isEqualTo(1);
    ResponseEntity<Map> twice = post(TURKISTAN + ".official", "/api/extensions",
        Map.of("cycleKey", cycleKey, "body", TURKISTAN, "until", "2026-07-11", "reason", "again"));
    assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    Map pending = http.withBasicAuth("coordinator", "demo").getForObject("/api/extensions?state=pending", Map.class);
    assertThat(((Number) pending.get("requests")).intValue()).as("this test's request, and any other test's").isGreaterThanOrEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM jospar_extension_request WHERE state = 'pending' AND cycle_key = ?", cycleKey)).isEqualTo(1);

    // only the coordinator decides
    ResponseEntity<Map> bySupervisor = post(TURKISTAN + ".supervisor", "/api/extensions/" + id + "/decision", Map.of("grant", true));
    assertThat(bySupervisor.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<Map> byAdmin = post("admin", "/api/extensions/" + id + "/decision", Map.of("grant", true));
    assertThat(byAdmin.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    // the coordinator grants another day: Wednesday 8 July
    ClockUtil.setCurrentTime(at("2026-06-02T11:00:00+05:00"));
    ResponseEntity<Map> granted = post("coordinator", "/api/extensions/" + id + "/decision",
        Map.of("grant", true, "until", "2026-07-08", "reason", "Until the 8th, not the 10th"));
    assertThat(granted.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(granted.getBody().get("state")).isEqualTo("granted");

    Date dueAfter = at("2026-07-08T18:00:00+05:00");
    DueDates.Schedule moved = dueDates.forDueAt(OffsetDateTime.parse("2026-07-08T18:00:00+05:00"));
    assertThat(walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT).getDueDate()).isEqualTo(dueAfter);
    assertThat(walk.timer(pi, ReportProcess.BOUNDARY_DEADLINE_PASSED).getDuedate()).isEqualTo(dueAfter);
    // 6 July is Capital Day: three working days before 8 July are 7, 3 and 2 July
    assertThat(walk.timer(pi, ReportProcess.BOUNDARY_REMINDER_DUE).getDuedate()).isEqualTo(at("2026-07-02T18:00:00+05:00"))
        .isEqualTo(moved.reminderDate());
    assertThat(walk.timer(pi, ReportProcess.BOUNDARY_LEVEL2_DUE).getDuedate()).isEqualTo(at("2026-07-15T18:00:00+05:00"))
        .isEqualTo(moved.escalation2Date());
    assertThat(engine.getRuntimeService().getVariables(pi.getId())).containsEntry(ReportProcess.Vars.DUE_AT, dueAfter)
        .containsEntry(ReportProcess.Vars.REMINDER_AT, moved.reminderDate()).containsEntry(ReportProcess.Vars.ESCALATION2_AT, moved.escalation2Date());

    // history keeps both dates; the report is due later and marked extended
    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM jospar_extension_request WHERE id = ?", id);
    assertThat(((java.sql.Timestamp) row.get("due_before")).toInstant()).isEqualTo(dueBefore.toInstant());
    assertThat(((java.sql.Timestamp) row.get("asked_until")).toInstant()).isEqualTo(at("2026-07-10T18:00:00+05:00").toInstant());
    assertThat(((java.sql.Timestamp) row.get("granted_until")).toInstant()).isEqualTo(dueAfter.toInstant());
    assertThat(row.get("decided_by")).isEqualTo("coordinator");
    assertThat(repository.bodyReport(cycleKey, TURKISTAN).orElseThrow().dueAt().toInstant()).isEqualTo(dueAfter.toInstant());
    assertThat(count("SELECT COUNT(*) FROM jospar_body_report WHERE cycle_key = ? AND body_code = ? AND extended", cycleKey, TURKISTAN))
        .isEqualTo(1);
    assertThat(repository.events(cycleKey)).filteredOn(e -> TURKISTAN.equals(e.body()))
        .extracting(ReportRepository.ReportEvent::event).containsExactly(Event.EXTENSION_ASKED, Event.EXTENSION_GRANTED);
    assertThat(repository.events(cycleKey)).filteredOn(e -> e.event() == Event.EXTENSION_GRANTED).singleElement()
        .satisfies(e -> assertThat(e.reason()).contains("2026-06-30T18:00+05:00 → 2026-07-08T18:00+05:00"));

    // the body is told, with the new date and a link to its task
    assertThat(count("SELECT COUNT(*) FROM jospar_notification WHERE recipient = ? AND kind = 'extension' AND escalation_level = 1 "
        + "AND task_id IS NOT NULL AND cycle_key = ?", TURKISTAN + ".official", cycleKey)).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM jospar_mail_outbox WHERE recipient = ? AND kind = 'extension' AND cycle_key = ?",
        TURKISTAN + ".official", cycleKey)).isEqualTo(1);
    ResponseEntity<Map> again = post("coordinator", "/api/extensions/" + id + "/decision", Map.of("grant", false, "reason", "no"));
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

    // a refusal needs a reason, and the body is told
    ResponseEntity<Map> almaty = post("akimat-almaty.official", "/api/extensions",
        Map.of("cycleKey", cycleKey, "body", "akimat-almaty", "until", "2026-07-03", "reason", "Staff on leave"));
    long almatyId = ((Number) almaty.getBody().get("id")).longValue();
    ResponseEntity<Map> bare = post("coordinator", "/api/extensions/" + almatyId + "/decision", Map.of("grant", false));
    assertThat(bare.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bare.getBody().get("field")).isEqualTo("reason");
    ResponseEntity<Map> refused = post("coordinator", "/api/extensions/" + almatyId + "/decision",
        Map.of("grant", false, "reason", "Leave is planned; a deputy reports"));
    assertThat(refused.getBody().get("state")).isEqualTo("refused");
    assertThat(walk.task(walk.report(cycleKey, "akimat-almaty"), ReportProcess.TASK_SUBMIT_REPORT).getDueDate()).isEqualTo(dueBefore);
    assertThat(count("SELECT COUNT(*) FROM jospar_notification WHERE recipient = 'akimat-almaty.official' AND kind = 'extension' "
        + "AND escalation_level = 2", new Object[0])).isEqualTo(1);

    // past the plan's last day (31 December 2026): the coordinator must confirm it
    ResponseEntity<Map> shymkent = post("akimat-shymkent.official", "/api/extensions",
        Map.of("cycleKey", cycleKey, "body", "akimat-shymkent", "until", "2027-01-15", "reason", "Budget of next year"));
    long shymkentId = ((Number) shymkent.getBody().get("id")).longValue();
    ResponseEntity<Map> unconfirmed = post("coordinator", "/api/extensions/" + shymkentId + "/decision", Map.of("grant", true));
    assertThat(unconfirmed.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(unconfirmed.getBody().get("field")).isEqualTo("confirmBeyondPlanEnd");
    ResponseEntity<Map> confirmed = post("coordinator", "/api/extensions/" + shymkentId + "/decision",
        Map.of("grant", true, "confirmBeyondPlanEnd", true));
    assertThat(confirmed.getBody().get("beyondPlanEnd")).isEqualTo(true);

    // after the due moment nobody can ask any more
    ClockUtil.setCurrentTime(at("2026-06-30T18:00:01+05:00"));
    ResponseEntity<Map> late = post("akimat-astana.official", "/api/extensions",
        Map.of("cycleKey", cycleKey, "body", "akimat-astana", "until", "2026-07-10", "reason", "late"));
    assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat((String) late.getBody().get("message")).contains("before the due moment");
  }

  @org.springframework.boot.test.web.server.LocalServerPort int port;

  static final String FORM = "application/x-www-form-urlencoded";

  static byte[] form(Map<String, String> fields) {
    return String.join("&", fields.entrySet().stream().map(e -> e.getKey() + "="
        + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8)).toList()).getBytes();
  }

  static String page(kz.jospar.support.WebappSession session, String path) {
    java.net.http.HttpResponse<String> r = session.get(path, "text/html");
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return org.springframework.web.util.HtmlUtils.htmlUnescape(r.body());
  }

  @Test
  void atTheDeskABodyAsksAndTheCoordinatorDecidesWithErrorsPerField() {
    ClockUtil.setCurrentTime(at("2026-11-02T09:00:00+05:00"));
    ProcessTestSupport walk = new ProcessTestSupport(engine, cycles);
    CycleService.OpenedCycle cycle = walk.open("4.8", "2026-H2"); // due 31 December 2026
    ProcessInstance pi = walk.report(cycle.cycleKey(), "akimat-abai");
    String submit = walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT).getId();

    kz.jospar.support.WebappSession official = new kz.jospar.support.WebappSession(port).login("akimat-abai.official", "demo");
    assertThat(page(official, "/jospar/desk/task/" + submit + "?lang=ru")).contains("/jospar/desk/extensions?task=" + submit)
        .contains("Попросить продлить срок");
    assertThat(page(official, "/jospar/desk/extensions?task=" + submit + "&lang=ru")).contains("name=\"until\"").contains("name=\"reason\"");
    // another body's official cannot ask for it
    kz.jospar.support.WebappSession stranger = new kz.jospar.support.WebappSession(port).login("akimat-astana.official", "demo");
    assertThat(stranger.get("/jospar/desk/extensions?task=" + submit, "text/html").statusCode()).isEqualTo(404);

    String token = official.cookie("JOSPAR-XSRF");
    java.net.http.HttpResponse<String> empty = official.post("/jospar/desk/extensions/ask?lang=ru", FORM,
        form(Map.of("_csrf", token, "task", submit, "until", "2026-12-20", "reason", "")));
    assertThat(empty.statusCode()).isEqualTo(400);
    String said = org.springframework.web.util.HtmlUtils.htmlUnescape(empty.body());
    assertThat(said).contains("href=\"#reason\"").contains("обязательно: укажите причину").contains("aria-describedby=\"reason-error\"");
    java.net.http.HttpResponse<String> early = official.post("/jospar/desk/extensions/ask?lang=ru", FORM,
        form(Map.of("_csrf", token, "task", submit, "until", "2026-12-20", "reason", "Қаражат кешікті")));
    assertThat(early.statusCode()).isEqualTo(400);
    assertThat(org.springframework.web.util.HtmlUtils.htmlUnescape(early.body())).contains("href=\"#until\"").contains("не позже текущего срока")
        .contains("Қаражат кешікті");
    java.net.http.HttpResponse<String> asked = official.post("/jospar/desk/extensions/ask?lang=ru", FORM,
        form(Map.of("_csrf", token, "task", submit, "until", "2027-01-20", "reason", "Қаражат кешікті")));
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(302);
    long id = jdbc.queryForObject("SELECT id FROM jospar_extension_request WHERE body_code = 'akimat-abai'", Long.class);

    kz.jospar.support.WebappSession coordinator = new kz.jospar.support.WebappSession(port).login("coordinator", "demo");
    assertThat(page(coordinator, "/jospar/desk/extensions?lang=kk")).contains("Қаражат кешікті").contains("name=\"grant\"");
    String coordinatorToken = coordinator.cookie("JOSPAR-XSRF");
    java.net.http.HttpResponse<String> bare = coordinator.post("/jospar/desk/extensions/decide?lang=en", FORM,
        form(Map.of("_csrf", coordinatorToken, "id", String.valueOf(id), "grant", "false", "reason", "")));
    assertThat(bare.statusCode()).isEqualTo(400);
    assertThat(org.springframework.web.util.HtmlUtils.htmlUnescape(bare.body())).contains("href=\"#reason-" + id + "\"")
        .contains("required: say why");
    // a supervisor is refused the decision
    kz.jospar.support.WebappSession supervisor = new kz.jospar.support.WebappSession(port).login("akimat-abai.supervisor", "demo");
    assertThat(supervisor.post("/jospar/desk/extensions/decide", FORM,
        form(Map.of("_csrf", supervisor.cookie("JOSPAR-XSRF"), "id", String.valueOf(id), "grant", "true"))).statusCode()).isEqualTo(403);
    // past the plan's last day: said at the checkbox, granted once confirmed
    java.net.http.HttpResponse<String> unconfirmed = coordinator.post("/jospar/desk/extensions/decide?lang=en", FORM,
        form(Map.of("_csrf", coordinatorToken, "id", String.valueOf(id), "grant", "true", "until", "2027-01-20", "reason", "")));
    assertThat(unconfirmed.statusCode()).isEqualTo(409);
    assertThat(org.springframework.web.util.HtmlUtils.htmlUnescape(unconfirmed.body())).contains("href=\"#confirmBeyondPlanEnd-" + id + "\"")
        .contains("after the plan's last day (2026-12-31)");
    java.net.http.HttpResponse<String> granted = coordinator.post("/jospar/desk/extensions/decide?lang=en", FORM,
        form(Map.of("_csrf", coordinatorToken, "id", String.valueOf(id), "grant", "true", "until", "2027-01-20", "reason", "",
            "confirmBeyondPlanEnd", "true")));
    assertThat(granted.statusCode()).as(granted.body()).isEqualTo(302);
    assertThat(walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT).getDueDate()).isEqualTo(at("2027-01-20T18:00:00+05:00"));
    assertThat(page(official, "/jospar/desk/extensions?lang=en")).contains("granted");
  }

  long timers(ProcessInstance pi, String activityId) {
    return engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers().activityId(activityId).count();
  }

  int count(String sql, Object... args) {
    Integer n = jdbc.queryForObject(sql, Integer.class, args);
    return n == null ? 0 : n;
  }

  /**
   * A request asked in time but decided after the due moment: the deadline has passed meanwhile and its timer fired
   * (escalation level 1, told to the supervisor). The grant moves what is still to come — the level-2 timer, the task's
   * due date, the report's due moment — from the new date; what already happened stays on record: the level-1
   * escalation is not undone, and its timers are not re-created (the report is due again at the new date, and a
   * late submission then is late).
   */
  @Test
  @SuppressWarnings("rawtypes")
  void aGrantAfterTheDueMomentMovesWhatIsStillToComeAndKeepsTheEscalationThatHappened() {
    ClockUtil.setCurrentTime(at("2026-02-02T09:00:00+05:00"));
    ProcessTestSupport walk = new ProcessTestSupport(engine, cycles);
    CycleService.OpenedCycle cycle = walk.open("4.9", "2026"); // due Thursday 31 December 2026, 18:00
    String cycleKey = cycle.cycleKey();
    ProcessInstance pi = walk.report(cycleKey, TURKISTAN);
    ClockUtil.setCurrentTime(at("2026-12-30T10:00:00+05:00"));
    ResponseEntity<Map> asked = post(TURKISTAN + ".official", "/api/extensions",
        Map.of("cycleKey", cycleKey, "body", TURKISTAN, "until", "2027-01-15", "reason", "The minutes are signed on 14 January"));
    assertThat(asked.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    long id = ((Number) asked.getBody().get("id")).longValue();

    // the coordinator is slow: the reminder and the deadline fire before the decision
    walk.fire(walk.timer(pi, ReportProcess.BOUNDARY_REMINDER_DUE));
    walk.fire(walk.timer(pi, ReportProcess.BOUNDARY_DEADLINE_PASSED));
    assertThat(repository.bodyReport(cycleKey, TURKISTAN).orElseThrow().escalationLevel()).isEqualTo(1);
    assertThat(walk.timer(pi, ReportProcess.BOUNDARY_LEVEL2_DUE)).as("of the submission's timers only level 2 is still to come").isNotNull();
    assertThat(timers(pi, ReportProcess.BOUNDARY_REMINDER_DUE) + timers(pi, ReportProcess.BOUNDARY_DEADLINE_PASSED)).isZero();

    ClockUtil.setCurrentTime(at("2027-01-04T11:00:00+05:00"));
    ResponseEntity<Map> granted = post("coordinator", "/api/extensions/" + id + "/decision",
        Map.of("grant", true, "confirmBeyondPlanEnd", true));
    assertThat(granted.getStatusCode()).as(String.valueOf(granted.getBody())).isEqualTo(HttpStatus.OK);

    Date newDue = at("2027-01-15T18:00:00+05:00");
    DueDates.Schedule moved = dueDates.forDueAt(OffsetDateTime.parse("2027-01-15T18:00:00+05:00"));
    assertThat(walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT).getDueDate()).isEqualTo(newDue);
    assertThat(walk.timer(pi, ReportProcess.BOUNDARY_LEVEL2_DUE).getDuedate()).as("level 2, from the new date")
        .isEqualTo(moved.escalation2Date());
    assertThat(timers(pi, ReportProcess.BOUNDARY_REMINDER_DUE) + timers(pi, ReportProcess.BOUNDARY_DEADLINE_PASSED))
        .as("the fired ones are not re-created").isZero();
    assertThat(repository.bodyReport(cycleKey, TURKISTAN).orElseThrow().dueAt().toInstant()).isEqualTo(newDue.toInstant());
    assertThat(repository.events(cycleKey)).filteredOn(e -> TURKISTAN.equals(e.body())).extracting(ReportRepository.ReportEvent::event)
        .as("the escalation that happened stays on record").contains(Event.ESCALATED_1, Event.EXTENSION_GRANTED);
  }

}
