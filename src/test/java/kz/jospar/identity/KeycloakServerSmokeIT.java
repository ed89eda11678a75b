package kz.jospar.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import kz.jospar.support.KeycloakSupport;
import org.junit.jupiter.api.Test;

/**
 * The committed realm, imported into a real Keycloak, gives the tokens Jospar expects: the issuer,
 * {@code jospar-api} in {@code aud}, the body's and the role's group in {@code groups}, the role in
 * {@code realm_access.roles}.
 */
class KeycloakServerSmokeIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KeycloakSupport keycloak = KeycloakSupport.server();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void anOfficialsTokenNamesTheBodyTheRoleAndTheApi() {
    JsonNode claims = payload(keycloak.token("akimat-turkistan.official", "demo"));

    assertThat(claims.path("iss").asText()).isEqualTo(keycloak.issuer());
    assertThat(claims.path("iss").asText()).startsWith("http://127.0.0.1:").endsWith("/realms/jospar");
    assertThat(texts(claims.path("aud"))).contains("jospar-api");
    assertThat(texts(claims.path("groups"))).contains("akimat-turkistan", "official")
        .doesNotContain("/akimat-turkistan", "akimat-turkistan-supervisors");
    assertThat(texts(claims.path("realm_access").path("roles"))).contains("official").doesNotContain("supervisor");
    assertThat(claims.path("preferred_username").asText()).isEqualTo("akimat-turkistan.official");
    assertThat(claims.path("azp").asText()).isEqualTo(KeycloakSupport.TEST_CLIENT);
  }

  @Test
  void aSupervisorsTokenNamesTheSupervisorsGroupAndRole() {
    JsonNode claims = payload(keycloak.token("akimat-turkistan.supervisor", "demo"));

    assertThat(texts(claims.path("groups"))).contains("akimat-turkistan", "akimat-turkistan-supervisors", "supervisor");
    assertThat(texts(claims.path("realm_access").path("roles"))).contains("supervisor").doesNotContain("official");
    assertThat(texts(claims.path("aud"))).contains("jospar-api");
  }

  @Test
  void theAdministratorGetsTheAdminRoleThroughCamundaAdmin() {
    JsonNode claims = payload(keycloak.token("admin", "demo"));

    assertThat(texts(claims.path("groups"))).contains("camunda-admin");
    assertThat(texts(claims.path("realm_access").path("roles"))).contains("admin");
  }

  @Test
  void aWrongPasswordIsRefused() {
    assertThatThrownBy(() -> keycloak.token("akimat-turkistan.official", "not-the-password"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("invalid_grant");
  }

  @Test
  void theBootstrapAdministratorCanUseTheAdminApi() {
    assertThat(payload(keycloak.adminToken()).path("iss").asText()).isEqualTo(keycloak.url() + "/realms/master");
  }

  @Test
  void theIdentityServiceReadsUsersAndGroupsWithItsServiceAccount() throws Exception {
    String service = keycloak.clientCredentialsToken("camunda-identity-service", keycloak.identityClientSecret());
    JsonNode claims = payload(service);
    assertThat(claims.path("preferred_username").asText()).isEqualTo("service-account-camunda-identity-service");
    assertThat(texts(claims.path("aud"))).as("no Jospar API token").doesNotContain("jospar-api");

    JsonNode groups = JSON.readTree(adminGet(service, "/groups?search=akimat-turkistan&briefRepresentation=false"));
    assertThat(groups).extracting(g -> g.path("name").asText()).contains("akimat-turkistan", "akimat-turkistan-supervisors");
    JsonNode users = JSON.readTree(adminGet(service, "/users?exact=true&username=akimat-turkistan.deputy"));
    assertThat(users).singleElement().satisfies(u -> assertThat(u.path("lastName").asText()).isEqualTo("Түркістан облысының әкімдігі"));
    JsonNode members = JSON.readTree(adminGet(service, "/groups/" + groups.get(0).path("id").asText() + "/members"));
    assertThat(members).isNotEmpty();
  }

  @Test
  void aShortLivedTokenExpiresAfterASecondWithTheSameClaims() {
    JsonNode claims = payload(keycloak.shortLivedToken("akimat-turkistan.official", "demo"));
    assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(1);
    assertThat(texts(claims.path("aud"))).contains("jospar-api");
    assertThat(texts(claims.path("groups"))).contains("akimat-turkistan", "official");
  }

  @Test
  void aCreatedUserLogsInWithNoBodyAndNoRole() {
    assertThat(keycloak.createUser("smoke.visitor", "a-password-for-tests")).isNotBlank();
    JsonNode claims = payload(keycloak.token("smoke.visitor", "a-password-for-tests"));
    assertThat(texts(claims.path("groups"))).isEmpty();
    assertThat(texts(claims.path("realm_access").path("roles"))).doesNotContain("official", "supervisor", "coordinator", "auditor", "admin");
    assertThat(texts(claims.path("aud"))).contains("jospar-api");
  }

  @Test
  void theWebClientAcceptsARedirectToAJosparOnAnotherPortOnceAllowed() throws Exception {
    String base = "http://localhost:54321";
    assertThat(authorize(base).statusCode()).as("not allowed yet").isEqualTo(400);
    keycloak.allowRedirectsTo(base);
    HttpResponse<String> login = authorize(base);
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("kc-form-login");
    assertThat(authorize("http://localhost:8080").statusCode()).as("the realm's default stays").isEqualTo(200);
  }

  private HttpResponse<String> authorize(String base) throws Exception {
    String query = "client_id=jospar-webapps&response_type=code&scope=openid"
        + "&redirect_uri=" + URLEncoder.encode(base + "/login/oauth2/code/keycloak", StandardCharsets.UTF_8)
        + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
    return HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.issuer() + "/protocol/openid-connect/auth?" + query)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String adminGet(String bearer, String path) throws Exception {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.url() + "/admin/realms/jospar" + path))
        .header("Authorization", "Bearer " + bearer).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as("GET %s: %s", path, answer.body()).isEqualTo(200);
    return answer.body();
  }

  /** The JWT's payload: its second part, Base64 URL without padding. */
  private static JsonNode payload(String jwt) {
    String[] parts = jwt.split("\\.");
    assertThat(parts).hasSize(3);
    try {
      return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    } catch (IOException e) {
      throw new AssertionError("not a JWT payload: " + parts[1], e);
    }
  }

  /** A claim that is a string or an array of strings ({@code aud} is either). */
  private static List<String> texts(JsonNode claim) {
    List<String> out = new ArrayList<>();
    if (claim.isArray()) {
      claim.forEach(v -> out.add(v.asText()));
    } else if (!claim.isMissingNode() && !claim.isNull()) {
      out.add(claim.asText());
    }
    return out;
  }
}
