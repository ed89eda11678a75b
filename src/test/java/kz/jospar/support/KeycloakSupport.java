package kz.jospar.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real Keycloak server with Jospar's realm and its demo people, started once per test JVM (on
 * first use) from the Keycloak distribution that the build unpacks into
 * {@code target/keycloak/keycloak-26.4.7} (unpacked here from the local Maven repository when the
 * build has not). No Docker.
 *
 * <p>Every start is fresh: the realm is imported from the committed {@code keycloak/jospar-realm.json}
 * and {@code keycloak/demo/jospar-users-0.json} (which {@code KeycloakRealmTest} keeps equal to what
 * the catalog generates) into an in-memory database, with a random bootstrap-admin password and
 * random client secrets, on a free port of 127.0.0.1. The server's output goes to
 * {@code target/keycloak-test-<pid of the test JVM>.log} (test JVMs run side by side). A shutdown hook stops it with the JVM.
 *
 * <pre>{@code
 * static final KeycloakSupport keycloak = KeycloakSupport.server();
 * keycloak.token("akimat-turkistan.official", "demo");   // an access token (password grant, test-only client jospar-tests)
 * keycloak.issuer();                                      // http://127.0.0.1:<port>/realms/jospar
 * }</pre>
 */
public final class KeycloakSupport {

  public static final String VERSION = "26.4.7";
  public static final String REALM = "jospar";
  /** The public client of command-line tools: device authorization grant, no password grant. */
  public static final String CLI_CLIENT = "jospar-cli";
  /**
   * A confidential client with the password grant that exists only in the test server (added over the
   * admin API, never in the committed realm): the tests log people in without a browser.
   */
  public static final String TEST_CLIENT = "jospar-tests";
  public static final String WEBAPPS_CLIENT = "jospar-webapps";
  public static final String IDENTITY_CLIENT = "camunda-identity-service";
  /** Every Jospar access token names it in {@code aud}. */
  public static final String API_AUDIENCE = "jospar-api";
  public static final String BOOTSTRAP_ADMIN = "admin";

  static final Path DISTRIBUTION = Path.of("target", "keycloak", "keycloak-" + VERSION);
  static final Path REALM_FILE = Path.of("keycloak", "jospar-realm.json");
  static final Path DEMO_USERS_FILE = Path.of("keycloak", "demo", "jospar-users-0.json");
  static final Path LOG = Path.of("target", "keycloak-test-" + ProcessHandle.current().pid() + ".log");
  static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static KeycloakSupport server;

  private final Path home;
  private final String url;
  private final String adminPassword = randomHex(16);
  private final String webappsSecret = randomHex(16);
  private final String identitySecret = randomHex(16);
  private final String testClientSecret = randomHex(16);
  private final String prometheusSecret = randomHex(16);
  private final String peopleSecret = randomHex(16);
  private Process process;
  private String adminToken;
  private long adminTokenUntil;
  private boolean testClientAdded;
  private boolean shortLivedClientAdded;

  private KeycloakSupport(Path home, int port) {
    this.home = home;
    this.url = "http://127.0.0.1:" + port;
  }

  /** The server of this test JVM, started on first use. */
  public static synchronized KeycloakSupport server() {
    if (server == null) {
      Path home = distribution();
      try {
        KeycloakSupport starting = new KeycloakSupport(home, freePort());
        starting.start();
        server = starting;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start Keycloak from " + home, e);
      }
    }
    return server;
  }

  /** Points Jospar's {@code keycloak} profile at this JVM's server, through the variables production uses. */
  public static void register(DynamicPropertyRegistry registry) {
    registry.add("JOSPAR_KEYCLOAK_URL", () -> server().url());
    registry.add("JOSPAR_KEYCLOAK_REALM", () -> REALM);
    registry.add("JOSPAR_WEBAPPS_CLIENT_SECRET", () -> server().webappsClientSecret());
    registry.add("JOSPAR_IDENTITY_CLIENT_SECRET", () -> server().identityClientSecret());
  }

