package kz.jospar;

import static kz.jospar.support.Steps.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kz.jospar.support.EmbeddedPostgresSupport;
import kz.jospar.support.KeycloakSupport;
import kz.jospar.support.Steps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The keycloak profile against a real Keycloak server (the distribution from Maven Central): real
 * tokens, the access matrix for two akimats and a ministry through the engine REST API and
 * Jospar's API, every kind of bad token refused with 401, and the webapps' browser login and
 * logout through Keycloak; people land on the desk after Keycloak's login and sign out of both from it.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"postgres", "keycloak"})
class KeycloakSecurityIT {

  static final KeycloakSupport keycloak = KeycloakSupport.server();
  static final ObjectMapper json = new ObjectMapper();
  static final HttpClient http = HttpClient.newHttpClient();
  static final String CYCLE = "4.9/2026";

  @DynamicPropertySource
  static void environment(DynamicPropertyRegistry registry) {
    EmbeddedPostgresSupport.register(registry, "jospar_keycloak");
    registry.add("JOSPAR_KEYCLOAK_URL", keycloak::url);
    registry.add("JOSPAR_WEBAPPS_CLIENT_SECRET", keycloak::webappsClientSecret);
    registry.add("JOSPAR_IDENTITY_CLIENT_SECRET", keycloak::identityClientSecret);
    // the expiry test waits 2.5 s past a 1 s token: no tolerance for skewed clocks here
    registry.add("JOSPAR_TOKEN_CLOCK_SKEW", () -> "0s");
  }

  @LocalServerPort int port;

  static String token(String user) {
    return keycloak.token(user, "demo");
  }

