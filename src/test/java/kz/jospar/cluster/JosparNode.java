package kz.jospar.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Jospar node as production runs it: the packaged jar ({@code java -jar target/jospar-*.jar})
 * in its own process, on the postgres profile, with its own node id and port. The demo people are
 * added (demo profile, allowed on PostgreSQL only here) so the tests can act as officials and
 * supervisors. {@link #kill()} is {@code kill -9}.
 */
final class JosparNode implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  static final Path LOGS = Path.of("target", "cluster-it");

  final String id;
  final int port;
  private final Map<String, String> env;
  private Process process;
  private int starts;

  JosparNode(String id, String databaseUrl, Map<String, String> extraEnv) {
    this.id = id;
    this.port = freePort();
    this.env = new HashMap<>();
    env.put("JOSPAR_DB_URL", databaseUrl);
    env.put("JOSPAR_DB_USER", "postgres");
    env.put("JOSPAR_DB_PASSWORD", "postgres");
    env.putAll(extraEnv);
    env.put("JOSPAR_NODE_ID", id);
    env.put("JOSPAR_PORT", String.valueOf(port));
    env.put("SPRING_PROFILES_ACTIVE", "demo,postgres");
  }

  static Path jar() {
    try (var files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("jospar-.*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no target/jospar-*.jar: these tests run after 'package' (./mvnw verify)"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JosparNode start() {
    try {
      Files.createDirectories(LOGS);
      starts++;
      Path log = LOGS.resolve(id + "-" + starts + ".log");
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Duser.timezone=Asia/Almaty", "-jar", jar().toString(),
          "--jospar.demo.allow-any-database=true"));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(env);
      process = builder.start();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node " + id, e);
    }
  }

  /** Waits until readiness is UP (database, engine, job executor). */
  JosparNode awaitReady(Duration timeout) {
    Instant until = Instant.now().plus(timeout);
    while (Instant.now().isBefore(until)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("node " + id + " exited with " + process.exitValue() + "; see " + LOGS.resolve(id + "-" + starts + ".log"));
      }
      try {
        if (get("/actuator/health/readiness", null).statusCode() == 200) {
          return this;
        }
      } catch (IOException e) {
        // not listening yet
      }
      sleep(500);
    }
    throw new IllegalStateException("node " + id + " not ready after " + timeout);
  }

  /** kill -9: no shutdown hook, no connection closed, jobs left locked. */
  void kill() {
    process.destroyForcibly();
    waitFor();
  }

  void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      waitFor();
    }
  }

  private void waitFor() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  HttpResponse<String> get(String path, String user) throws IOException {
    return send(request(path, user).GET().build());
  }

  HttpResponse<String> post(String path, String user, Object body) throws IOException {
    return send(request(path, user).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
  }

  HttpResponse<String> send(String method, String path, String user, Object body) throws IOException {
    return send(request(path, user).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
  }

  private HttpRequest.Builder request(String path, String user) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (user != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }
    return b;
  }

  private static HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