  /** The base URL, {@code http://127.0.0.1:<port>} (Jospar's {@code JOSPAR_KEYCLOAK_URL}). */
  public String url() {
    return url;
  }

  /** The realm's issuer, exactly as in the tokens' {@code iss}. */
  public String issuer() {
    return url + "/realms/" + REALM;
  }

  public String tokenEndpoint() {
    return issuer() + "/protocol/openid-connect/token";
  }

  /** The secret of {@code jospar-webapps} (Jospar's {@code JOSPAR_WEBAPPS_CLIENT_SECRET}). */
  public String webappsClientSecret() {
    return webappsSecret;
  }

  /** The secret of {@code jospar-prometheus}, the scrape client. */
  public String prometheusClientSecret() {
    return prometheusSecret;
  }

  /** The secret of {@code jospar-people} (the people import's {@code JOSPAR_PEOPLE_CLIENT_SECRET}). */
  public String peopleClientSecret() {
    return peopleSecret;
  }

  /** The secret of {@code camunda-identity-service} (Jospar's {@code JOSPAR_IDENTITY_CLIENT_SECRET}). */
  public String identityClientSecret() {
    return identitySecret;
  }

  /** The bootstrap administrator's password (user {@value #BOOTSTRAP_ADMIN}, realm {@code master}). */
  public String adminPassword() {
    return adminPassword;
  }

  /** The access token of a user (password grant on the test-only {@value #TEST_CLIENT}); throws with Keycloak's answer when refused. */
  public String token(String user, String password) {
    return field(tokenResponse(user, password), "access_token");
  }

  /** The token endpoint's whole JSON answer (access, refresh and ID token) for a user's password grant on {@value #TEST_CLIENT}. */
  public String tokenResponse(String user, String password) {
    return passwordGrant(testClient(), user, password);
  }

  /** A client's own token (client credentials grant), e.g. the identity service's: it has no {@code jospar-api} audience. */
  public String clientCredentialsToken(String clientId, String secret) {
    return field(post(tokenEndpoint(), Map.of(
        "grant_type", "client_credentials",
        "client_id", clientId,
        "client_secret", secret), "client token for " + clientId), "access_token");
  }

  /**
   * A user's access token that expires one second after it is issued: the same claims as
   * {@link #token}'s (groups, {@code jospar-api} audience), from a client {@code jospar-tests-short-lived}
   * that this method adds to the realm on first use.
   */
  public synchronized String shortLivedToken(String user, String password) {
    String clientId = TEST_CLIENT + "-short-lived";
    if (!shortLivedClientAdded) {
      addTestClient(clientId, "Jospar tests: one-second tokens", "1");
      shortLivedClientAdded = true;
    }
    return field(passwordGrant(clientId, user, password), "access_token");
  }

  /** {@value #TEST_CLIENT}, added to this server's realm on first use. */
  private synchronized String testClient() {
    if (!testClientAdded) {
      addTestClient(TEST_CLIENT, "Jospar tests: password grant", null);
      testClientAdded = true;
    }
    return TEST_CLIENT;
  }

