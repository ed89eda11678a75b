package kz.jospar.identity;

import kz.jospar.access.Roles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kz.jospar.catalog.Body;
import kz.jospar.catalog.CatalogLoader;
import kz.jospar.catalog.PlanCatalog;
import org.springframework.core.io.ClassPathResource;

/**
 * Builds Jospar's Keycloak realm ({@code keycloak/jospar-realm.json}) and its demo people
 * ({@code keycloak/demo/jospar-users-0.json}) from the real catalog, deterministically: the same
 * catalog gives the same bytes. {@link KeycloakRealmTest} fails when the committed files differ from
 * what this class generates, and rewrites them with
 * {@code ./mvnw test -Dtest=KeycloakRealmTest -Djospar.keycloak.regenerate=true}.
 *
 * <p>The realm's design: one top-level group per body (named exactly its code), one per body's
 * supervisors ({@code <code>-supervisors}), and one per role ({@code official}, {@code supervisor},
 * {@code coordinator}, {@code auditor}, {@code camunda-admin}) that carries the realm role of the same
 * meaning, so membership in a role group gives the role. The same names are Jospar's Camunda group ids.
 */
public final class KeycloakRealmGenerator {

  public static final String REALM = "jospar";
  public static final Path REALM_FILE = Path.of("keycloak", "jospar-realm.json");
  public static final Path DEMO_USERS_FILE = Path.of("keycloak", "demo", "jospar-users-0.json");

  /** The web client: Camunda's webapps and Jospar's pages, authorization code flow with PKCE. */
  public static final String WEBAPPS_CLIENT = "jospar-webapps";
  /** The API's audience: every Jospar token carries it in {@code aud}. */
  public static final String API_CLIENT = "jospar-api";
  /** Public client of command-line tools: the device authorization grant (log in in a browser), never the password grant. */
  public static final String CLI_CLIENT = "jospar-cli";
  /** The Camunda Keycloak identity plugin's client (service account + password checks). */
  public static final String IDENTITY_CLIENT = "camunda-identity-service";
  /** Prometheus's scrape client: client credentials, its service account in the monitoring group. */
  public static final String PROMETHEUS_CLIENT = "jospar-prometheus";
  /** The people import's client (java -jar jospar.jar people import): manages the realm's users, nothing else. */
  public static final String PEOPLE_CLIENT = "jospar-people";

  /** Keycloak's client attribute that enables the OAuth 2.0 device authorization grant. */
  public static final String DEVICE_GRANT = "oauth2.device.authorization.grant.enabled";

  public static final String BASE_URL = "${JOSPAR_BASE_URL:http://localhost:8080}";
  public static final String WEBAPPS_SECRET = "${JOSPAR_WEBAPPS_CLIENT_SECRET}";
  public static final String IDENTITY_SECRET = "${JOSPAR_IDENTITY_CLIENT_SECRET}";
  public static final String PROMETHEUS_SECRET = "${JOSPAR_PROMETHEUS_CLIENT_SECRET}";
  public static final String PEOPLE_SECRET = "${JOSPAR_PEOPLE_CLIENT_SECRET}";

  /** The realm roles, each carried by the role group of {@link #ROLE_GROUPS} at the same index. */
  static final List<String[]> REALM_ROLES = List.of(
      new String[] {"official", "Official of a responsible body: sees the body's tasks and reports for it"},
      new String[] {"supervisor", "Supervisor in a responsible body: approves or returns the body's reports"},
      new String[] {"coordinator", "Plan coordinator: accepts or returns reports, opens periods, sees the whole plan"},
      new String[] {"auditor", "Auditor: reads everything, changes nothing"},
      new String[] {"admin", "Administrator: deploys, configures, restores (Camunda's camunda-admin group)"},
      new String[] {"monitoring", "Monitoring service account: scrapes /actuator/prometheus, reads health details"});

  /** Role group → realm role. */
  static final List<String[]> ROLE_GROUPS = List.of(
      new String[] {Roles.OFFICIAL, "official"},
      new String[] {Roles.SUPERVISOR, "supervisor"},
      new String[] {Roles.COORDINATOR, "coordinator"},
      new String[] {Roles.AUDITOR, "auditor"},
      new String[] {Roles.ADMIN, "admin"},
      new String[] {Roles.MONITORING, "monitoring"});

  static final List<String> IDENTITY_SERVICE_ROLES = List.of("query-groups", "query-users", "view-users");
  static final List<String> PEOPLE_ROLES = List.of("manage-users", "query-groups", "query-users", "view-users");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private KeycloakRealmGenerator() {}

  /** The real catalog, as Jospar loads it. */
  public static PlanCatalog catalog() {
    return CatalogLoader.load(new ClassPathResource("catalog/bodies.yaml"), new ClassPathResource("catalog/plan-2022-2026.yaml"));
  }

  public static String realmJson(PlanCatalog catalog) {
    return print(realm(catalog));
  }

