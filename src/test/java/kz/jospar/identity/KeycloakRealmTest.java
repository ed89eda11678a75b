package kz.jospar.identity;

import kz.jospar.access.Roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import kz.jospar.catalog.Body;
import kz.jospar.catalog.PlanCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed Keycloak realm and demo users are exactly what {@link KeycloakRealmGenerator} makes
 * from the catalog, and have the shape Jospar relies on.
 */
class KeycloakRealmTest {

  static final String REGENERATE_HINT =
      "./mvnw test -Dtest=KeycloakRealmTest -Djospar.keycloak.regenerate=true";

  static PlanCatalog catalog;
  static JsonNode realm;
  static JsonNode demo;

  @BeforeAll
  static void load() throws IOException {
    catalog = KeycloakRealmGenerator.catalog();
    ObjectMapper mapper = new ObjectMapper();
    realm = mapper.readTree(KeycloakRealmGenerator.realmJson(catalog));
    demo = mapper.readTree(KeycloakRealmGenerator.demoUsersJson(catalog));
  }

  static boolean regenerate() {
    return Boolean.parseBoolean(System.getProperty("jospar.keycloak.regenerate"))
        || Boolean.parseBoolean(System.getenv("JOSPAR_KEYCLOAK_REGENERATE"));
  }

