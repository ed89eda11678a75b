package kz.jospar.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import kz.jospar.catalog.Body;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.access.Roles;
import kz.jospar.reporting.CycleService;
import kz.jospar.reporting.Decisions;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.support.EmbeddedPostgresSupport;
import kz.jospar.support.WebappSession;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
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
 * Each attack found by trying Jospar as another body would, replayed on the full application on
 * PostgreSQL through every door (engine REST in both path forms, the webapps' API), and judged by its
 * effect on Jospar's records and the engine's state, not by a status code alone. Run twice: people
 * signed in with a password ({@link SealedBodiesIT}) and with Keycloak tokens ({@link SealedBodiesKeycloakIT}).
 */
abstract class SealedBodiesContract {

  static final String ROW = "4.8";
  static final String PERIOD = "2026-H2";
  static final String CYCLE = ROW + "/" + PERIOD;
  static final List<String> DOORS = List.of("/engine-rest", "/engine-rest/engine/default");
  static final String SECRET_TEXT = "the body's own report, for its eyes and its reviewers' only";
  static final String PDF = Base64.getEncoder().encodeToString("%PDF-1.4 the minutes of the club".getBytes());

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired CycleService cycles;
  @Autowired PlanCatalog catalog;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  @BeforeEach
  void aPeriodOfTwentyAkimats() {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-11-16T10:00:00+05:00").toInstant()));
    synchronized (SealedBodiesContract.class) {
      if (jdbc.queryForObject("SELECT COUNT(*) FROM jospar_cycle WHERE cycle_key = ?", Integer.class, CYCLE) == 0) {
        cycles.open(ROW, PERIOD, "coordinator", null);
      }
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void anotherBodysOfficialNeitherReadsNorAcceptsTheReport() {
    String body = akimat(0);
    String other = akimat(1);
    String review = approvedBySupervisor(body);
    String pi = task(review).getProcessInstanceId();
    String document = engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi)
        .variableName("reportDocument").singleResult().getId();

    for (String door : DOORS) {
      for (String read : List.of("/task/" + review + "/variables", "/task/" + review + "/variables/reportText",
          "/process-instance/" + pi + "/variables", "/variable-instance?processInstanceIdIn=" + pi,
          "/history/variable-instance?processInstanceId=" + pi, "/history/variable-instance/" + document + "/data",
          "/history/task?processInstanceId=" + pi, "/task?processInstanceBusinessKey=" + CYCLE)) {
        ResponseEntity<String> r = as(other + ".official").exchange(door + read, HttpMethod.GET, null, String.class);
        assertThat(r.getStatusCode().is5xxServerError()).as(door + read).isFalse();
        assertThat(String.valueOf(r.getBody())).as(door + read).doesNotContain(SECRET_TEXT).doesNotContain("reportDocument");
        if (read.contains("?")) {
          assertThat(String.valueOf(r.getBody())).as("a list shows nothing of the other body: " + door + read).doesNotContain(review)
              .doesNotContain(pi);
        }
      }
      ResponseEntity<String> groups = as(other + ".official").getForEntity(door + "/group?member=" + body + ".official", String.class);
      assertThat(groups.getStatusCode().value()).as(door + " " + groups.getBody()).isEqualTo(403);
      ResponseEntity<String> own = as(other + ".official").getForEntity(door + "/group?member=" + other + ".official", String.class);
      assertThat(own.getStatusCode().value()).as(door).isEqualTo(200);
      assertThat(own.getBody()).contains("\"" + other + "\"");
      ResponseEntity<String> accept = complete(other + ".official", door, review, Map.of("accepted", bool(true)));
      assertThat(accept.getStatusCode().value()).as(door).isIn(403, 404);
    }
    assertThat(state(body)).isEqualTo("approved");
    assertThat(events(body)).doesNotContain("ACCEPTED");
    assertThat(task(review)).isNotNull();
  }

  @Test
  void aClaimIsGivenBackOnlyByWhoeverHoldsIt() {
    String body = akimat(11);
    String official = body + ".official";
    String submit = taskOf(reportOf(body), ReportProcess.TASK_SUBMIT_REPORT).getId();
    for (String door : DOORS) {
      assertThat(write(official, HttpMethod.POST, door + "/task/" + submit + "/claim", Map.of("userId", official)).getStatusCode().value())
          .as(door).isEqualTo(204);
      // a fellow member of the body, another body's official and the administrator cannot take it or hand it on
      for (String other : List.of(body + ".supervisor", akimat(12) + ".official", "admin")) {
        assertThat(write(other, HttpMethod.POST, door + "/task/" + submit + "/unclaim", Map.of()).getStatusCode().value())
            .as(other + door).isIn(403, 404);
        assertThat(write(other, HttpMethod.POST, door + "/task/" + submit + "/claim", Map.of()).getStatusCode().value())
            .as("a claim for nobody is a give-back: " + other + door).isIn(403, 404);
        assertThat(write(other, HttpMethod.POST, door + "/task/" + submit + "/assignee", Map.of("userId", other)).getStatusCode().value())
            .as(other + door).isIn(403, 404);
        assertThat(write(other, HttpMethod.POST, door + "/task/" + submit + "/claim", Map.of("userId", other)).getStatusCode().value())
            .as("already held: " + other + door).isIn(400, 403, 404, 409);
      }
      assertThat(write(official, HttpMethod.POST, door + "/task/" + submit + "/assignee", Map.of("userId", body + ".supervisor"))
          .getStatusCode().value()).as("the holder hands it to nobody else: " + door).isEqualTo(403);
      assertThat(task(submit).getAssignee()).as(door).isEqualTo(official);
      assertThat(write(official, HttpMethod.POST, door + "/task/" + submit + "/unclaim", Map.of()).getStatusCode().value()).as(door)
          .isEqualTo(204);
      assertThat(task(submit).getAssignee()).as(door).isNull();
      // a second give-back (two tabs) has nothing to do; for someone who may not work on the task it is still a refusal
      assertThat(write(official, HttpMethod.POST, door + "/task/" + submit + "/unclaim", Map.of()).getStatusCode().value()).as(door)
          .isEqualTo(204);
      assertThat(write(akimat(12) + ".official", HttpMethod.POST, door + "/task/" + submit + "/unclaim", Map.of()).getStatusCode().value())
          .as(door).isIn(403, 404);
    }
    assertThat(state(body)).isEqualTo(state(akimat(13)));
  }

  @Test
  void aTaskOneMemberHoldsIsCompletedOnlyByThem() {
    String body = akimat(14);
    String review = submitted(body);
    String deputy = body + ".deputy";
    assertThat(write(deputy, HttpMethod.POST, DOORS.get(0) + "/task/" + review + "/claim", Map.of("userId", deputy)).getStatusCode().value())
        .isEqualTo(204);
    for (String door : DOORS) {
      ResponseEntity<String> behind = complete(body + ".supervisor", door, review, Map.of("approved", bool(true)));
      assertThat(behind.getStatusCode().value()).as("a fellow member finishing the deputy's task: " + door).isEqualTo(403);
      assertThat(behind.getBody()).as("says who holds it: " + door).containsIgnoringCase("deputy");
      assertThat(task(review).getAssignee()).as(door).isEqualTo(deputy);
    }
    assertThat(complete(deputy, DOORS.get(DOORS.size() - 1), review, Map.of("approved", bool(true))).getStatusCode().value())
        .as("the holder completes it").isEqualTo(204);
    assertThat(events(body)).contains("APPROVED");
  }

  @Test
  void aBodysOwnSupervisorCannotRouteTheAcceptanceToThemselves() {
    String body = akimat(2);
    String supervisor = body + ".supervisor";
    String review = submitted(body);
    String pi = task(review).getProcessInstanceId();
    for (String door : DOORS) {
      assertThat(write(supervisor, HttpMethod.PUT, door + "/task/" + review + "/variables/coordinatorGroup", variable(Roles.supervisorsOf(body)))
          .getStatusCode().value()).as(door).isEqualTo(403);
      assertThat(write(supervisor, HttpMethod.PUT, door + "/process-instance/" + pi + "/variables/coordinatorGroup",
          variable(Roles.supervisorsOf(body))).getStatusCode().value()).as(door).isEqualTo(403);
      assertThat(write(supervisor, HttpMethod.POST, door + "/task/" + review + "/identity-links",
          Map.of("groupId", Roles.supervisorsOf(body), "type", "candidate")).getStatusCode().value()).as(door).isEqualTo(403);
    }
    assertThat(complete(supervisor, DOORS.get(1), review, Map.of("approved", bool(true))).getStatusCode().value()).isEqualTo(204);
    String acceptance = taskOf(pi, ReportProcess.TASK_REVIEW_BY_COORDINATOR).getId();
    assertThat(engine.getTaskService().getIdentityLinksForTask(acceptance)).extracting(IdentityLink::getGroupId)
        .containsExactly(Roles.COORDINATOR);
    for (String door : DOORS) {
      assertThat(complete(supervisor, door, acceptance, Map.of("accepted", bool(true))).getStatusCode().value()).as(door).isIn(403, 404);
    }
    assertThat(state(body)).isEqualTo("approved");
    assertThat(events(body)).doesNotContain("ACCEPTED");
  }

  @Test
  void anOfficialCannotStopTheirBodysEscalation() {
    String body = akimat(3);
    String official = body + ".official";
    String pi = reportOf(body);
    Task submit = taskOf(pi, ReportProcess.TASK_SUBMIT_REPORT);
    List<Job> timers = engine.getManagementService().createJobQuery().processInstanceId(pi).timers().list();
    assertThat(timers).hasSize(3);
    for (String door : DOORS) {
      assertThat(write(official, HttpMethod.PUT, door + "/task/" + submit.getId() + "/variables/byAgreement", Map.of("value", true,
          "type", "Boolean")).getStatusCode().value()).as(door).isEqualTo(403);
      assertThat(write(official, HttpMethod.POST, door + "/process-instance/" + pi + "/modification", Map.of("instructions",
          List.of(Map.of("type", "cancel", "activityId", ReportProcess.BOUNDARY_DEADLINE_PASSED)))).getStatusCode().value()).as(door)
          .isIn(403);
      assertThat(write(official, HttpMethod.PUT, door + "/task/" + submit.getId(), Map.of("name", "x", "due", "2030-01-01T00:00:00.000+0500"))
          .getStatusCode().value()).as(door).isEqualTo(403);
      for (Job timer : timers) {
        assertThat(write(official, HttpMethod.PUT, door + "/job/" + timer.getId() + "/suspended", Map.of("suspended", true))
            .getStatusCode().value()).as(door).isIn(403, 404);
        assertThat(write(official, HttpMethod.PUT, door + "/job/" + timer.getId() + "/duedate", Map.of("duedate", "2030-01-01T00:00:00.000+0500"))
            .getStatusCode().value()).as(door).isIn(403, 404);
        assertThat(as(official).exchange(door + "/job/" + timer.getId(), HttpMethod.DELETE, null, String.class).getStatusCode().value())
            .as(door).isIn(403, 404);
      }
    }
    // the deadline passes: the escalation reaches the body's supervisors as the plan says
    Job deadline = engine.getManagementService().createJobQuery().processInstanceId(pi).activityId(ReportProcess.BOUNDARY_DEADLINE_PASSED)
        .singleResult();
    assertThat(deadline.getDuedate()).isEqualTo(timers.stream().filter(j -> j.getId().equals(deadline.getId())).findFirst().orElseThrow()
        .getDuedate());
    ClockUtil.setCurrentTime(new Date(deadline.getDuedate().getTime() + 60_000));
    engine.getManagementService().executeJob(deadline.getId());
    Task escalation = taskOf(pi, ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL1);
    assertThat(engine.getTaskService().getIdentityLinksForTask(escalation.getId())).extracting(IdentityLink::getGroupId)
        .containsExactly(Roles.supervisorsOf(body));
    assertThat(events(body)).contains("ESCALATED_1");
  }

  @Test
  void theAdministratorGetsNoReportApproved() {
    String body = akimat(4);
    String review = submitted(body);
    String pi = task(review).getProcessInstanceId();
    for (String door : DOORS) {
      assertThat(write("admin", HttpMethod.POST, door + "/process-instance/" + pi + "/modification", Map.of("instructions", List.of(
          Map.of("type", "startBeforeActivity", "activityId", "ServiceTask_RecordSupervisorDecision",
              "variables", Map.of("approved", Map.of("value", Map.of("value", true, "type", "Boolean"))))))).getStatusCode().value())
          .as(door).isEqualTo(403);
      assertThat(write("admin", HttpMethod.POST, door + "/task/" + review + "/identity-links",
          Map.of("groupId", Roles.ADMIN, "type", "candidate")).getStatusCode().value()).as(door).isEqualTo(403);
      assertThat(write("admin", HttpMethod.PUT, door + "/task/" + review + "/variables/approved", bool(true)).getStatusCode().value())
          .as(door).isEqualTo(403);
      assertThat(complete("admin", door, review, Map.of("approved", bool(true))).getStatusCode().value()).as(door).isEqualTo(403);
      assertThat(write("admin", HttpMethod.POST, door + "/process-definition/key/" + ReportProcess.BODY_REPORT + "/start",
          Map.of("businessKey", CYCLE)).getStatusCode().value()).as(door).isEqualTo(403);
      assertThat(write("admin", HttpMethod.POST, door + "/message", Map.of("messageName", "x")).getStatusCode().value()).as(door)
          .isEqualTo(403);
    }
    // even a modification inside the engine, with nobody signed in, records no decision nobody made
    assertThatThrownBy(() -> engine.getRuntimeService().createProcessInstanceModification(pi)
        .startBeforeActivity("ServiceTask_RecordSupervisorDecision").setVariable("approved", true).execute())
        .isInstanceOf(Decisions.NoDecisionException.class);
    assertThat(state(body)).isEqualTo("submitted");
    assertThat(events(body)).doesNotContain("APPROVED");
    assertThat(taskOf(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR).getId()).isEqualTo(review);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(ReportProcess.TASK_REVIEW_BY_COORDINATOR)
        .count()).isZero();
  }

  @Test
  void theAuditorReadsEverythingAndWritesNothing() {
    String body = akimat(5);
    String review = submitted(body);
    for (String door : DOORS) {
      ResponseEntity<String> read = as("auditor").getForEntity(door + "/task/" + review + "/variables/reportText", String.class);
      assertThat(read.getStatusCode().value()).as(door).isEqualTo(200);
      assertThat(read.getBody()).contains(SECRET_TEXT);
      assertThat(write("auditor", HttpMethod.POST, door + "/task/" + review + "/comment/create", Map.of("message", "auditor was here"))
          .getStatusCode().value()).as(door).isEqualTo(403);
      ResponseEntity<String> attached = attach("auditor", door + "/task/" + review + "/attachment/create");
      assertThat(attached.getStatusCode().value()).as(door + " " + attached.getBody()).isEqualTo(403);
      assertThat(complete("auditor", door, review, Map.of("approved", bool(true))).getStatusCode().value()).as(door).isEqualTo(403);
      assertThat(write("auditor", HttpMethod.POST, door + "/task/" + review + "/claim", Map.of("userId", "auditor")).getStatusCode().value())
          .as(door).isEqualTo(403);
    }
    assertThat(engine.getTaskService().getTaskComments(review)).isEmpty();
    assertThat(engine.getTaskService().getTaskAttachments(review)).isEmpty();
    assertThat(task(review).getAssignee()).isNull();
    assertThat(state(body)).isEqualTo("submitted");
  }

  @Test
  void noBodyReadsOrDeletesAnotherBodysAttachment() {
    String body = akimat(6);
    String other = akimat(7);
    String pi = reportOf(body);
    Task submit = taskOf(pi, ReportProcess.TASK_SUBMIT_REPORT);
    // an attachment left from before (the product makes none): written by the engine with nobody signed in
    String attachment = engine.getTaskService().createAttachment("application/pdf", submit.getId(), pi, "old.pdf", "kept",
        new java.io.ByteArrayInputStream(new byte[] {1, 2, 3})).getId();
    for (String door : DOORS) {
      for (String user : List.of(other + ".official", body + ".official", "admin")) {
        String path = door + "/task/" + submit.getId() + "/attachment/" + attachment;
        assertThat(as(user).getForEntity(path, String.class).getStatusCode().value()).as(user + door).isIn(403, 404);
        assertThat(as(user).getForEntity(path + "/data", String.class).getStatusCode().value()).as(user + door).isIn(403, 404);
        assertThat(as(user).exchange(path, HttpMethod.DELETE, null, String.class).getStatusCode().value()).as(user + door).isIn(403, 404);
        assertThat(as(user).getForEntity(door + "/task/" + submit.getId() + "/attachment", String.class).getStatusCode().value())
            .as(user + door).isIn(403, 404);
      }
    }
    assertThat(engine.getTaskService().getAttachment(attachment)).isNotNull();
  }

  @Test
  void aCompletionCarriesExactlyItsFormsFieldsOnEveryDoor() {
    String body = akimat(8);
    String official = body + ".official";
    String pi = reportOf(body);
    String submit = taskOf(pi, ReportProcess.TASK_SUBMIT_REPORT).getId();
    as(official).postForEntity("/engine-rest/task/" + submit + "/claim", json(Map.of("userId", official)), String.class);
    for (String door : DOORS) {
      ResponseEntity<Map> smuggled = as(official, "ru").exchange(door + "/task/" + submit + "/complete", HttpMethod.POST,
          json(Map.of("variables", Map.of("reportText", text("done"), "reportDocument", file(), "bodyCode", text(akimat(9))))), Map.class);
      assertThat(smuggled.getStatusCode().value()).as(door).isEqualTo(400);
      assertThat((String) smuggled.getBody().get("message")).as(door).startsWith("bodyCode: ").contains("такого поля нет в форме");
      assertThat((List<?>) smuggled.getBody().get("errors")).as(door).hasSize(1);
      ResponseEntity<Map> missing = as(official).exchange(door + "/task/" + submit + "/complete", HttpMethod.POST,
          json(Map.of("variables", Map.of("reportDocument", file()))), Map.class);
      assertThat(missing.getStatusCode().value()).as(door).isEqualTo(400);
      assertThat((String) missing.getBody().get("message")).as(door).isEqualTo("reportText: required: a text of at most 4000 characters");
    }
    // Tasklist's own door: the webapps' API, with the webapp session and its CSRF token
    WebappSession tasklist = tasklist(official);
    if (tasklist == null) {
      ResponseEntity<String> plain = complete(official, DOORS.get(0), submit, Map.of("reportText", text("done"), "reportDocument", file()));
      assertThat(plain.getStatusCode().value()).as(plain.getBody()).isEqualTo(204);
      assertThat(state(body)).isEqualTo("submitted");
      return;
    }
    HttpResponse<String> viaTasklist = tasklist.api("POST", "/camunda/api/engine/engine/default/task/" + submit + "/submit-form",
        "{\"variables\": {\"reportText\": {\"value\": \"done\", \"type\": \"String\"}, \"submittedBy\": {\"value\": \"x\", \"type\": \"String\"},"
            + " \"reportDocument\": {\"value\": \"" + PDF + "\", \"type\": \"File\", \"valueInfo\": {\"filename\": \"r.pdf\"}}}}");
    assertThat(viaTasklist.statusCode()).as(viaTasklist.body()).isEqualTo(400);
    assertThat(viaTasklist.body()).contains("submittedBy");
    HttpResponse<String> write = tasklist.api("PUT", "/camunda/api/engine/engine/default/task/" + submit + "/variables/byAgreement",
        "{\"value\": true, \"type\": \"Boolean\"}");
    assertThat(write.statusCode()).as(write.body()).isEqualTo(403);

    assertThat(engine.getTaskService().getVariable(submit, "reportText")).isNull();
    assertThat(engine.getRuntimeService().getVariable(pi, "bodyCode")).isEqualTo(body);
    assertThat(state(body)).isEqualTo("open");
    // and the form as it is, through Tasklist's door, is accepted
    HttpResponse<String> ok = tasklist.api("POST", "/camunda/api/engine/engine/default/task/" + submit + "/submit-form",
        "{\"variables\": {\"reportText\": {\"value\": \"done\", \"type\": \"String\"},"
            + " \"reportDocument\": {\"value\": \"" + PDF + "\", \"type\": \"File\", \"valueInfo\": {\"filename\": \"r.pdf\"}}}}");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(204);
    assertThat(state(body)).isEqualTo("submitted");
  }

  @Test
  void aDocumentIsWhatItsContentIsAndIsServedAsThat() {
    String body = akimat(10);
    String official = body + ".official";
    String pi = reportOf(body);
    String submit = taskOf(pi, ReportProcess.TASK_SUBMIT_REPORT).getId();
    // a Windows program named report.pdf, declared as a PDF
    byte[] program = new byte[256];
    program[0] = 'M';
    program[1] = 'Z';
    program[0x3c] = (byte) 0x80;
    program[0x80] = 'P';
    program[0x81] = 'E';
    Map<String, Object> exe = Map.of("value", Base64.getEncoder().encodeToString(program), "type", "File",
        "valueInfo", Map.of("filename", "report.pdf", "mimetype", "application/pdf"));
    for (String door : DOORS) {
      ResponseEntity<String> refused = complete(official, door, submit, Map.of("reportText", text("done"), "reportDocument", exe));
      assertThat(refused.getStatusCode().value()).as(door + " " + refused.getBody()).isEqualTo(400);
      assertThat(refused.getBody()).contains("reportDocument");
    }
    assertThat(state(body)).isEqualTo("open");
    assertThat(engine.getTaskService().getVariable(submit, "reportDocument")).isNull();

    // a real PDF the uploader calls an HTML page is stored and served as a PDF, as an attachment, not sniffed
    Map<String, Object> pdf = Map.of("value", PDF, "type", "File", "valueInfo", Map.of("filename", "report.pdf", "mimetype", "text/html"));
    assertThat(complete(official, DOORS.get(1), submit, Map.of("reportText", text("done"), "reportDocument", pdf)).getStatusCode().value())
        .isEqualTo(204);
    String review = taskOf(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR).getId();
    ResponseEntity<byte[]> served = as(body + ".supervisor").getForEntity(DOORS.get(0) + "/task/" + review + "/variables/reportDocument/data",
        byte[].class);
    assertThat(served.getStatusCode().value()).isEqualTo(200);
    assertThat(served.getHeaders().getContentType().toString()).startsWith("application/pdf");
    assertThat(served.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment");
    assertThat(served.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void modelsComeOnlyFromTheReleaseAndNoDoorDeploys() throws Exception {
    java.util.Set<String> release = new java.util.TreeSet<>();
    for (String folder : List.of("bpmn", "forms")) {
      try (var files = java.nio.file.Files.list(java.nio.file.Path.of(folder))) {
        files.map(f -> folder + "/" + f.getFileName()).forEach(release::add);
      }
    }
    var deployments = engine.getRepositoryService().createDeploymentQuery().list();
    assertThat(deployments).extracting(d -> d.getName()).containsOnly("jospar");
    java.util.Set<String> deployed = new java.util.TreeSet<>();
    deployments.forEach(d -> deployed.addAll(engine.getRepositoryService().getDeploymentResourceNames(d.getId())));
    assertThat(deployed).isEqualTo(release);

    org.springframework.util.LinkedMultiValueMap<String, Object> form = new org.springframework.util.LinkedMultiValueMap<>();
    form.add("deployment-name", "smuggled");
    form.add("data", new org.springframework.core.io.ByteArrayResource(java.nio.file.Files.readAllBytes(
        java.nio.file.Path.of("bpmn", "OpenPeriod.bpmn"))) {
      @Override
      public String getFilename() {
        return "OpenPeriod.bpmn";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    for (String door : DOORS) {
      for (String user : List.of("admin", "coordinator")) {
        ResponseEntity<String> r = as(user).exchange(door + "/deployment/create", HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
        assertThat(r.getStatusCode().value()).as(user + door + " " + r.getBody()).isEqualTo(403);
      }
    }
    assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentName("smuggled").count()).isZero();
  }

  // ---- the walk ------------------------------------------------------------------------------

  String akimat(int i) {
    return catalog.bodies().leaves().stream().map(Body::code).filter(c -> c.startsWith("akimat-")).sorted().toList().get(i);
  }

  String reportOf(String body) {
    return jdbc.queryForObject("SELECT process_instance_id FROM jospar_body_report WHERE cycle_key = ? AND body_code = ?", String.class,
        CYCLE, body);
  }

  /** Submits the body's report through REST as its official; returns the supervisor's review task. */
  String submitted(String body) {
    String pi = reportOf(body);
    String submit = taskOf(pi, ReportProcess.TASK_SUBMIT_REPORT).getId();
    assertThat(complete(body + ".official", DOORS.get(0), submit, Map.of("reportText", text(SECRET_TEXT), "reportDocument", file()))
        .getStatusCode().value()).isEqualTo(204);
    return taskOf(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR).getId();
  }

  /** Submitted and approved by the body's supervisor; returns the coordinator's acceptance task. */
  String approvedBySupervisor(String body) {
    String review = submitted(body);
    String pi = task(review).getProcessInstanceId();
    assertThat(complete(body + ".supervisor", DOORS.get(0), review, Map.of("approved", bool(true))).getStatusCode().value()).isEqualTo(204);
    return taskOf(pi, ReportProcess.TASK_REVIEW_BY_COORDINATOR).getId();
  }

  Task task(String id) {
    return engine.getTaskService().createTaskQuery().taskId(id).singleResult();
  }

  Task taskOf(String pi, String key) {
    return engine.getTaskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(key).singleResult();
  }

  String state(String body) {
    return jdbc.queryForObject("SELECT state FROM jospar_body_report WHERE cycle_key = ? AND body_code = ?", String.class, CYCLE, body);
  }

  List<String> events(String body) {
    return jdbc.queryForList("SELECT event FROM jospar_report_event WHERE cycle_key = ? AND body_code = ? ORDER BY id", String.class,
        CYCLE, body);
  }

  /** Calls as this person: HTTP Basic, or a Keycloak access token. */
  abstract TestRestTemplate as(String user);

  /** Tasklist's own door with a password login; null where the webapps sign in through Keycloak instead. */
  abstract WebappSession tasklist(String user);

  TestRestTemplate as(String user, String language) {
    TestRestTemplate t = as(user);
    t.getRestTemplate().getInterceptors().add((request, bytes, execution) -> {
      request.getHeaders().set(HttpHeaders.ACCEPT_LANGUAGE, language);
      return execution.execute(request, bytes);
    });
    return t;
  }

  ResponseEntity<String> complete(String user, String door, String taskId, Map<String, Object> variables) {
    as(user).exchange(door + "/task/" + taskId + "/claim", HttpMethod.POST, json(Map.of("userId", user)), String.class);
    return as(user).exchange(door + "/task/" + taskId + "/complete", HttpMethod.POST, json(Map.of("variables", variables)), String.class);
  }

  ResponseEntity<String> write(String user, HttpMethod method, String path, Object body) {
    ResponseEntity<String> r = as(user).exchange(path, method, json(body), String.class);
    assertThat(r.getStatusCode().is5xxServerError()).as(method + " " + path + ": " + r.getBody()).isFalse();
    return r;
  }

  /** An attachment as Tasklist's API takes it: a multipart form. */
  ResponseEntity<String> attach(String user, String path) {
    org.springframework.util.LinkedMultiValueMap<String, Object> form = new org.springframework.util.LinkedMultiValueMap<>();
    form.add("attachment-name", "note.txt");
    form.add("attachment-description", "an auditor's note");
    form.add("attachment-type", "text/plain");
    form.add("content", new org.springframework.core.io.ByteArrayResource("a note".getBytes()) {
      @Override
      public String getFilename() {
        return "note.txt";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return as(user).exchange(path, HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
  }

  static Map<String, Object> text(String value) {
    return Map.of("value", value, "type", "String");
  }

  static Map<String, Object> bool(boolean value) {
    return Map.of("value", value, "type", "Boolean");
  }

  static Map<String, Object> variable(String value) {
    return Map.of("value", value, "type", "String");
  }

  static Map<String, Object> file() {
    return Map.of("value", PDF, "type", "File", "valueInfo", Map.of("filename", "report.pdf", "mimetype", "application/pdf"));
  }

  static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
