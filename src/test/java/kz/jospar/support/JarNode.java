package kz.jospar.support;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One Jospar node as production runs it: the packaged jar ({@code java -jar target/jospar-*.jar}) in its own process,
 * with its own node id and port, on PostgreSQL. The demo people are added (demo profile, allowed on PostgreSQL only
 * here) so that tests can act as officials and supervisors. The one helper that starts nodes from the jar, for the
 * production tests (two nodes, {@code kill -9}, backup and restore) and for the benchmark.
 */
public final class JarNode implements AutoCloseable {

  public static final ObjectMapper JSON = new ObjectMapper();
  /** Where the production tests keep each node's log. */
  public static final Path CLUSTER_LOGS = Path.of("target", "cluster-it");
  /** The production tests' JVM: small and quick to start. */
  public static final List<String> TEST_JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-Duser.timezone=Asia/Almaty");
  /** Production's JVM options (deploy/jospar.service), for the benchmark. */
  public static final List<String> PRODUCTION_JVM = List.of("-Xms512m", "-Xmx1g", "-XX:+ExitOnOutOfMemoryError", "-Duser.timezone=Asia/Almaty");

  public final String id;
  public final int port;
  private final Path logs;
  private final Map<String, String> env = new HashMap<>();
  private final List<String> jvm = new ArrayList<>(TEST_JVM);
  private final List<String> arguments = new ArrayList<>(List.of("--jospar.demo.allow-any-database=true"));
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
  private final Map<String, String> authHeaders = new ConcurrentHashMap<>();
  private Process process;
  private int starts;
  private long startedAt;
  /** How long the last start took, from the process's start until readiness answered 200. */
  public long startupMillis;

  /** A node on the database, its log in {@code logs}; {@code extraEnv} wins over the defaults but not the node's id and port. */
  public JarNode(String id, String databaseUrl, Path logs, Map<String, String> extraEnv) {
    this.id = id;
    this.port = freePort();
    this.logs = logs;
    env.put("JOSPAR_DB_URL", databaseUrl);
    env.put("JOSPAR_DB_USER", "postgres");
    env.put("JOSPAR_DB_PASSWORD", "postgres");
    env.put("SPRING_PROFILES_ACTIVE", "demo,postgres");
    env.putAll(extraEnv);
    env.put("JOSPAR_NODE_ID", id);
    env.put("JOSPAR_PORT", String.valueOf(port));
  }

  /** The JVM's options instead of {@link #TEST_JVM}. */
  public JarNode jvm(List<String> options) {
    jvm.clear();
    jvm.addAll(options);
    return this;
  }

  /** More command-line arguments for the application. */
  public JarNode arguments(List<String> more) {
    arguments.addAll(more);
    return this;
  }

  public static Path jar() {
    try (var files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("jospar-.*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no target/jospar-*.jar: these run after 'package' (./mvnw verify, or bench/run)"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the process; {@link #awaitReady} waits for it. Each start has its own log, {@code <id>-<n>.log}. */
  public JarNode start() {
    try {
      Files.createDirectories(logs);
      starts++;
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvm);
      command.addAll(List.of("-jar", jar().toString()));
      command.addAll(arguments);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log().toFile());
      builder.environment().putAll(env);
      startedAt = System.nanoTime();
      process = builder.start();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node " + id, e);
    }
  }

  public Path log() {
    return logs.resolve(id + "-" + starts + ".log");
  }

  /** Waits until readiness is UP (database, engine, job executor), and records how long the start took. */
  public JarNode awaitReady(Duration timeout) {
    long until = startedAt + timeout.toNanos();
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        throw new IllegalStateException("node " + id + " exited with " + process.exitValue() + "; see " + log());
      }
      try {
        if (get("/actuator/health/readiness", null).statusCode() == 200) {
          startupMillis = (System.nanoTime() - startedAt) / 1_000_000;
          return this;
        }
      } catch (IOException e) {
        // not listening yet
      }
      sleep(100);
    }
    throw new IllegalStateException("node " + id + " not ready after " + timeout + "; see " + log());
  }

  /** kill -9: no shutdown hook, no connection closed, jobs left locked. */
  public void kill() {
    process.destroyForcibly();
    waitFor();
  }

  public void stop() {
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

  public long pid() {
    return process.pid();
  }

  /** Resident memory of the node's JVM in MB (VmRSS), -1 when gone. */
  public long rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException e) {
      // gone
    }
    return -1;
  }

  /** CPU time (user + system) the node's JVM has used, in ms (from /proc/<pid>/stat, 100 ticks a second). */
  public long cpuMillis() {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  public URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  /** As a demo person ({@code user}, password demo) over HTTP Basic, or anonymously when {@code user} is null. */
  public HttpResponse<String> get(String path, String user) throws IOException {
    return send(request(path, user).GET().build());
  }

  public HttpResponse<String> post(String path, String user, Object body) throws IOException {
    return send(request(path, user).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
  }

  public HttpResponse<String> send(String method, String path, String user, Object body) throws IOException {
    return send(request(path, user).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
  }

  private HttpRequest.Builder request(String path, String user) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
    if (user != null) {
      b.header("Authorization", authHeaders.computeIfAbsent(user,
          u -> "Basic " + Base64.getEncoder().encodeToString((u + ":demo").getBytes(StandardCharsets.UTF_8))));
    }
    return b;
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  public static void sleep(long millis) {
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
