package kz.jospar;

import static kz.jospar.support.Steps.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kz.jospar.catalog.Body;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.support.EmbeddedPostgresSupport;
import kz.jospar.support.Steps;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a real PostgreSQL, through HTTP only, as people and Tasklist use it:
 * item 4.8 opened for the second half of 2026, 20 akimat tasks each in its own body's list, one
 * report submitted, approved and accepted, another overdue and escalated; bad forms refused.
 */
@DirtiesContext
// demo people on PostgreSQL: the postgres profile comes last so its database wins, and the demo is told it may
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=false", "jospar.demo.allow-any-database=true"})
@ActiveProfiles({"demo", "postgres"})
class ReportCycleEndToEndIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresSupport.register(registry, "jospar_e2e");
  }

  static final String CYCLE = "4.8/2026-H2";
  static final String PDF = Base64.getEncoder().encodeToString("%PDF-1.4 the minutes of the club".getBytes());

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired PlanCatalog catalog;

  @BeforeEach
  void clock() {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-11-16T10:00:00+05:00").toInstant()));
  }

  /**
   * One period of 4.8 from opening to acceptance, through the HTTP API: each step goes on from where the one
   * before left the cycle, so they are steps of one test, in order.
   */
  @TestFactory
  Stream<DynamicTest> onePeriodOfItem48FromOpeningToAcceptance() {
    return Steps.inOrder(this::clock, this::resetClock,
        step("only the coordinator opens a period and only once", this::onlyTheCoordinatorOpensAPeriodAndOnlyOnce),
        step("each akimat sees only its own task", this::eachAkimatSeesOnlyItsOwnTask),
        step("a bad form is refused with the field and the task stays as it was", this::aBadFormIsRefusedWithTheFieldAndTheTaskStaysAsItWas),
        step("one akimats report is submitted approved and accepted", this::oneAkimatsReportIsSubmittedApprovedAndAccepted),
        step("an unsubmitted report goes overdue and escalates to its supervisor", this::anUnsubmittedReportGoesOverdueAndEscalatesToItsSupervisor),
        step("a decision counts only for the round it was given in", this::aDecisionCountsOnlyForTheRoundItWasGivenIn));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  void onlyTheCoordinatorOpensAPeriodAndOnlyOnce() throws Exception {
    ResponseEntity<Map> refused = post("akimat-turkistan.official", "/api/plan/periods", Map.of("row", "4.8", "period", "2026-H2"));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat((String) refused.getBody().get("message")).contains("only the plan coordinator opens periods");

    ResponseEntity<Map> opened = post("coordinator", "/api/plan/periods", Map.of("row", "4.8", "period", "2026-H2"));
    assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(opened.getBody().get("cycleKey")).isEqualTo(CYCLE);
    assertThat((List<?>) opened.getBody().get("assignments")).hasSize(20);

    ResponseEntity<Map> again = post("coordinator", "/api/plan/periods", Map.of("row", "4.8", "period", "2026-H2"));
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat((String) again.getBody().get("message")).contains("period 4.8/2026-H2 is already open");

    ResponseEntity<Map> badPeriod = post("coordinator", "/api/plan/periods", Map.of("row", "4.8", "period", "2026-Q3"));
    assertThat(badPeriod.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badPeriod.getBody().get("field")).isEqualTo("period");
    ResponseEntity<Map> noPeriod = post("coordinator", "/api/plan/periods", Map.of("row", "4.8"));
    assertThat(noPeriod.getBody().get("field")).isEqualTo("period");
  }

  void eachAkimatSeesOnlyItsOwnTask() throws Exception {
    for (Body akimat : catalog.bodies().expand("akimats")) {
      List<Map<String, Object>> tasks = tasks(akimat.code() + ".official");
      assertThat(tasks).as(akimat.code()).singleElement().satisfies(t -> {
        assertThat((String) t.get("name")).startsWith("Есеп тапсыру: 4.8").contains(akimat.name().kk());
        assertThat((String) t.get("due")).startsWith("2026-12-31T");
      });
    }
    assertThat(tasks("aqdm.official")).isEmpty();
  }

  void aBadFormIsRefusedWithTheFieldAndTheTaskStaysAsItWas() throws Exception {
    String task = (String) tasks("akimat-turkistan.official").get(0).get("id");
    ResponseEntity<Map> missing = complete("akimat-turkistan.official", task, Map.of(
        "reportDocument", file(PDF, "report.pdf")));
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) missing.getBody().get("message")).isEqualTo("reportText: required: a text of at most 4000 characters");

    ResponseEntity<Map> wrongType = complete("akimat-turkistan.official", task, Map.of(
        "reportText", Map.of("value", 42, "type", "Integer"), "reportDocument", file(PDF, "report.pdf")));
    assertThat((String) wrongType.getBody().get("message")).startsWith("reportText: expected a text, got the number 42");

    ResponseEntity<Map> negative = complete("akimat-turkistan.official", task, Map.of(
        "reportText", text("done"), "achievedCount", Map.of("value", -3, "type", "Long"), "reportDocument", file(PDF, "report.pdf")));
    assertThat((String) negative.getBody().get("message")).isEqualTo("achievedCount: must be 0 or more, got -3");

    String big = Base64.getEncoder().encodeToString(new byte[10 * 1024 * 1024 + 1]);
    ResponseEntity<Map> oversized = complete("akimat-turkistan.official", task, Map.of("reportText", text("done"),
        "reportDocument", file(big, "scan.pdf")));
    assertThat(oversized.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) oversized.getBody().get("message")).startsWith("reportDocument: the file is 10485761 bytes; at most 10485760");

    ResponseEntity<Map> exe = complete("akimat-turkistan.official", task, Map.of("reportText", text("done"),
        "reportDocument", file(PDF, "report.exe")));
    assertThat((String) exe.getBody().get("message")).contains("'report.exe' is not an accepted document");

    // a completion may carry its form's fields only: not another body's code, not a submitter
    ResponseEntity<Map> smuggled = complete("akimat-turkistan.official", task, Map.of("reportText", text("done"),
        "reportDocument", file(PDF, "report.pdf"), "bodyCode", text("akimat-astana")));
    assertThat(smuggled.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) smuggled.getBody().get("message")).startsWith("bodyCode: not a field of this task's form; accepted: achievedCount,");
    ResponseEntity<Map> direct = http.withBasicAuth("akimat-turkistan.official", "demo").exchange(
        "/engine-rest/task/" + task + "/variables/submittedBy", HttpMethod.PUT, json(Map.of("value", "someone.else", "type", "String")), Map.class);
    assertThat(direct.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat((String) direct.getBody().get("message")).contains("a report's task changes only by completing its form");

    // the same checks when the task id is percent-encoded, as the engine decodes it
    String encoded = "%" + Integer.toHexString(task.charAt(0)) + task.substring(1);
    ResponseEntity<String> sneaky = http.withBasicAuth("akimat-turkistan.official", "demo").exchange(
        java.net.URI.create(http.getRootUri() + "/engine-rest/task/" + encoded + "/complete"), HttpMethod.POST,
        json(Map.of("variables", Map.of("bodyCode", text("akimat-astana")))), String.class);
    assertThat(sneaky.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(sneaky.getBody()).contains("bodyCode: not a field of this task's form");
    // nor is a report ended by a BPMN error, or delegated and resolved with variables of one's choosing
    for (String operation : java.util.List.of("bpmnError", "resolve", "delegate")) {
      ResponseEntity<Map> refused = http.withBasicAuth("akimat-turkistan.official", "demo").postForEntity(
          "/engine-rest/task/" + task + "/" + operation, json(Map.of("errorCode", "x", "userId", "akimat-turkistan.official")), Map.class);
      assertThat(refused.getStatusCode()).as(operation).isEqualTo(HttpStatus.FORBIDDEN);
    }

    assertThat(tasks("akimat-turkistan.official")).singleElement().satisfies(t -> assertThat(t.get("id")).isEqualTo(task));
    assertThat(engine.getTaskService().getVariable(task, "reportText")).isNull();
    assertThat(engine.getTaskService().getVariable(task, "bodyCode")).isEqualTo("akimat-turkistan");
  }

  void oneAkimatsReportIsSubmittedApprovedAndAccepted() throws Exception {
    String submit = (String) tasks("akimat-turkistan.official").get(0).get("id");
    assertThat(complete("akimat-turkistan.official", submit, Map.of("reportText", text("Мәміле клубтары жабдықталды"),
        "reportDocument", file(PDF, "report.pdf"))).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    assertThat(tasks("akimat-turkistan.official")).as("the review is not the official's").isEmpty();
    List<Map<String, Object>> reviews = tasks("akimat-turkistan.supervisor");
    assertThat(reviews).singleElement().satisfies(t -> assertThat((String) t.get("name")).startsWith("Есепті қарау: 4.8"));
    String review = (String) reviews.get(0).get("id");

    // the supervisor downloads the document the official attached; another akimat's supervisor cannot
    ResponseEntity<byte[]> document = http.withBasicAuth("akimat-turkistan.supervisor", "demo")
        .getForEntity("/engine-rest/task/" + review + "/variables/reportDocument/data", byte[].class);
    assertThat(document.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(new String(document.getBody())).isEqualTo("%PDF-1.4 the minutes of the club");
    ResponseEntity<byte[]> foreign = http.withBasicAuth("akimat-astana.supervisor", "demo")
        .getForEntity("/engine-rest/task/" + review + "/variables/reportDocument/data", byte[].class);
    assertThat(foreign.getStatusCode().value()).isIn(403, 404);

    assertThat(complete("akimat-turkistan.supervisor", review, Map.of("approved", Map.of("value", true, "type", "Boolean")))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    String accept = tasks("coordinator").stream().filter(t -> ((String) t.get("name")).startsWith("Есепті қабылдау"))
        .map(t -> (String) t.get("id")).findFirst().orElseThrow();
    assertThat(complete("coordinator", accept, Map.of("accepted", Map.of("value", true, "type", "Boolean")))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    assertThat(status("coordinator")).filteredOn(e -> e.get("body").equals("akimat-turkistan")).singleElement()
        .satisfies(e -> {
          assertThat(e.get("state")).isEqualTo("accepted");
          assertThat(e.get("late")).isEqualTo(false);
          assertThat(e.get("submittedAt")).isNotNull();
        });
  }

  void anUnsubmittedReportGoesOverdueAndEscalatesToItsSupervisor() throws Exception {
    String astanaReport = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(ReportProcess.BODY_REPORT)
        .processInstanceBusinessKey(CYCLE).variableValueEquals("bodyCode", "akimat-astana").singleResult().getId();
    Job deadline = engine.getManagementService().createJobQuery().processInstanceId(astanaReport).timers()
        .activityId(ReportProcess.BOUNDARY_DEADLINE_PASSED).singleResult();
    assertThat(deadline.getDuedate()).isEqualTo(Date.from(OffsetDateTime.parse("2026-12-31T18:00:00+05:00").toInstant()));
    ClockUtil.setCurrentTime(new Date(deadline.getDuedate().getTime() + 60_000));
    engine.getManagementService().executeJob(deadline.getId());

    assertThat(tasks("akimat-astana.supervisor")).anySatisfy(t ->
        assertThat((String) t.get("name")).startsWith("Мерзімі өтті: 4.8").contains("шара қабылдаңыз немесе түсіндіріңіз"));
    assertThat(status("akimat-astana.official")).as("a body sees only its own rows").allSatisfy(e -> assertThat(e.get("body")).isEqualTo("akimat-astana"))
        .singleElement().satisfies(e -> {
          assertThat(e.get("state")).isEqualTo("overdue");
          assertThat(e.get("escalationLevel")).isEqualTo(1);
        });
    assertThat(status("coordinator")).hasSize(20);
  }

  void aDecisionCountsOnlyForTheRoundItWasGivenIn() throws Exception {
    String submit = (String) tasks("akimat-shymkent.official").get(0).get("id");
    complete("akimat-shymkent.official", submit, Map.of("reportText", text("first"), "reportDocument", file(PDF, "report.pdf")));
    String review = (String) tasks("akimat-shymkent.supervisor").get(0).get("id");
    assertThat(complete("akimat-shymkent.supervisor", review, Map.of("approved", Map.of("value", false, "type", "Boolean"),
        "returnReason", text("the minutes are missing"))).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    String again = (String) tasks("akimat-shymkent.official").get(0).get("id");
    complete("akimat-shymkent.official", again, Map.of("reportText", text("second, with minutes"), "reportDocument", file(PDF, "m.pdf")));

    String secondReview = (String) tasks("akimat-shymkent.supervisor").get(0).get("id");
    ResponseEntity<Map> silent = complete("akimat-shymkent.supervisor", secondReview, Map.of());
    assertThat(silent.getStatusCode()).as("last round's 'return' does not decide this one").isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) silent.getBody().get("message")).isEqualTo("approved: required: true to approve, false to return");
  }

  // ---- HTTP helpers -----------------------------------------------------------------------

  ResponseEntity<Map> post(String user, String path, Object body) {
    return http.withBasicAuth(user, "demo").postForEntity(path, json(body), Map.class);
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> tasks(String user) {
    return http.withBasicAuth(user, "demo").getForObject("/engine-rest/task?processInstanceBusinessKey=" + CYCLE, List.class);
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> status(String user) {
    Map<String, Object> view = http.withBasicAuth(user, "demo").getForObject("/api/plan/status?year=2026", Map.class);
    return ((List<Map<String, Object>>) view.get("entries")).stream().filter(e -> CYCLE.equals(e.get("cycleKey"))).toList();
  }

  ResponseEntity<Map> complete(String user, String taskId, Map<String, Object> variables) {
    TestRestTemplate as = http.withBasicAuth(user, "demo");
    as.exchange("/engine-rest/task/" + taskId + "/claim", HttpMethod.POST, json(Map.of("userId", user)), Void.class);
    return as.exchange("/engine-rest/task/" + taskId + "/complete", HttpMethod.POST, json(Map.of("variables", variables)), Map.class);
  }

  static Map<String, Object> text(String value) {
    return Map.of("value", value, "type", "String");
  }

  static Map<String, Object> file(String base64, String name) {
    return Map.of("value", base64, "type", "File", "valueInfo", Map.of("filename", name, "mimetype", "application/pdf"));
  }

  static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
