package kz.jospar.bench;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One Jospar node for the benchmark: the packaged jar in its own JVM with production's JVM options
 * (deploy/jospar.service: -Xms512m -Xmx1g), profiles demo,postgres (demo people on PostgreSQL, as
 * the cluster tests do), optionally the stock settings file. Start-up is timed from the process
 * start until /actuator/health/readiness answers 200.
 */
final class BenchNode implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Path LOGS = Path.of("target", "bench");
  static final List<String> JVM = List.of("-Xms512m", "-Xmx1g", "-XX:+ExitOnOutOfMemoryError", "-Duser.timezone=Asia/Almaty");

  final String id;
  final int port;
  final boolean stock;
  private final String databaseUrl;
  private final HttpClient http;
  private final Map<String, String> authHeaders = new ConcurrentHashMap<>();
  private Process process;
  long startupMillis;

  BenchNode(String id, String databaseUrl, boolean stock) {
    this.id = id;
    this.databaseUrl = databaseUrl;
    this.stock = stock;
    this.port = freePort();
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
  }

  static Path jar() {
    try (var files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("jospar-.*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no target/jospar-*.jar: run the benchmark through ./mvnw -Pbench verify (it packages first)"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  BenchNode start() {
    try {
      Files.createDirectories(LOGS);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(JVM);
      // extra JVM options for profiling, e.g. -Dbench.jvmArgs="-XX:StartFlightRecording=filename=target/bench/node.jfr,settings=profile"
      String extra = JosparBenchmark.Sizes.s("jvmArgs", "");
      if (!extra.isBlank()) {
        command.addAll(List.of(extra.replace("{node}", id).trim().split("\\s+")));
      }
      // the desk's server time is read from this timer's histogram (issue 14's target is server time)
      command.addAll(List.of("-jar", jar().toString(), "--jospar.demo.allow-any-database=true",
          "--management.metrics.distribution.percentiles-histogram.http.server.requests=true"));
      if (stock) {
        command.add("--spring.config.additional-location=file:" + Path.of("bench", "stock.yaml").toAbsolutePath());
      }
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(LOGS.resolve(id + ".log").toFile());
      builder.environment().put("JOSPAR_DB_URL", databaseUrl);
      builder.environment().put("JOSPAR_DB_USER", "postgres");
      builder.environment().put("JOSPAR_DB_PASSWORD", "postgres");
      builder.environment().put("JOSPAR_NODE_ID", id);
      builder.environment().put("JOSPAR_PORT", String.valueOf(port));
      builder.environment().put("JOSPAR_LOG_FORMAT", "ecs");
      builder.environment().put("SPRING_PROFILES_ACTIVE", "demo,postgres");
      long t0 = System.nanoTime();
      process = builder.start();
      awaitReady(t0, Duration.ofMinutes(4));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node " + id, e);
    }
  }

  private void awaitReady(long t0, Duration timeout) {
    long until = t0 + timeout.toNanos();
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        throw new IllegalStateException("node " + id + " exited with " + process.exitValue() + "; see " + LOGS.resolve(id + ".log"));
      }
      try {
        if (get("/actuator/health/readiness", null).statusCode() == 200) {
          startupMillis = (System.nanoTime() - t0) / 1_000_000;
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      sleep(100);
    }
    throw new IllegalStateException("node " + id + " not ready after " + timeout);
  }

  long pid() {
    return process.pid();
  }

  /** Resident memory of the node's JVM in MB (VmRSS). */
  long rssMb() {
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
  long cpuMillis() {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    stop();
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
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60));
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