  @Test
  void committedFilesAreTheGeneratedOnes() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    if (regenerate()) {
      KeycloakRealmGenerator.write(root, catalog);
    }
    List<String> stale = new ArrayList<>();
    check(root.resolve(KeycloakRealmGenerator.REALM_FILE), KeycloakRealmGenerator.realmJson(catalog), stale);
    check(root.resolve(KeycloakRealmGenerator.DEMO_USERS_FILE), KeycloakRealmGenerator.demoUsersJson(catalog), stale);
    if (!stale.isEmpty()) {
      fail(String.join("; ", stale) + ". They are generated from the catalog and Jospar's roles; regenerate them with "
          + REGENERATE_HINT + " (or JOSPAR_KEYCLOAK_REGENERATE=true) and commit the result.");
    }
  }

  private static void check(Path file, String expected, List<String> stale) throws IOException {
    if (!Files.exists(file)) {
      stale.add(file + " is missing");
      return;
    }
    String actual = Files.readString(file, StandardCharsets.UTF_8);
    if (!actual.equals(expected)) {
      String[] a = actual.split("\n", -1);
      String[] e = expected.split("\n", -1);
      int line = 0;
      while (line < Math.min(a.length, e.length) && a[line].equals(e[line])) {
        line++;
      }
      stale.add(file + " differs from the generated text from line " + (line + 1) + ": committed "
          + (line < a.length ? "'" + a[line].strip() + "'" : "<end of file>") + ", generated "
          + (line < e.length ? "'" + e[line].strip() + "'" : "<end of file>"));
    }
  }

  @Test
  void realmSettings() {
    assertThat(realm.path("realm").asText()).isEqualTo("jospar");
    assertThat(realm.path("enabled").asBoolean()).isTrue();
    assertThat(realm.path("sslRequired").asText()).isEqualTo("external");
    assertThat(realm.path("registrationAllowed").asBoolean(true)).isFalse();
    assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
    assertThat(realm.path("internationalizationEnabled").asBoolean()).isTrue();
    assertThat(texts(realm.path("supportedLocales"))).containsExactly("kk", "ru", "en");
    assertThat(realm.path("defaultLocale").asText()).isEqualTo("ru");
    assertThat(realm.path("roles").path("realm")).extracting(r -> r.path("name").asText())
        .containsExactly("official", "supervisor", "coordinator", "auditor", "admin", "monitoring");
    assertThat(realm.path("roles").path("realm")).allSatisfy(r -> assertThat(r.path("description").asText()).isNotBlank());
  }

  @Test
  void aGroupPerBodyAPerBodySupervisorsGroupAndTheRoleGroups() {
    List<Body> leaves = catalog.bodies().leaves();
    assertThat(leaves).hasSize(50);
    Map<String, JsonNode> groups = groupsByName();
    assertThat(realm.path("groups")).allSatisfy(g -> {
      assertThat(g.has("subGroups") && !g.path("subGroups").isEmpty()).as("flat groups").isFalse();
      assertThat(g.path("path").asText()).isEqualTo("/" + g.path("name").asText());
    });
    assertThat(groups).hasSize(realm.path("groups").size()); // names are unique

    for (Body body : leaves) {
      JsonNode group = groups.get(body.code());
      assertThat(group).as("group of body %s", body.code()).isNotNull();
      JsonNode attributes = group.path("attributes");
      assertThat(texts(attributes.path("kind"))).containsExactly(body.kind().code());
      assertThat(texts(attributes.path("name_kk"))).containsExactly(body.name().kk());
      assertThat(texts(attributes.path("name_ru"))).containsExactly(body.name().ru());
      assertThat(texts(attributes.path("name_en"))).containsExactly(body.name().en());
      assertThat(group.path("realmRoles").isMissingNode()).as("a body's group carries no role").isTrue();
      JsonNode supervisors = groups.get(Roles.supervisorsOf(body.code()));
      assertThat(supervisors).as("supervisors' group of body %s", body.code()).isNotNull();
      assertThat(supervisors.path("realmRoles").isMissingNode()).isTrue();
    }
    long bodyGroups = realm.path("groups").findValues("kind").size();
    assertThat(bodyGroups).isEqualTo(50);
    assertThat(groups.keySet().stream().filter(n -> n.endsWith("-supervisors"))).hasSize(50);
    assertThat(catalog.bodies().all().stream().filter(Body::isGroup).map(Body::code))
        .as("the catalog's groups of bodies are no Keycloak groups").noneMatch(groups::containsKey);

    Map<String, List<String>> roleGroups = new HashMap<>();
    groups.forEach((name, g) -> {
      if (g.has("realmRoles")) {
        roleGroups.put(name, texts(g.path("realmRoles")));
      }
    });
    assertThat(roleGroups).containsExactlyInAnyOrderEntriesOf(Map.of(
        "official", List.of("official"),
        "supervisor", List.of("supervisor"),
        "coordinator", List.of("coordinator"),
        "auditor", List.of("auditor"),
        "camunda-admin", List.of("admin"), "monitoring", List.of("monitoring")));
    assertThat(Roles.ALL).allSatisfy(role -> assertThat(roleGroups).containsKey(role));
    assertThat(groups).hasSize(50 + 50 + Roles.ALL.size());
  }

  @Test
  void everyDemoUsersGroupExistsInTheRealm() {
    Set<String> paths = new HashSet<>();
    realm.path("groups").forEach(g -> paths.add(g.path("path").asText()));
    List<DemoIdentities.DemoUser> expected = DemoIdentities.users(catalog);
    JsonNode users = demo.path("users");
    assertThat(demo.path("realm").asText()).isEqualTo("jospar");
    assertThat(users).hasSize(expected.size()).hasSize(50 * 3 + 4);
    for (int i = 0; i < expected.size(); i++) {
      DemoIdentities.DemoUser want = expected.get(i);
      JsonNode user = users.get(i);
      assertThat(user.path("username").asText()).isEqualTo(want.id());
      assertThat(texts(user.path("groups"))).containsExactlyElementsOf(want.groups().stream().map(g -> "/" + g).toList());
      assertThat(texts(user.path("groups"))).allSatisfy(path -> assertThat(paths).as("groups of %s", want.id()).contains(path));
      assertThat(user.path("enabled").asBoolean()).isTrue();
      assertThat(user.path("emailVerified").asBoolean()).isTrue();
      assertThat(user.path("email").asText()).isEqualTo(want.id() + "@demo.jospar.kz");
      assertThat(user.path("firstName").asText()).isNotBlank();
      assertThat(user.path("lastName").asText()).isNotBlank();
      assertThat(texts(user.path("attributes").path("locale"))).containsExactly("kk");
      assertThat(user.path("credentials")).singleElement().satisfies(c -> {
        assertThat(c.path("type").asText()).isEqualTo("password");
        assertThat(c.path("value").asText()).isEqualTo("demo");
        assertThat(c.path("temporary").asBoolean(true)).isFalse();
      });
    }
    assertThat(users).extracting(u -> u.path("username").asText())
        .contains("akimat-turkistan.official", "akimat-turkistan.supervisor", "akimat-turkistan.deputy",
            "coordinator", "coordinator2", "auditor", "admin");
  }

  @Test
  void theRealmHoldsNoDemoUserOnlyTheServiceAccounts() {
    assertThat(realm.path("users")).extracting(u -> u.path("username").asText()).containsExactly(
        "service-account-camunda-identity-service", "service-account-jospar-prometheus", "service-account-jospar-people");
    assertThat(realm.path("users")).allSatisfy(u -> assertThat(u.has("credentials")).isFalse());
    // Prometheus reads the metrics and nothing else; the import manages users and reads groups
    assertThat(texts(realm.path("users").get(1).path("groups"))).containsExactly("/monitoring");
    assertThat(realm.path("users").get(1).has("clientRoles")).isFalse();
    assertThat(texts(realm.path("users").get(2).path("clientRoles").path("realm-management")))
        .containsExactlyInAnyOrder("manage-users", "query-groups", "query-users", "view-users");
    JsonNode identity = realm.path("users").get(0);
    assertThat(identity.path("serviceAccountClientId").asText()).isEqualTo("camunda-identity-service");
    assertThat(texts(identity.path("clientRoles").path("realm-management")))
        .containsExactlyInAnyOrder("query-groups", "query-users", "view-users");
    String text = KeycloakRealmGenerator.realmJson(catalog);
    assertThat(text).doesNotContain("\"credentials\"", "demo.jospar.kz", ".official\"", ".supervisor\"");
  }

  @Test
  void theClients() {
    Map<String, JsonNode> clients = new HashMap<>();
    realm.path("clients").forEach(c -> clients.put(c.path("clientId").asText(), c));
    assertThat(clients).containsOnlyKeys("jospar-webapps", "jospar-api", "jospar-cli", "camunda-identity-service",
        "jospar-prometheus", "jospar-people");
    for (String[] service : new String[][] {{"jospar-prometheus", "${JOSPAR_PROMETHEUS_CLIENT_SECRET}"},
        {"jospar-people", "${JOSPAR_PEOPLE_CLIENT_SECRET}"}}) {
      JsonNode client = clients.get(service[0]);
      assertFlows(client, false, false, false, false, true);
      assertThat(client.path("secret").asText()).isEqualTo(service[1]);
      assertTokenMappers(client);
    }

    JsonNode webapps = clients.get("jospar-webapps");
    assertFlows(webapps, false, true, false, false, false);
    assertThat(webapps.path("clientAuthenticatorType").asText()).isEqualTo("client-secret");
    assertThat(webapps.path("secret").asText()).isEqualTo("${JOSPAR_WEBAPPS_CLIENT_SECRET}");
    assertThat(texts(webapps.path("redirectUris"))).containsExactly("${JOSPAR_BASE_URL:http://localhost:8080}/*");
    assertThat(texts(webapps.path("webOrigins"))).containsExactly("+");
    assertThat(webapps.path("attributes").path("post.logout.redirect.uris").asText())
        .isEqualTo("${JOSPAR_BASE_URL:http://localhost:8080}/*");
    assertThat(webapps.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
    assertTokenMappers(webapps);

    JsonNode api = clients.get("jospar-api");
    assertFlows(api, false, false, false, false, false);
    assertThat(api.has("bearerOnly")).isFalse();
    assertThat(api.has("secret")).isFalse();
    assertThat(api.has("protocolMappers")).isFalse();

    JsonNode cli = clients.get("jospar-cli");
    assertFlows(cli, true, false, false, false, false);
    assertThat(cli.path("attributes").path(KeycloakRealmGenerator.DEVICE_GRANT).asText()).isEqualTo("true");
    assertThat(cli.has("secret")).isFalse();
    assertTokenMappers(cli);

    JsonNode identity = clients.get("camunda-identity-service");
    assertFlows(identity, false, false, true, false, true);
    assertThat(identity.path("clientAuthenticatorType").asText()).isEqualTo("client-secret");
    assertThat(identity.path("secret").asText()).isEqualTo("${JOSPAR_IDENTITY_CLIENT_SECRET}");

    assertThat(clients.values()).allSatisfy(c -> {
      assertThat(c.path("enabled").asBoolean()).isTrue();
      assertThat(c.path("protocol").asText()).isEqualTo("openid-connect");
    });
  }

  @Test
  void onlyTheConfidentialIdentityServiceClientHasThePasswordGrant() {
    // given the clients of the committed realm
    List<JsonNode> clients = new ArrayList<>();
    realm.path("clients").forEach(clients::add);

    // when we look for the password grant (directAccessGrantsEnabled)
    List<String> withPasswordGrant = clients.stream().filter(c -> c.path("directAccessGrantsEnabled").asBoolean(false))
        .map(c -> c.path("clientId").asText()).toList();
    List<String> publicWithPasswordGrant = clients.stream()
        .filter(c -> c.path("publicClient").asBoolean(false) && c.path("directAccessGrantsEnabled").asBoolean(false))
        .map(c -> c.path("clientId").asText()).toList();

    // then no public client has it, and only the identity plugin's client (keycloak/README.md says why)
    assertThat(publicWithPasswordGrant).as("public clients with the password grant").isEmpty();
    assertThat(withPasswordGrant).containsExactly(KeycloakRealmGenerator.IDENTITY_CLIENT);
    JsonNode identity = clients.stream().filter(c -> c.path("clientId").asText().equals(KeycloakRealmGenerator.IDENTITY_CLIENT))
        .findFirst().orElseThrow();
    assertThat(identity.path("publicClient").asBoolean(true)).isFalse();
    assertThat(identity.path("clientAuthenticatorType").asText()).isEqualTo("client-secret");
  }

  private static void assertFlows(JsonNode client, boolean publicClient, boolean standard, boolean directAccessGrants,
      boolean implicit, boolean serviceAccounts) {
    String id = client.path("clientId").asText();
    assertThat(client.path("publicClient").asBoolean(!publicClient)).as("%s publicClient", id).isEqualTo(publicClient);
    assertThat(client.path("standardFlowEnabled").asBoolean(!standard)).as("%s standardFlowEnabled", id).isEqualTo(standard);
    assertThat(client.path("directAccessGrantsEnabled").asBoolean(!directAccessGrants)).as("%s directAccessGrantsEnabled", id)
        .isEqualTo(directAccessGrants);
    assertThat(client.path("implicitFlowEnabled").asBoolean(!implicit)).as("%s implicitFlowEnabled", id).isEqualTo(implicit);
    assertThat(client.path("serviceAccountsEnabled").asBoolean(!serviceAccounts)).as("%s serviceAccountsEnabled", id)
        .isEqualTo(serviceAccounts);
  }

  private static void assertTokenMappers(JsonNode client) {
    JsonNode mappers = client.path("protocolMappers");
    assertThat(mappers).hasSize(2);
    JsonNode groups = StreamSupport.stream(mappers.spliterator(), false)
        .filter(m -> m.path("protocolMapper").asText().equals("oidc-group-membership-mapper")).findFirst().orElseThrow();
    assertThat(groups.path("config").path("claim.name").asText()).isEqualTo("groups");
    assertThat(groups.path("config").path("full.path").asText()).isEqualTo("false");
    assertThat(groups.path("config").path("id.token.claim").asText()).isEqualTo("true");
    assertThat(groups.path("config").path("access.token.claim").asText()).isEqualTo("true");
    assertThat(groups.path("config").path("userinfo.token.claim").asText()).isEqualTo("true");
    JsonNode audience = StreamSupport.stream(mappers.spliterator(), false)
        .filter(m -> m.path("protocolMapper").asText().equals("oidc-audience-mapper")).findFirst().orElseThrow();
    assertThat(audience.path("config").path("included.client.audience").asText()).isEqualTo("jospar-api");
    assertThat(audience.path("config").path("access.token.claim").asText()).isEqualTo("true");
    assertThat(audience.path("config").path("id.token.claim").asText()).isEqualTo("false");
  }

  private static Map<String, JsonNode> groupsByName() {
    Map<String, JsonNode> groups = new HashMap<>();
    realm.path("groups").forEach(g -> groups.put(g.path("name").asText(), g));
    return groups;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