  public static String demoUsersJson(PlanCatalog catalog) {
    return print(demoUsers(catalog));
  }

  /** Writes both files under {@code root} (the repository's root). */
  public static void write(Path root, PlanCatalog catalog) {
    writeFile(root.resolve(REALM_FILE), realmJson(catalog));
    writeFile(root.resolve(DEMO_USERS_FILE), demoUsersJson(catalog));
  }

  public static void main(String[] args) {
    write(Path.of(args.length > 0 ? args[0] : "."), catalog());
  }

  // ---------------------------------------------------------------------------------------------

  static ObjectNode realm(PlanCatalog catalog) {
    ObjectNode realm = MAPPER.createObjectNode();
    realm.put("realm", REALM);
    realm.put("displayName", "Jospar");
    realm.put("enabled", true);
    realm.put("sslRequired", "external");
    realm.put("registrationAllowed", false);
    realm.put("resetPasswordAllowed", false);
    realm.put("rememberMe", false);
    realm.put("loginWithEmailAllowed", true);
    realm.put("duplicateEmailsAllowed", false);
    realm.put("bruteForceProtected", true);
    realm.put("permanentLockout", false);
    realm.put("internationalizationEnabled", true);
    array(realm, "supportedLocales", "kk", "ru", "en");
    realm.put("defaultLocale", "ru");

    ArrayNode roles = realm.putObject("roles").putArray("realm");
    for (String[] role : REALM_ROLES) {
      ObjectNode r = roles.addObject();
      r.put("name", role[0]);
      r.put("description", role[1]);
    }

    ArrayNode groups = realm.putArray("groups");
    List<Body> leaves = catalog.bodies().leaves();
    for (Body body : leaves) {
      ObjectNode group = group(groups, body.code());
      ObjectNode attributes = group.putObject("attributes");
      array(attributes, "type", Roles.BODY_TYPE);
      array(attributes, "kind", body.kind().code());
      array(attributes, "name_kk", body.name().kk());
      array(attributes, "name_ru", body.name().ru());
      array(attributes, "name_en", body.name().en());
    }
    for (Body body : leaves) {
      ObjectNode group = group(groups, Roles.supervisorsOf(body.code()));
      ObjectNode attributes = group.putObject("attributes");
      array(attributes, "type", Roles.BODY_SUPERVISORS_TYPE);
      array(attributes, "body", body.code());
    }
    for (String[] roleGroup : ROLE_GROUPS) {
      ObjectNode group = group(groups, roleGroup[0]);
      array(group.putObject("attributes"), "type", Roles.TYPE);
      array(group, "realmRoles", roleGroup[1]);
    }

    ArrayNode clients = realm.putArray("clients");
    webappsClient(clients.addObject());
    apiClient(clients.addObject());
    cliClient(clients.addObject());
    identityClient(clients.addObject());
    serviceClient(clients.addObject(), PROMETHEUS_CLIENT, "Prometheus",
        "Prometheus scrapes /actuator/prometheus with a token of this client (client credentials); its account is in monitoring",
        PROMETHEUS_SECRET);
    serviceClient(clients.addObject(), PEOPLE_CLIENT, "Jospar people import",
        "java -jar jospar.jar people import: creates and updates the realm's people and their groups", PEOPLE_SECRET);

    // The realm holds no person: only the service accounts and their rights.
    ArrayNode users = realm.putArray("users");
    ObjectNode serviceAccount = users.addObject();
    serviceAccount.put("username", "service-account-" + IDENTITY_CLIENT);
    serviceAccount.put("enabled", true);
    serviceAccount.put("serviceAccountClientId", IDENTITY_CLIENT);
    array(serviceAccount.putObject("clientRoles"), "realm-management", IDENTITY_SERVICE_ROLES.toArray(String[]::new));
    ObjectNode prometheus = users.addObject();
    prometheus.put("username", "service-account-" + PROMETHEUS_CLIENT);
    prometheus.put("enabled", true);
    prometheus.put("serviceAccountClientId", PROMETHEUS_CLIENT);
    array(prometheus, "groups", "/" + Roles.MONITORING);
    ObjectNode people = users.addObject();
    people.put("username", "service-account-" + PEOPLE_CLIENT);
    people.put("enabled", true);
    people.put("serviceAccountClientId", PEOPLE_CLIENT);
    array(people.putObject("clientRoles"), "realm-management", PEOPLE_ROLES.toArray(String[]::new));
    return realm;
  }

  static ObjectNode demoUsers(PlanCatalog catalog) {
    ObjectNode file = MAPPER.createObjectNode();
    file.put("realm", REALM);
    ArrayNode users = file.putArray("users");
    for (DemoIdentities.DemoUser demo : DemoIdentities.users(catalog)) {
      ObjectNode user = users.addObject();
      user.put("username", demo.id());
      user.put("enabled", true);
      user.put("emailVerified", true);
      user.put("email", demo.id() + "@demo.jospar.kz");
      user.put("firstName", demo.firstName());
      user.put("lastName", demo.lastName());
      array(user.putObject("attributes"), "locale", "kk");
      ObjectNode password = user.putArray("credentials").addObject();
      password.put("type", "password");
      password.put("value", "demo");
      password.put("temporary", false);
      array(user, "groups", demo.groups().stream().map(g -> "/" + g).toArray(String[]::new));
    }
    return file;
  }

