package kz.jospar.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import kz.jospar.support.EmbeddedPostgresSupport;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What an operator sees of a node: health (public status, details for signed-in callers; probes),
 * Prometheus figures (monitoring and admin only), and a failing job that retries on the configured
 * schedule and then becomes an incident, shown by the health endpoint and the metrics.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"jospar.demo.allow-any-database=true", "JOSPAR_JOB_RETRY_CYCLE=PT1S,PT2S,PT3S", "JOSPAR_NODE_ID=node-under-test",
        "camunda.bpm.job-execution.wait-time-in-millis=200", "camunda.bpm.job-execution.max-wait=500",
        "logging.structured.format.console=ecs"})
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
@ActiveProfiles({"demo", "postgres"})
class OperationsEndpointsIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresSupport.register(registry, "jospar_ops");
  }

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired IdentityService identityService;

  static final String MONITOR_PASSWORD = "scraper-" + System.nanoTime();

  @Test
  void healthAndProbesArePublicButOnlyStatus() {
    ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
    assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(health.getBody()).startsWith("{\"status\":\"UP\"").doesNotContain("components", "details");
    assertThat(http.getForEntity("/actuator/health/liveness", String.class).getBody()).contains("\"UP\"");
    assertThat(http.getForEntity("/actuator/health/readiness", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

    // details are for the monitoring group and administrators, not for every signed-in official
    assertThat(http.withBasicAuth("akimat-turkistan.official", "demo").getForObject("/actuator/health/readiness", String.class))
        .doesNotContain("components", "lockOwner");
    assertThat(http.withBasicAuth("coordinator", "demo").getForObject("/actuator/health", String.class)).doesNotContain("components");
    String detailed = http.withBasicAuth("admin", "demo").getForObject("/actuator/health/readiness", String.class);
    assertThat(detailed).contains("\"db\"", "\"engine\"", "\"jobExecutor\"", "\"lockOwner\":\"node-under-test\"", "\"deployments\":1");
  }

  @Autowired org.springframework.boot.actuate.health.HttpCodeStatusMapper statusMapper;

  @Test
  void aNodeThatIsDownOrStartingAnswers503AndIncidentsDoNotTakeItOutOfService() {
    // a custom mapping replaces Spring Boot's defaults: a DOWN answered 200 once, and load balancers sent traffic to it
    assertThat(statusMapper.getStatusCode(org.springframework.boot.actuate.health.Status.DOWN)).isEqualTo(503);
    assertThat(statusMapper.getStatusCode(org.springframework.boot.actuate.health.Status.OUT_OF_SERVICE)).isEqualTo(503);
    assertThat(statusMapper.getStatusCode(new org.springframework.boot.actuate.health.Status("INCIDENTS"))).isEqualTo(200);
    assertThat(statusMapper.getStatusCode(org.springframework.boot.actuate.health.Status.UP)).isEqualTo(200);
  }

  @Test
  void prometheusIsForMonitoringAndAdministratorsOnly() {
    assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("akimat-turkistan.official", "demo").getForEntity("/actuator/prometheus", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.getForEntity("/actuator/env", String.class).getStatusCode()).isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("admin", "demo").getForEntity("/actuator/env", String.class).getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);

    scraper();
    ResponseEntity<String> metrics = http.withBasicAuth("scraper", MONITOR_PASSWORD).getForEntity("/actuator/prometheus", String.class);
    assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(metrics.getBody()).contains("jospar_reports_overdue{", "jospar_jobs_due{", "jospar_incidents{",
        "jospar_escalations_total{", "level=\"1\"", "node=\"node-under-test\"");
  }

  /** A member of the monitoring group, as Prometheus signs in; whichever test needs it first makes it. */
  void scraper() {
    if (identityService.createUserQuery().userId("scraper").count() == 0) {
      User scraper = identityService.newUser("scraper");
      scraper.setPassword(MONITOR_PASSWORD);
      identityService.saveUser(scraper);
      identityService.createMembership("scraper", "monitoring");
    }
  }

  @Test
  void aFailingJobRetriesOnTheConfiguredScheduleThenRaisesAnIncidentSeenInHealthAndMetrics() {
    scraper();
    BpmnModelInstance failing = Bpmn.createExecutableProcess("OpsFailingJob").camundaHistoryTimeToLive(1)
        .startEvent().serviceTask("Task_Fails").camundaAsyncBefore().camundaExpression("${undefinedBean.call()}")
        .endEvent().done();
    engine.getRepositoryService().createDeployment().addModelInstance("ops-failing.bpmn", failing).deploy();
    String instance = engine.getRuntimeService().startProcessInstanceByKey("OpsFailingJob").getId();

    // Camunda's default is three attempts back to back; the configured cycle gives four, 1, 2 and 3 s apart
    await().atMost(Duration.ofSeconds(40)).until(() -> engine.getRuntimeService().createIncidentQuery()
        .processInstanceId(instance).count() == 1);
    List<Date> failures = engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(instance).failureLog()
        .orderByTimestamp().asc().list().stream().map(l -> l.getTimestamp()).toList();
    assertThat(failures).hasSize(4);
    for (int i = 1; i < failures.size(); i++) {
      assertThat(failures.get(i).getTime() - failures.get(i - 1).getTime()).as("gap before attempt %d", i + 1)
          .isGreaterThanOrEqualTo(i * 1000L - 50);
    }
    assertThat(engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(instance).failureLog().list().get(0)
        .getJobExceptionMessage()).contains("undefinedBean");
    Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(instance).singleResult();
    assertThat(incident.getActivityId()).isEqualTo("Task_Fails");
    assertThat(job(instance).getRetries()).isZero();
    List<String> hosts = engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(instance).failureLog().list()
        .stream().map(l -> l.getHostname()).distinct().toList();
    assertThat(hosts).containsExactly("node-under-test");

    // anonymous health answers are cached for 5 s
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
      assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(health.getBody()).startsWith("{\"status\":\"INCIDENTS\"").doesNotContain("components", "Task_Fails");
    });
    assertThat(http.withBasicAuth("admin", "demo").getForObject("/actuator/health", String.class))
        .contains("\"incidents\"", "\"open\":1", "Task_Fails in " + instance);
    // readiness does not take a node out of service for an incident
    assertThat(http.getForEntity("/actuator/health/readiness", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
        http.withBasicAuth("scraper", MONITOR_PASSWORD).getForObject("/actuator/prometheus", String.class))
        .containsPattern("jospar_incidents\\{[^}]*\\} 1\\.0"));

    // the runbook's resolution: fix the cause, then give the job retries again (Cockpit: "Retry")
    engine.getRepositoryService().createDeployment().addModelInstance("ops-failing.bpmn", Bpmn.createExecutableProcess("OpsFailingJob")
        .camundaHistoryTimeToLive(1).startEvent().endEvent().done()).deploy();
    engine.getRuntimeService().deleteProcessInstance(instance, "resolved in the test");
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
        assertThat(http.getForEntity("/actuator/health", String.class).getBody()).startsWith("{\"status\":\"UP\""));
  }

  @Test
  void logsCarryTheProcessTaskAndBodyButNeverTheReportOrTheCredentials(org.springframework.boot.test.system.CapturedOutput output) {
    org.springframework.http.HttpHeaders json = new org.springframework.http.HttpHeaders();
    json.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    assertThat(http.withBasicAuth("coordinator", "demo").postForEntity("/api/plan/periods", new org.springframework.http.HttpEntity<>(
        java.util.Map.of("row", "4.8", "period", "2026-H2"), json), String.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String task = engine.getTaskService().createTaskQuery().taskCandidateGroup("akimat-turkistan").taskDefinitionKey("Task_SubmitReport")
        .singleResult().getId();
    String secret = "Confidential-report-text-" + System.nanoTime();
    org.springframework.boot.test.web.client.TestRestTemplate official = http.withBasicAuth("akimat-turkistan.official", "demo");
    official.postForEntity("/engine-rest/task/" + task + "/claim", new org.springframework.http.HttpEntity<>(
        java.util.Map.of("userId", "akimat-turkistan.official"), json), String.class);
    ResponseEntity<String> done = official.postForEntity("/engine-rest/task/" + task + "/complete", new org.springframework.http.HttpEntity<>(
        java.util.Map.of("variables", java.util.Map.of("reportText", java.util.Map.of("value", secret, "type", "String"),
            "reportDocument", java.util.Map.of("value", java.util.Base64.getEncoder().encodeToString("%PDF-1.4".getBytes()), "type", "File",
                "valueInfo", java.util.Map.of("filename", "r.pdf", "mimetype", "application/pdf")))), json), String.class);
    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    String submitted = output.getOut().lines().filter(l -> l.contains("SUBMITTED 4.8/2026-H2 akimat-turkistan")).findFirst().orElseThrow();
    assertThat(submitted).startsWith("{").contains("\"body\":\"akimat-turkistan\"", "\"cycle\":\"4.8/2026-H2\"",
        "\"processInstanceId\":\"", "\"user\":\"akimat-turkistan.official\"", "\"taskId\":\"" + task + "\"",
        "\"node\":{\"name\":\"node-under-test\"}");
    String basic = java.util.Base64.getEncoder().encodeToString("akimat-turkistan.official:demo".getBytes());
    assertThat(output.getAll()).doesNotContain(secret, basic);
  }

  Job job(String instance) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult();
  }
}