  HttpResponse<String> call(String method, String path, String bearer, Object body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  List<JsonNode> tasks(String user) throws Exception {
    HttpResponse<String> r = call("GET", "/engine-rest/task?processInstanceBusinessKey=" + CYCLE, token(user), null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return List.copyOf((java.util.Collection<JsonNode>) toList(json.readTree(r.body())));
  }

  static java.util.Collection<JsonNode> toList(JsonNode array) {
    java.util.List<JsonNode> out = new java.util.ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  String taskOf(String user, String namePart) throws Exception {
    return tasks(user).stream().filter(t -> t.path("name").asText().contains(namePart)).map(t -> t.path("id").asText()).findFirst()
        .orElseThrow(() -> new AssertionError(user + " has no task containing " + namePart));
  }

  HttpResponse<String> complete(String user, String task, Map<String, Object> variables) throws Exception {
    return completeWith(token(user), user, task, variables);
  }

  HttpResponse<String> completeWith(String bearer, String user, String task, Map<String, Object> variables) throws Exception {
    call("POST", "/engine-rest/task/" + task + "/claim", bearer, Map.of("userId", user));
    return call("POST", "/engine-rest/task/" + task + "/complete", bearer, Map.of("variables", variables));
  }

  static Map<String, Object> submission() {
    return Map.of("reportText", Map.of("value", "done", "type", "String"), "reportDocument", Map.of("type", "File",
        "value", Base64.getEncoder().encodeToString("%PDF-1.4".getBytes()), "valueInfo", Map.of("filename", "r.pdf")));
  }

  /**
   * One period of 4.9 with Keycloak's tokens, from opening to the sign-out: each step goes on from where the one
   * before left the cycle, so they are steps of one test, in order.
   */
  @TestFactory
  Stream<DynamicTest> onePeriodWithKeycloaksTokens() {
    return Steps.inOrder(
        step("camunda reads users and groups from keycloak", this::camundaReadsUsersAndGroupsFromKeycloak),
        step("readiness takes keycloak and prometheus takes a monitoring or admin token", this::readinessTakesKeycloakAndPrometheusTakesAMonitoringOrAdminToken),
        step("the coordinator opens a period with a token", this::theCoordinatorOpensAPeriodWithAToken),
        step("officials see and complete only their own bodys tasks", this::officialsSeeAndCompleteOnlyTheirOwnBodysTasks),
        step("supervisors approve only their own bodys reports and documents stay with the body", this::supervisorsApproveOnlyTheirOwnBodysReportsAndDocumentsStayWithTheBody),
        step("the coordinator sees the whole plan the auditor reads and the admin approves nothing", this::theCoordinatorSeesTheWholePlanTheAuditorReadsAndTheAdminApprovesNothing),
        step("every kind of bad token is refused with 4 0 1", this::everyKindOfBadTokenIsRefusedWith401),
        step("a valid token without the right role or body is refused with 4 0 3", this::aValidTokenWithoutTheRightRoleOrBodyIsRefusedWith403),
        step("the webapps log in through keycloak and log out of it too", this::theWebappsLogInThroughKeycloakAndLogOutOfItToo),
        step("everyone lands on the desk after keycloaks login and signs out from it through keycloak", this::everyoneLandsOnTheDeskAfterKeycloaksLoginAndSignsOutFromItThroughKeycloak));
  }

  @org.springframework.beans.factory.annotation.Autowired org.camunda.bpm.engine.IdentityService identityService;

  void camundaReadsUsersAndGroupsFromKeycloak() throws Exception {
    assertThat(identityService.isReadOnly()).isTrue();
    assertThat(identityService.createGroupQuery().groupMember("akimat-turkistan.supervisor").list()).extracting(g -> g.getId())
        .contains("akimat-turkistan", "akimat-turkistan-supervisors", "supervisor");
    assertThat(identityService.createUserQuery().memberOfGroup("akimat-astana").list()).extracting(u -> u.getId())
        .containsExactlyInAnyOrder("akimat-astana.official", "akimat-astana.supervisor", "akimat-astana.deputy");
    assertThat(identityService.checkPassword("auditor", "demo")).isTrue();
    assertThat(identityService.checkPassword("auditor", "wrong")).isFalse();
  }

  void readinessTakesKeycloakAndPrometheusTakesAMonitoringOrAdminToken() throws Exception {
    HttpResponse<String> ready = call("GET", "/actuator/health/readiness", token("admin"), null);
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(json.readTree(ready.body()).path("components").path("keycloak").path("status").asText()).isEqualTo("UP");
    assertThat(json.readTree(ready.body()).path("components").path("keycloak").path("details").path("issuer").asText())
        .isEqualTo(keycloak.issuer());
    assertThat(call("GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/actuator/prometheus", token("coordinator"), null).statusCode()).isEqualTo(403);
    assertThat(call("GET", "/actuator/prometheus", token("admin"), null).body()).contains("jospar_reports_overdue");
  }

  void theCoordinatorOpensAPeriodWithAToken() throws Exception {
    assertThat(call("POST", "/api/plan/periods", token("akimat-turkistan.supervisor"), Map.of("row", "4.9", "period", "2026")).statusCode())
        .isEqualTo(403);
    HttpResponse<String> opened = call("POST", "/api/plan/periods", token("coordinator"), Map.of("row", "4.9", "period", "2026"));
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    // the opening's e-mails wait in the outbox (no SMTP server here), addressed as Keycloak knows the people
    HttpResponse<String> outbox = call("GET", "/api/mail/outbox?state=pending&limit=1000", token("admin"), null);
    assertThat(outbox.statusCode()).as(outbox.body()).isEqualTo(200);
    assertThat(json.readTree(outbox.body()).path("mails").findValuesAsText("address"))
        .contains("akimat-turkistan.official@demo.jospar.kz", "akimat-astana.deputy@demo.jospar.kz");
    assertThat(call("GET", "/api/mail/outbox", token("coordinator"), null).statusCode()).isEqualTo(403);
  }

  void officialsSeeAndCompleteOnlyTheirOwnBodysTasks() throws Exception {
    for (String body : List.of("akimat-turkistan", "akimat-astana", "aqdm")) {
      assertThat(tasks(body + ".official")).as(body).singleElement()
          .satisfies(t -> assertThat(t.path("name").asText()).startsWith("Есеп тапсыру: 4.9"));
    }
    String astanasTask = tasks("akimat-astana.official").get(0).path("id").asText();
    HttpResponse<String> foreign = complete("akimat-turkistan.official", astanasTask, submission());
    assertThat(foreign.statusCode()).as("another body's task").isIn(403, 404);
    String own = tasks("akimat-turkistan.official").get(0).path("id").asText();
    assertThat(complete("akimat-turkistan.official", own, submission()).statusCode()).isEqualTo(204);
    assertThat(complete("aqdm.official", tasks("aqdm.official").get(0).path("id").asText(), submission()).statusCode()).isEqualTo(204);
    assertThat(tasks("akimat-turkistan.official")).as("the review is the supervisors'").isEmpty();
  }

  void supervisorsApproveOnlyTheirOwnBodysReportsAndDocumentsStayWithTheBody() throws Exception {
    String review = taskOf("akimat-turkistan.supervisor", "Есепті қарау");
    assertThat(tasks("akimat-astana.supervisor")).as("Astana sees no Turkistan review").noneMatch(t -> t.path("id").asText().equals(review));
    assertThat(call("GET", "/engine-rest/task/" + review + "/variables/reportDocument/data", token("akimat-astana.supervisor"), null)
        .statusCode()).isIn(403, 404);
    assertThat(call("GET", "/engine-rest/task/" + review + "/variables/reportDocument/data", token("akimat-turkistan.supervisor"), null)
        .statusCode()).isEqualTo(200);
    assertThat(complete("akimat-astana.supervisor", review, Map.of("approved", Map.of("value", true, "type", "Boolean"))).statusCode())
        .isIn(403, 404);
    assertThat(complete("akimat-turkistan.supervisor", review, Map.of("approved", Map.of("value", true, "type", "Boolean"))).statusCode())
        .isEqualTo(204);
    String ministryReview = taskOf("aqdm.supervisor", "Есепті қарау");
    assertThat(complete("aqdm.supervisor", ministryReview, Map.of("approved", Map.of("value", true, "type", "Boolean"))).statusCode())
        .isEqualTo(204);
  }

  void theCoordinatorSeesTheWholePlanTheAuditorReadsAndTheAdminApprovesNothing() throws Exception {
    assertThat(tasks("coordinator")).hasSizeGreaterThanOrEqualTo(22);
    String accept = taskOf("coordinator", "Есепті қабылдау");

    assertThat(tasks("auditor")).hasSizeGreaterThanOrEqualTo(22);
    assertThat(call("GET", "/engine-rest/history/process-instance?processInstanceBusinessKey=" + CYCLE, token("auditor"), null).statusCode())
        .isEqualTo(200);
    assertThat(complete("auditor", accept, Map.of("accepted", Map.of("value", true, "type", "Boolean"))).statusCode()).isIn(403, 404);
    assertThat(call("POST", "/api/plan/periods", token("auditor"), Map.of("row", "4.9", "period", "2025")).statusCode()).isEqualTo(403);

    assertThat(call("GET", "/engine-rest/authorization?resourceType=0", token("admin"), null).statusCode()).isEqualTo(200);
    assertThat(complete("admin", accept, Map.of("accepted", Map.of("value", true, "type", "Boolean"))).statusCode()).isEqualTo(403);

    assertThat(complete("coordinator", accept, Map.of("accepted", Map.of("value", true, "type", "Boolean"))).statusCode()).isEqualTo(204);
    JsonNode status = json.readTree(call("GET", "/api/plan/status?year=2026", token("akimat-turkistan.official"), null).body());
    assertThat(toList(status.path("entries"))).singleElement().satisfies(e -> {
      assertThat(e.path("body").asText()).isEqualTo("akimat-turkistan");
      assertThat(e.path("state").asText()).isEqualTo("accepted");
    });
  }

  void everyKindOfBadTokenIsRefusedWith401() throws Exception {
    String good = token("akimat-turkistan.official");
    assertThat(call("GET", "/engine-rest/task", good, null).statusCode()).isEqualTo(200);

    assertThat(call("GET", "/engine-rest/task", null, null).statusCode()).as("no token").isEqualTo(401);
    assertThat(call("GET", "/api/plan", null, null).statusCode()).as("no token").isEqualTo(401);
    assertThat(call("GET", "/engine-rest/task", "not-a-jwt", null).statusCode()).as("garbage").isEqualTo(401);

    String[] parts = good.split("\\.");
    ObjectNode payload = (ObjectNode) json.readTree(Base64.getUrlDecoder().decode(parts[1]));
    payload.putArray("groups").add("coordinator").add("camunda-admin");
    String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(payload)) + "." + parts[2];
    assertThat(call("GET", "/engine-rest/task", tampered, null).statusCode()).as("tampered payload").isEqualTo(401);

    RSAKey otherKey = new RSAKeyGenerator(2048).keyID(JWSHeaderKid(parts[0])).generate();
    JWTClaimsSet claims = JWTClaimsSet.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(otherKey.getKeyID()).build(), claims);
    forged.sign(new RSASSASigner(otherKey));
    assertThat(call("GET", "/engine-rest/task", forged.serialize(), null).statusCode()).as("signed by another key").isEqualTo(401);

    HttpResponse<String> otherIssuer = call("GET", "/engine-rest/task", keycloak.adminToken(), null);
    assertThat(otherIssuer.statusCode()).as("a token of another realm").isEqualTo(401);

    String noAudience = keycloak.clientCredentialsToken("camunda-identity-service", keycloak.identityClientSecret());
    HttpResponse<String> wrongAudience = call("GET", "/engine-rest/task", noAudience, null);
    assertThat(wrongAudience.statusCode()).as("a token without the API audience").isEqualTo(401);
    assertThat(wrongAudience.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");

    String expired = keycloak.shortLivedToken("akimat-turkistan.official", "demo");
    Thread.sleep(2500);
    HttpResponse<String> late = call("GET", "/engine-rest/task", expired, null);
    assertThat(late.statusCode()).as("an expired token").isEqualTo(401);
    assertThat(late.body()).contains("expired");
  }

  private static String JWSHeaderKid(String header) throws Exception {
    return json.readTree(Base64.getUrlDecoder().decode(header)).path("kid").asText();
  }

  void aValidTokenWithoutTheRightRoleOrBodyIsRefusedWith403() throws Exception {
    String outsider = keycloak.createUser("visitor.without.groups", "a-password-for-tests");
    String token = keycloak.token("visitor.without.groups", "a-password-for-tests");
    assertThat(outsider).isNotBlank();
    assertThat(call("POST", "/api/plan/periods", token, Map.of("row", "4.9", "period", "2025")).statusCode()).isEqualTo(403);
    String someTask = taskOf("akimat-astana.official", "Есеп тапсыру");
    assertThat(completeWith(token, "visitor.without.groups", someTask, submission()).statusCode()).isIn(403, 404);
    assertThat(call("GET", "/engine-rest/task?processInstanceBusinessKey=" + CYCLE, token, null).body()).isEqualTo("[]");
  }

  void theWebappsLogInThroughKeycloakAndLogOutOfItToo() throws Exception {
    keycloak.allowRedirectsTo("http://localhost:" + port);
    CookieManager cookies = loopbackCookieJar();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.ALWAYS).build();
    String tasklist = "http://localhost:" + port + "/camunda/app/tasklist/default/";

    HttpResponse<String> loginPage = browser.send(HttpRequest.newBuilder(URI.create(tasklist)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(loginPage.uri().toString()).startsWith(keycloak.issuer() + "/protocol/openid-connect/auth");
    HttpResponse<String> landed = submitLogin(browser, loginPage.body(), "akimat-turkistan.official", "demo");
    assertThat(landed.uri().toString()).startsWith("http://localhost:" + port + "/camunda/app/tasklist");
    assertThat(landed.statusCode()).isEqualTo(200);

    HttpResponse<String> me = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(me.statusCode()).isEqualTo(200);
    JsonNode user = json.readTree(me.body());
    assertThat(user.path("userId").asText()).isEqualTo("akimat-turkistan.official");
    assertThat(user.path("authorizedApps").toString()).contains("tasklist").doesNotContain("cockpit");

    // Jospar's own pages ride on the same Keycloak login: the monitor shows the official's body only
    HttpResponse<String> monitor = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/jospar/monitor/data?year=2026")).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(monitor.statusCode()).as(monitor.body()).isEqualTo(200);
    JsonNode view = json.readTree(monitor.body());
    assertThat(view.path("wholePlan").asBoolean()).isFalse();
    assertThat(view.path("bodies")).singleElement().satisfies(b -> assertThat(b.path("code").asText()).isEqualTo("akimat-turkistan"));
    HttpResponse<String> settings = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/jospar/me/settings"))
        .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(json.readTree(settings.body()).path("userId").asText()).isEqualTo("akimat-turkistan.official");

    String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst()
        .map(java.net.HttpCookie::getValue).orElseThrow();
    HttpResponse<String> logout = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default/logout"))
        .header("X-XSRF-TOKEN", xsrf).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(logout.statusCode()).isLessThan(400);

    HttpResponse<String> again = browser.send(HttpRequest.newBuilder(URI.create(tasklist)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(again.uri().toString()).as("the Keycloak session is over: a login is asked again")
        .startsWith(keycloak.issuer() + "/protocol/openid-connect/auth");
    assertThat(again.body()).contains("kc-form-login");
  }

  void everyoneLandsOnTheDeskAfterKeycloaksLoginAndSignsOutFromItThroughKeycloak() throws Exception {
    String base = "http://localhost:" + port;
    keycloak.allowRedirectsTo(base);
    CookieManager cookies = loopbackCookieJar();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.ALWAYS).build();

    HttpResponse<String> loginPage = browser.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(loginPage.uri().toString()).startsWith(keycloak.issuer() + "/protocol/openid-connect/auth");
    HttpResponse<String> landed = submitLogin(browser, loginPage.body(), "coordinator", "demo");
    assertThat(landed.uri().toString()).isEqualTo(base + "/jospar/desk");
    assertThat(landed.statusCode()).isEqualTo(200);
    assertThat(landed.body()).contains("href=\"/jospar/desk/open-period\"", "action=\"/logout\"", "name=\"_csrf\"");
    URI keycloakAddress = URI.create(keycloak.url());
    assertThat(landed.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'", "frame-ancestors 'none'",
        "form-action 'self' " + keycloakAddress.getScheme() + "://" + keycloakAddress.getRawAuthority());

    // the desk's sign-out form: Jospar's session and Keycloak's end, and the next visit asks for a login again
    String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JOSPAR-XSRF")).findFirst()
        .map(java.net.HttpCookie::getValue).orElseThrow();
    HttpResponse<String> out = browser.send(HttpRequest.newBuilder(URI.create(base + "/logout"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(out.uri().toString()).as("back at Keycloak's login").startsWith(keycloak.issuer() + "/protocol/openid-connect/auth");
    assertThat(out.body()).contains("kc-form-login");
  }

  /**
   * A cookie jar that behaves as browsers do on loopback: they treat http://127.0.0.1 as a secure
   * context and send Keycloak's Secure cookies there; java.net.CookieManager would not.
   */
  static CookieManager loopbackCookieJar() {
    return new CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL) {
      @Override
      public void put(URI uri, Map<String, List<String>> headers) throws java.io.IOException {
        Map<String, List<String>> copy = new java.util.HashMap<>();
        headers.forEach((name, values) -> copy.put(name, name != null && name.equalsIgnoreCase("Set-Cookie")
            ? values.stream().map(c -> c.replaceAll("(?i);\\s*Secure", "")).toList() : values));
        super.put(uri, copy);
      }
    };
  }

  static HttpResponse<String> submitLogin(HttpClient browser, String page, String user, String password) throws Exception {
    Matcher action = Pattern.compile("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"|action=\"([^\"]+)\"[^>]*id=\"kc-form-login\"").matcher(page);
    assertThat(action.find()).as("Keycloak's login form").isTrue();
    String url = (action.group(1) != null ? action.group(1) : action.group(2)).replace("&amp;", "&");
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
        + "&credentialId=";
    return browser.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @BeforeAll
  static void keycloakIsUp() {
    assertThat(keycloak.issuer()).endsWith("/realms/jospar");
  }
}
