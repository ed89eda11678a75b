package kz.jospar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import kz.jospar.support.EmbeddedPostgresSupport;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The full application on a real PostgreSQL, as the postgres profile runs it: no demo people, APIs behind HTTP Basic. */
// Closed after the class, while the embedded PostgreSQL still runs: the engine writes on close.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
class PostgresApplicationIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresSupport.register(registry, "jospar_app");
  }

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired IdentityService identityService;

  static final String PASSWORD = "a-test-only-secret-" + System.nanoTime();

  void ensureReader() {
    if (identityService.createUserQuery().userId("reader").count() == 0) {
      User u = identityService.newUser("reader");
      u.setPassword(PASSWORD);
      identityService.saveUser(u);
      identityService.createMembership("reader", "coordinator");
    }
  }

  @Autowired javax.sql.DataSource dataSource;

  @Test
  void runsOnPostgreSql() throws Exception {
    assertThat(engine.getProcessEngineConfiguration().getDatabaseType()).isEqualTo("postgres");
    try (var connection = dataSource.getConnection()) {
      assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
    }
    assertThat(engine.getManagementService().getTableCount()).containsKey("ACT_RU_TASK");
  }

  @Test
  void outsideTheDemoProfileNobodyHasADefaultPassword() {
    assertThat(identityService.createUserQuery().userIdIn("admin", "coordinator", "auditor", "akimat-turkistan.official").count())
        .isZero();
    assertThat(identityService.checkPassword("admin", "demo")).isFalse();
    assertThat(identityService.checkPassword("coordinator", "demo")).isFalse();
  }

  @Test
  void bodyAndRoleGroupsComeFromTheBodiesDirectory() {
    assertThat(identityService.createGroupQuery().groupType("body").count()).isEqualTo(50);
    assertThat(identityService.createGroupQuery().groupId("akimat-turkistan").singleResult().getName())
        .isEqualTo("Түркістан облысының әкімдігі");
    assertThat(identityService.createGroupQuery().groupType("role").list())
        .extracting(g -> g.getId()).containsExactlyInAnyOrder("official", "supervisor", "coordinator", "auditor", "camunda-admin",
            "monitoring");
    assertThat(identityService.createGroupQuery().groupType("body-supervisors").count()).isEqualTo(50);
  }

  @Test
  void nobodyCanCreateTheFirstAdministratorThroughTheWebapps() {
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    ResponseEntity<String> response = http.postForEntity("/camunda/api/admin/setup/default/user/create",
        new org.springframework.http.HttpEntity<>("{\"profile\":{\"id\":\"intruder\"},\"credentials\":{\"password\":\"x\"}}", headers),
        String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
  }

  @Test
  void apisRefuseCallersWithoutCredentials() throws Exception {
    for (String path : List.of("/api/plan", "/api/bodies", "/api/plan/calendar?year=2025", "/engine-rest/engine", "/engine-rest/task")) {
      ResponseEntity<String> response = http.getForEntity(path, String.class);
      assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(response.getHeaders().getFirst("WWW-Authenticate")).as(path).startsWith("Basic");
      assertThat(response.getBody()).as(path).contains("Sign in with HTTP Basic");
    }
    // a browser that asks for Kazakh is told in Kazakh
    java.net.http.HttpResponse<String> kazakh = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(http.getRootUri() + "/api/plan")).header("Accept-Language", "kk-KZ,kk;q=0.9,ru;q=0.8").build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(kazakh.statusCode()).isEqualTo(401);
    assertThat(kazakh.body()).contains("HTTP Basic арқылы кіріңіз: Jospar пайдаланушы аты мен құпиясөзі");
  }

  @Test
  void apisRefuseAWrongPassword() {
    // a person of its own: a wrong password locks its user for a few seconds (Camunda's login delay), which would
    // refuse the reader's right password in whichever test came next
    if (identityService.createUserQuery().userId("guesser").count() == 0) {
      User u = identityService.newUser("guesser");
      u.setPassword(PASSWORD);
      identityService.saveUser(u);
      identityService.createMembership("guesser", "coordinator");
    }
    ResponseEntity<String> response = http.withBasicAuth("guesser", "wrong").getForEntity("/api/plan", String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  @SuppressWarnings("unchecked")
  void servesThePlanToAnAuthenticatedUser() {
    ensureReader();
    ResponseEntity<Map> response = http.withBasicAuth("reader", PASSWORD).getForEntity("/api/plan", Map.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<Map<String, Object>> items = (List<Map<String, Object>>) response.getBody().get("items");
    assertThat(items).hasSize(17);
    Map<String, Object> item4 = items.get(3);
    assertThat(item4.get("number")).isEqualTo("4");
    List<Map<String, Object>> subitems = (List<Map<String, Object>>) item4.get("subitems");
    Map<String, Object> sub45 = subitems.get(4);
    assertThat(sub45.get("number")).isEqualTo("4.5");
    assertThat((List<Map<String, Object>>) sub45.get("executors"))
        .filteredOn(e -> Boolean.TRUE.equals(e.get("byAgreement"))).extracting(e -> e.get("body"))
        .containsExactly("qha-entrepreneurs", "atameken");
    assertThat(subitems.get(2).get("executorsInherited")).isEqualTo(true);
    List<Map<String, Object>> indicators = (List<Map<String, Object>>) response.getBody().get("indicators");
    assertThat(indicators.get(0).get("annexDiffers")).isEqualTo(List.of(2026));
  }

  @Test
  @SuppressWarnings("unchecked")
  void servesBodiesWithGroupMembers() {
    ensureReader();
    List<Map<String, Object>> bodies = http.withBasicAuth("reader", PASSWORD).getForObject("/api/bodies", List.class);
    assertThat(bodies).hasSize(52);
    Map<String, Object> akimats = bodies.stream().filter(b -> b.get("code").equals("akimats")).findFirst().orElseThrow();
    assertThat((List<String>) akimats.get("members")).hasSize(20);
    assertThat(akimats.get("kind")).isEqualTo("group");
  }

  @Test
  @SuppressWarnings("unchecked")
  void servesTheCalendarOfAYear() {
    ensureReader();
    Map<String, Object> year = http.withBasicAuth("reader", PASSWORD).getForObject("/api/plan/calendar?year=2025", Map.class);
    List<Map<String, Object>> entries = (List<Map<String, Object>>) year.get("entries");
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.get("row")).isEqualTo("11.1");
      assertThat(e.get("deadline")).isEqualTo("2025-02-28");
      assertThat(e.get("nominalDeadline")).isEqualTo("2025-03-01");
      assertThat(e.get("deadlineMoved")).isEqualTo(true);
    });
    assertThat(year.get("periods")).isEqualTo(entries.size());

    ResponseEntity<String> outside = http.withBasicAuth("reader", PASSWORD).getForEntity("/api/plan/calendar?year=2031", String.class);
    assertThat(outside.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(outside.getBody()).contains("year 2031 is outside the plan's years 2022-2026");
  }

  @Test
  void theEngineRestApiAnswersAnAuthenticatedUser() {
    ensureReader();
    ResponseEntity<String> response = http.withBasicAuth("reader", PASSWORD).getForEntity("/engine-rest/engine", String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody()).contains("default");
  }
}