  /**
   * A confidential client with the password grant and the token mappers of {@value #CLI_CLIENT} (groups,
   * {@code jospar-api} audience), so its tokens carry what a person's tokens carry in production.
   */
  private void addTestClient(String clientId, String name, String accessTokenLifespan) {
    try {
      String admin = adminToken();
      JsonNode cli = JSON.readTree(adminGet(admin, "/clients?clientId=" + CLI_CLIENT)).get(0);
      ObjectNode client = JSON.createObjectNode();
      client.put("clientId", clientId);
      client.put("name", name);
      client.put("enabled", true);
      client.put("protocol", "openid-connect");
      client.put("publicClient", false);
      client.put("clientAuthenticatorType", "client-secret");
      client.put("secret", testClientSecret);
      client.put("standardFlowEnabled", false);
      client.put("directAccessGrantsEnabled", true);
      client.put("implicitFlowEnabled", false);
      client.put("serviceAccountsEnabled", false);
      if (accessTokenLifespan != null) {
        client.withObject("/attributes").put("access.token.lifespan", accessTokenLifespan);
      }
      ArrayNode mappers = client.putArray("protocolMappers");
      cli.path("protocolMappers").forEach(m -> {
        ObjectNode copy = m.deepCopy();
        copy.remove("id");
        mappers.add(copy);
      });
      adminSend(admin, "POST", "/clients", client, "create client " + clientId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds a person to the realm with a password and in no group (a valid login with no body and no
   * role); returns the user's Keycloak id. An existing user of that name gets the password.
   */
  public String createUser(String username, String password) {
    try {
      String admin = adminToken();
      ObjectNode user = JSON.createObjectNode();
      user.put("username", username);
      user.put("enabled", true);
      user.put("emailVerified", true);
      user.put("email", username + "@test.jospar.kz");
      user.put("firstName", "Test");
      user.put("lastName", username);
      ObjectNode credential = user.putArray("credentials").addObject();
      credential.put("type", "password");
      credential.put("value", password);
      credential.put("temporary", false);
      HttpResponse<String> created = HTTP.send(adminRequest(admin, "/users")
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(user))).build(), HttpResponse.BodyHandlers.ofString());
      if (created.statusCode() == 201) {
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
      }
      if (created.statusCode() == 409) {
        String id = JSON.readTree(adminGet(admin, "/users?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)))
            .get(0).get("id").asText();
        adminSend(admin, "PUT", "/users/" + id + "/reset-password", credential, "set the password of " + username);
        return id;
      }
      throw new IllegalStateException("Keycloak refused to create user " + username + ": HTTP " + created.statusCode() + " " + created.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** An access token of the bootstrap administrator (realm {@code master}, client {@code admin-cli}). */
  public synchronized String adminToken() {
    // kept 30 s (it lives 60 s): each new one is a password grant, whose hashing costs Keycloak a good part of a second
    if (adminToken == null || System.nanoTime() > adminTokenUntil) {
      adminToken = field(post(url + "/realms/master/protocol/openid-connect/token", Map.of(
          "grant_type", "password",
          "client_id", "admin-cli",
          "username", BOOTSTRAP_ADMIN,
          "password", adminPassword), "admin token"), "access_token");
      adminTokenUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    }
    return adminToken;
  }

  /**
   * Lets {@code jospar-webapps} redirect back (after login and after logout) to a Jospar started on
   * {@code baseUrl}, e.g. {@code http://localhost:54321}: a random port known only after the realm
   * was imported with its default {@code http://localhost:8080/*}.
   */
  public synchronized void allowRedirectsTo(String baseUrl) {
    try {
      String admin = adminToken();
      ObjectNode client = (ObjectNode) JSON.readTree(adminGet(admin, "/clients?clientId=" + WEBAPPS_CLIENT)).get(0);
      String pattern = baseUrl.replaceAll("/+$", "") + "/*";
      ArrayNode redirects = client.withArray("redirectUris");
      boolean known = false;
      for (JsonNode redirect : redirects) {
        known |= redirect.asText().equals(pattern);
      }
      if (known) {
        return;
      }
      redirects.add(pattern);
      ObjectNode attributes = client.withObject("/attributes");
      String logout = attributes.path("post.logout.redirect.uris").asText("");
      attributes.put("post.logout.redirect.uris", logout.isEmpty() ? pattern : logout + "##" + pattern);
      adminSend(admin, "PUT", "/clients/" + client.get("id").asText(), client, "update client " + WEBAPPS_CLIENT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String passwordGrant(String clientId, String user, String password) {
    return post(tokenEndpoint(), Map.of(
        "grant_type", "password",
        "client_id", clientId,
        "client_secret", testClientSecret,
        "username", user,
        "password", password,
        "scope", "openid"), "token for " + user + " (client " + clientId + ")");
  }

  private HttpRequest.Builder adminRequest(String adminToken, String path) {
    return HttpRequest.newBuilder(URI.create(url + "/admin/realms/" + REALM + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + adminToken);
  }

  private String adminGet(String adminToken, String path) {
    return send(adminRequest(adminToken, path).GET().build(), "GET " + path);
  }

  private String adminSend(String adminToken, String method, String path, JsonNode body, String what) throws IOException {
    return send(adminRequest(adminToken, path).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), what);
  }

  // ---------------------------------------------------------------------------------------------

  private void start() throws IOException {
    long started = System.nanoTime();
    Files.createDirectories(LOG.toAbsolutePath().getParent());
    // One start at a time across test JVMs: the first start of a fresh distribution rewrites its lib/quarkus.
    try (FileChannel lockFile = FileChannel.open(home.getParent().resolve(".test-start.lock"),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      prepareImport(home);
      List<String> command = List.of(
          home.resolve("bin/kc.sh").toString(), "start-dev",
          "--http-host=127.0.0.1", "--http-port=" + url.substring(url.lastIndexOf(':') + 1), "--hostname=" + url,
          // a database of this start only: nothing to clean, no clash with a Keycloak of keycloak/keycloak.sh
          "--db-url=jdbc:h2:mem:jospar-test;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1",
          "--import-realm");
      ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
          .redirectOutput(LOG.toFile());
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("QUARKUS_"));
      env.put("JAVA_HOME", System.getProperty("java.home"));
      // a test server lives for minutes: the quick compiler alone starts it sooner and leaves CPU to the tests
      env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
      env.put("KC_BOOTSTRAP_ADMIN_USERNAME", BOOTSTRAP_ADMIN);
      env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
      env.put("JOSPAR_WEBAPPS_CLIENT_SECRET", webappsSecret);
      env.put("JOSPAR_IDENTITY_CLIENT_SECRET", identitySecret);
      env.put("JOSPAR_PROMETHEUS_CLIENT_SECRET", prometheusSecret);
      env.put("JOSPAR_PEOPLE_CLIENT_SECRET", peopleSecret);
      process = builder.start();
      Process kc = process;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(kc), "keycloak-stop"));
      awaitRealm(started);
    } catch (IOException | RuntimeException | Error e) {
      if (process != null) {
        stop(process);
      }
      throw e;
    }
  }

  private void awaitRealm(long started) {
    URI wellKnown = URI.create(url + "/realms/" + REALM + "/.well-known/openid-configuration");
    long deadline = started + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak stopped during its start (exit " + process.exitValue() + "); last lines of "
            + LOG + ":\n" + lastLines(50));
      }
      try {
        HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(wellKnown).timeout(Duration.ofSeconds(5)).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Keycloak", e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the realm did not answer at " + wellKnown + " within " + START_TIMEOUT.toSeconds()
            + " s; last lines of " + LOG + ":\n" + lastLines(50));
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Keycloak", e);
      }
    }
  }

  /** Writes this start's import: the committed realm and the demo people (Keycloak reads {@code <realm>-users-<n>.json}). */
  private static void prepareImport(Path home) throws IOException {
    Path root = Path.of("").toAbsolutePath();
    Path imports = home.resolve("data/import");
    Files.createDirectories(imports);
    try (Stream<Path> stale = Files.list(imports)) {
      for (Path file : stale.toList()) {
        if (!file.getFileName().toString().equals("jospar-realm.json") && !file.getFileName().toString().equals("jospar-users-0.json")) {
          deleteTree(file);
        }
      }
    }
    copyAtomically(root.resolve(REALM_FILE), imports.resolve("jospar-realm.json"));
    copyAtomically(root.resolve(DEMO_USERS_FILE), imports.resolve("jospar-users-0.json"));
  }

  private static void copyAtomically(Path from, Path to) throws IOException {
    if (!Files.exists(from)) {
      throw new IllegalStateException(from + " is missing; generate it with ./mvnw test -Dtest=KeycloakRealmTest -Djospar.keycloak.regenerate=true");
    }
    Path tmp = to.resolveSibling(".tmp-" + ProcessHandle.current().pid() + "-" + to.getFileName() + ".part");
    Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
    try {
      Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The unpacked distribution, unpacked here from the local Maven repository when the build has not done it. */
  public static Path distribution() {
    Path home = DISTRIBUTION.toAbsolutePath();
    if (Files.isExecutable(home.resolve("bin/kc.sh"))) {
      return home;
    }
    Path repository = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
    Path zip = repository.resolve("org/keycloak/keycloak-quarkus-dist/" + VERSION + "/keycloak-quarkus-dist-" + VERSION + ".zip");
    if (!Files.exists(zip)) {
      throw new IllegalStateException("no Keycloak distribution at " + home + " nor " + zip + "; fetch it with ./mvnw dependency:copy"
          + " -Dartifact=org.keycloak:keycloak-quarkus-dist:" + VERSION + ":zip -DoutputDirectory=target/keycloak"
          + " (or run keycloak/keycloak.sh start --demo once)");
    }
    try {
      Path parent = home.getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempDirectory(parent, ".unpack-");
      unzip(zip, tmp);
      try {
        Files.move(tmp.resolve("keycloak-" + VERSION), home, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
        // another test JVM unpacked it meanwhile
      }
      deleteTree(tmp);
      if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
        throw new IllegalStateException("no executable bin/kc.sh in " + home + " after unpacking " + zip);
      }
      return home;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + zip, e);
    }
  }

  private static void unzip(Path zip, Path into) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        Path target = into.resolve(entry.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IOException("zip entry outside the target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        if (target.getParent().getFileName().toString().equals("bin") && target.getFileName().toString().endsWith(".sh")) {
          Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(target);
          permissions.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
          Files.setPosixFilePermissions(target, permissions);
        }
      }
    }
  }

  private static void stop(Process kc) {
    if (!kc.isAlive()) {
      return;
    }
    // kc.sh runs java as its child: stop the java first, then the script
    List<ProcessHandle> descendants = kc.toHandle().descendants().toList();
    descendants.forEach(ProcessHandle::destroy);
    kc.destroy();
    try {
      if (!kc.waitFor(20, TimeUnit.SECONDS)) {
        descendants.forEach(ProcessHandle::destroyForcibly);
        kc.destroyForcibly();
        kc.waitFor(5, TimeUnit.SECONDS);
      }
      for (ProcessHandle descendant : descendants) {
        descendant.onExit().get(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      descendants.forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static String post(String endpoint, Map<String, String> form, String what) {
    String body = new LinkedHashMap<>(form).entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), what);
  }

  private static String send(HttpRequest request, String what) {
    try {
      HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() / 100 != 2) {
        throw new IllegalStateException("Keycloak refused the " + what + ": HTTP " + answer.statusCode() + " " + answer.body());
      }
      return answer.body();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach Keycloak at " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String field(String json, String name) {
    try {
      JsonNode value = JSON.readTree(json).get(name);
      if (value == null) {
        throw new IllegalStateException("no " + name + " in Keycloak's answer: " + json);
      }
      return value.asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  private static String lastLines(int count) {
    try {
      List<String> lines = Files.readAllLines(LOG, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + LOG + ": " + e + ")";
    }
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Decodes a JWT's payload (no signature check: for assertions in tests). */
  public static JsonNode claims(String jwt) {
    String[] parts = jwt.split("\\.");
    if (parts.length < 2) {
      throw new IllegalArgumentException("not a JWT: " + jwt);
    }
    try {
      return JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