  private static ObjectNode group(ArrayNode groups, String name) {
    ObjectNode group = groups.addObject();
    group.put("name", name);
    group.put("path", "/" + name);
    return group;
  }

  private static void webappsClient(ObjectNode client) {
    client(client, WEBAPPS_CLIENT, "Jospar", "Camunda's webapps and Jospar's pages: log in through the browser (authorization code with PKCE)");
    confidential(client, WEBAPPS_SECRET);
    flows(client, true, false, false, false);
    array(client, "redirectUris", BASE_URL + "/*");
    array(client, "webOrigins", "+");
    ObjectNode attributes = client.putObject("attributes");
    attributes.put("post.logout.redirect.uris", BASE_URL + "/*");
    attributes.put("pkce.code.challenge.method", "S256");
    tokenMappers(client);
  }

  private static void apiClient(ObjectNode client) {
    client(client, API_CLIENT, "Jospar API", "The audience of Jospar's APIs: no one logs in with it; every Jospar token names it in aud");
    client.put("publicClient", false);
    client.put("clientAuthenticatorType", "client-secret");
    flows(client, false, false, false, false);
  }

  private static void cliClient(ObjectNode client) {
    client(client, CLI_CLIENT, "Jospar command line", "Command-line tools: device authorization grant, public client");
    client.put("publicClient", true);
    // a public client has no secret, so a password grant on it would let anyone try passwords past the login page
    flows(client, false, false, false, false);
    client.putObject("attributes").put(DEVICE_GRANT, "true");
    tokenMappers(client);
  }

  private static void identityClient(ObjectNode client) {
    client(client, IDENTITY_CLIENT, "Camunda identity service",
        "The Camunda Keycloak identity plugin: reads users and groups with its service account, checks passwords with the password grant");
    confidential(client, IDENTITY_SECRET);
    flows(client, false, true, false, true);
  }

  private static void serviceClient(ObjectNode client, String clientId, String name, String description, String secret) {
    client(client, clientId, name, description);
    confidential(client, secret);
    flows(client, false, false, false, true);
    tokenMappers(client);
  }

  private static void client(ObjectNode client, String clientId, String name, String description) {
    client.put("clientId", clientId);
    client.put("name", name);
    client.put("description", description);
    client.put("enabled", true);
    client.put("protocol", "openid-connect");
  }

  private static void confidential(ObjectNode client, String secret) {
    client.put("publicClient", false);
    client.put("clientAuthenticatorType", "client-secret");
    client.put("secret", secret);
  }

  private static void flows(ObjectNode client, boolean standard, boolean directAccessGrants, boolean implicit, boolean serviceAccounts) {
    client.put("standardFlowEnabled", standard);
    client.put("directAccessGrantsEnabled", directAccessGrants);
    client.put("implicitFlowEnabled", implicit);
    client.put("serviceAccountsEnabled", serviceAccounts);
  }

  /** The {@code groups} claim (group names, no path) and {@code jospar-api} in {@code aud}. */
  private static void tokenMappers(ObjectNode client) {
    ArrayNode mappers = client.putArray("protocolMappers");
    ObjectNode groups = mappers.addObject();
    groups.put("name", "groups");
    groups.put("protocol", "openid-connect");
    groups.put("protocolMapper", "oidc-group-membership-mapper");
    groups.put("consentRequired", false);
    ObjectNode groupsConfig = groups.putObject("config");
    groupsConfig.put("claim.name", "groups");
    groupsConfig.put("full.path", "false");
    groupsConfig.put("id.token.claim", "true");
    groupsConfig.put("access.token.claim", "true");
    groupsConfig.put("userinfo.token.claim", "true");

    ObjectNode audience = mappers.addObject();
    audience.put("name", "audience " + API_CLIENT);
    audience.put("protocol", "openid-connect");
    audience.put("protocolMapper", "oidc-audience-mapper");
    audience.put("consentRequired", false);
    ObjectNode audienceConfig = audience.putObject("config");
    audienceConfig.put("included.client.audience", API_CLIENT);
    audienceConfig.put("access.token.claim", "true");
    audienceConfig.put("id.token.claim", "false");
  }

  private static void array(ObjectNode node, String field, String... values) {
    ArrayNode array = node.putArray(field);
    for (String value : values) {
      array.add(value);
    }
  }

  /** Pretty-printed with a 2-space indent, {@code "key": value}, LF line ends, a trailing newline. */
  static String print(JsonNode node) {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
    try {
      return MAPPER.writer(printer).writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeFile(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
