package kz.jospar.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kz.jospar.support.EmbeddedPostgresSupport;
import kz.jospar.support.KeycloakSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production procedure of docs/operations.md with a real Keycloak on its own PostgreSQL
 * database: keycloak/production.sh new-env, build, start; a person added with the people import;
 * a restart; the person is still there and signs in.
 */
class ProductionKeycloakIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir
  static Path dir;
  private static Path env;
  private static Path home;
  private static boolean started;

  @Test
  void aPersonAddedSurvivesARestartAndSignsIn() throws Exception {
    // Keycloak's own database and role, as the guide creates them
    String password = "kc-" + System.nanoTime();
    try (Connection c = EmbeddedPostgresSupport.server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE ROLE keycloak LOGIN PASSWORD '" + password + "'");
      s.execute("CREATE DATABASE keycloak OWNER keycloak");
    }
    int port = freePort();
    home = dir.resolve("keycloak-" + KeycloakSupport.VERSION);
    // a copy of its own: kc.sh build changes the distribution the other tests start in dev mode
    run(List.of("cp", "-r", KeycloakSupport.distribution().toAbsolutePath().toString(), home.toString()), Map.of());
    env = dir.resolve("keycloak.env");
    String written = run(List.of("keycloak/production.sh", "new-env", env.toString()), Map.of());
    settings(Files.readString(env)).forEach((name, value) -> {
      if (value.length() >= 16) {
        assertThat(written).as(name).doesNotContain(value);
      }
    });
    String text = Files.readString(env)
        .replace("KC_DB_URL=jdbc:postgresql://127.0.0.1:5432/keycloak",
            "KC_DB_URL=jdbc:postgresql://127.0.0.1:" + EmbeddedPostgresSupport.server().getPort() + "/keycloak")
        .replaceFirst("KC_DB_PASSWORD=\\w+", "KC_DB_PASSWORD=" + password)
        .replace("KC_HOSTNAME=\n", "KC_HOSTNAME=http://127.0.0.1:" + port + "\n")
        .replace("KC_HTTP_PORT=8180", "KC_HTTP_PORT=" + port)
        // the management interface (health) on a free port too
        + "KC_HTTP_MANAGEMENT_PORT=" + freePort() + "\n";
    Files.writeString(env, text);
    Map<String, String> settings = settings(text);
    Map<String, String> vars = Map.of("KEYCLOAK_ENV", env.toString(), "KC_HOME", home.toString());

    run(List.of("keycloak/production.sh", "build"), vars);
    started = true;
    String firstStart = run(List.of("keycloak/production.sh", "start"), vars);
    assertThat(firstStart).contains("Keycloak is running");
    for (String secret : List.of("JOSPAR_WEBAPPS_CLIENT_SECRET", "JOSPAR_IDENTITY_CLIENT_SECRET", "JOSPAR_PEOPLE_CLIENT_SECRET",
        "KC_DB_PASSWORD", "KC_BOOTSTRAP_ADMIN_PASSWORD")) {
      assertThat(firstStart).doesNotContain(settings.get(secret));
    }
    String url = "http://127.0.0.1:" + port;

    // a person, through the people import's own client, and a password set by an administrator
    Path list = dir.resolve("people.csv");
    Files.writeString(list, "name,email,body,role,language\nMarat Ospanov,marat.ospanov@sim.gov.kz,sim,official,ru\n");
    String imported = run(List.of("java", "-cp", System.getProperty("java.class.path"), "kz.jospar.JosparApplication", "people",
        "import", list.toString()), Map.of("SPRING_PROFILES_ACTIVE", "postgres,keycloak", "JOSPAR_KEYCLOAK_URL", url,
        "JOSPAR_PEOPLE_CLIENT_SECRET", settings.get("JOSPAR_PEOPLE_CLIENT_SECRET")));
    assertThat(imported).contains("1 created");
    String admin = token(url, "master", "admin-cli", null, settings.get("KC_BOOTSTRAP_ADMIN_USERNAME"),
        settings.get("KC_BOOTSTRAP_ADMIN_PASSWORD"));
    String id = JSON.readTree(get(url + "/admin/realms/jospar/users?exact=true&username=marat.ospanov@sim.gov.kz", admin))
        .get(0).path("id").asText();
    send("PUT", url + "/admin/realms/jospar/users/" + id + "/reset-password", admin,
        "{\"type\":\"password\",\"value\":\"Str0ng-pass\",\"temporary\":false}");

    assertThat(run(List.of("keycloak/production.sh", "stop"), vars)).contains("Keycloak stopped");
    assertThat(run(List.of("keycloak/production.sh", "start"), vars)).contains("Keycloak is running");

    String access = token(url, "jospar", "camunda-identity-service", settings.get("JOSPAR_IDENTITY_CLIENT_SECRET"),
        "marat.ospanov@sim.gov.kz", "Str0ng-pass");
    JsonNode claims = KeycloakSupport.claims(access);
    assertThat(claims.path("preferred_username").asText()).isEqualTo("marat.ospanov@sim.gov.kz");
    // and still in their body and role (the identity client's tokens carry no groups: ask the admin API)
    String adminAgain = token(url, "master", "admin-cli", null, settings.get("KC_BOOTSTRAP_ADMIN_USERNAME"),
        settings.get("KC_BOOTSTRAP_ADMIN_PASSWORD"));
    assertThat(JSON.readTree(get(url + "/admin/realms/jospar/users/" + id + "/groups", adminAgain)))
        .extracting(g -> g.path("name").asText()).containsExactlyInAnyOrder("sim", "official");
    // the realm was not imported again: the second start skipped it
    assertThat(Files.readString(home.resolve("data/jospar-keycloak.log"))).doesNotContain("Realm 'jospar' imported");

    // the scrape client's token carries the monitoring group
    String scrape = token(url, "jospar", "jospar-prometheus", settings.get("JOSPAR_PROMETHEUS_CLIENT_SECRET"), null, null);
    assertThat(KeycloakSupport.claims(scrape).path("groups")).extracting(JsonNode::asText).contains("monitoring");
    // apply-realm adds nothing that is there
    assertThat(run(List.of("keycloak/production.sh", "apply-realm"), vars)).contains("0 added");
  }

  @AfterAll
  static void stop() throws Exception {
    if (started) {
      run(List.of("keycloak/production.sh", "stop"), Map.of("KEYCLOAK_ENV", env.toString(), "KC_HOME", home.toString()));
    }
  }

  private static Map<String, String> settings(String text) {
    Map<String, String> settings = new java.util.HashMap<>();
    text.lines().filter(l -> l.matches("[A-Z_]+=.*")).forEach(l -> settings.put(l.substring(0, l.indexOf('=')),
        l.substring(l.indexOf('=') + 1)));
    return settings;
  }

  private static String token(String url, String realm, String client, String secret, String user, String password)
      throws Exception {
    StringBuilder form = new StringBuilder("client_id=" + client);
    if (secret != null) {
      form.append("&client_secret=").append(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    }
    if (user == null) {
      form.append("&grant_type=client_credentials");
    } else {
      form.append("&grant_type=password&username=").append(URLEncoder.encode(user, StandardCharsets.UTF_8))
          .append("&password=").append(URLEncoder.encode(password, StandardCharsets.UTF_8));
    }
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/realms/" + realm
        + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).path("access_token").asText();
  }

  private static String get(String url, String token) throws Exception {
    return send("GET", url, token, null);
  }

  private static String send(String method, String url, String token, String body) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode() / 100).as(method + " " + url + ": " + response.body()).isEqualTo(2);
    return response.body();
  }

  private static String run(List<String> command, Map<String, String> vars) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(vars);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    return output;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
