package kz.jospar;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** The embedded default (demo profile on H2, as ./mvnw spring-boot:run starts it): demo people log in to the webapps and the APIs. */
// Closed after the class, while the embedded PostgreSQL still runs: the engine writes on close.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "JOSPAR_DEMO_DB_URL=jdbc:h2:mem:jospar-demo-test;DB_CLOSE_DELAY=-1")
class DemoDefaultIT {

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;

  @Test
  void everyBodyHasAnOfficialAndTwoSupervisors() {
    assertThat(identityService.createUserQuery().memberOfGroup("official").count()).isEqualTo(50);
    // a supervisor and a deputy per body, so that four-eyes always has a second reviewer
    assertThat(identityService.createUserQuery().memberOfGroup("supervisor").count()).isEqualTo(100);
    assertThat(identityService.createUserQuery().memberOfGroup("akimat-turkistan").list())
        .extracting(u -> u.getId())
        .containsExactlyInAnyOrder("akimat-turkistan.official", "akimat-turkistan.supervisor", "akimat-turkistan.deputy");
    assertThat(identityService.createUserQuery().memberOfGroup("akimat-turkistan-supervisors").list())
        .extracting(u -> u.getId()).containsExactlyInAnyOrder("akimat-turkistan.supervisor", "akimat-turkistan.deputy");
    // a demo address each, so that e-mail notifications have somewhere to go (nothing is sent without an SMTP server)
    assertThat(identityService.createUserQuery().userId("akimat-turkistan.official").singleResult().getEmail())
        .isEqualTo("akimat-turkistan.official@demo.jospar.kz");
    assertThat(identityService.createUserQuery().userId("coordinator").singleResult().getEmail()).isEqualTo("coordinator@demo.jospar.kz");
    assertThat(identityService.checkPassword("coordinator", "demo")).isTrue();
    assertThat(identityService.checkPassword("admin", "demo")).isTrue();
    assertThat(identityService.checkPassword("auditor", "demo")).isTrue();
  }

  @Test
  void demoUsersCallTheApisWithHttpBasic() {
    ResponseEntity<String> plan = http.withBasicAuth("akimat-turkistan.official", "demo").getForEntity("/api/plan", String.class);
    assertThat(plan.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(plan.getBody()).contains("\"number\":\"17\"");
    assertThat(http.getForEntity("/api/plan", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void theRootLeadsToTheDeskAndTheWebappsStayServed() throws Exception {
    java.net.http.HttpResponse<Void> root = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(http.getRootUri() + "/")).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/jospar/desk"));
    ResponseEntity<String> welcome = http.getForEntity("/camunda/app/welcome/default/", String.class);
    assertThat(welcome.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(welcome.getBody()).contains("<html");
  }

  @Test
  void officialsLogInToTasklistButNotCockpit() {
    assertThat(webappLogin("akimat-turkistan.official", "demo", "tasklist")).isEqualTo(HttpStatus.OK);
    assertThat(webappLogin("akimat-turkistan.official", "demo", "cockpit")).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(webappLogin("coordinator", "demo", "cockpit")).isEqualTo(HttpStatus.OK);
    assertThat(webappLogin("admin", "demo", "admin")).isEqualTo(HttpStatus.OK);
    // someone no other test here signs in as: a wrong password locks the user a few seconds (Camunda's login delay)
    assertThat(webappLogin("akimat-astana.official", "wrong", "tasklist")).isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
  }

  /** Logs in the way the webapps' login page does: fetch the CSRF token, then post the form. */
  private HttpStatus webappLogin(String user, String password, String app) {
    ResponseEntity<String> page = http.getForEntity("/camunda/app/" + app + "/default/", String.class);
    String csrf = page.getHeaders().getFirst("X-XSRF-TOKEN");
    String cookie = String.join("; ", page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream().map(c -> c.split(";")[0]).toList());
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.add("X-XSRF-TOKEN", csrf);
    headers.add(HttpHeaders.COOKIE, cookie);
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("username", user);
    form.add("password", password);
    ResponseEntity<String> response = http.postForEntity("/camunda/api/admin/auth/user/default/login/" + app,
        new HttpEntity<>(form, headers), String.class);
    return HttpStatus.valueOf(response.getStatusCode().value());
  }
}
