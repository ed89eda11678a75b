package kz.jospar.cluster;

import static kz.jospar.support.Steps.step;
import static kz.jospar.cluster.PlanLoad.count;
import static kz.jospar.support.JarNode.CLUSTER_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import kz.jospar.support.EmbeddedPostgresSupport;
import kz.jospar.support.JarNode;
import kz.jospar.support.Steps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * PostgreSQL restarted under load: Jospar answers 503 while it is away (quickly, with a reason),
 * recovers by itself, and loses nothing it acknowledged. Then the README's backup and restore:
 * pg_dump of the live database, pg_restore into a fresh one, every process, task, document and
 * report found again, and a node on the restored database carrying on.
 */
class PostgresOperationsIT {

  /** Its nodes' logs: target/cluster-it/PostgresOperationsIT/node-a-1.log, … (a directory per class: classes may run side by side). */
  static final Path LOGS = CLUSTER_LOGS.resolve("PostgresOperationsIT");

  static final Path DATA = Path.of("target", "pg-operations-it");
  static int port;
  static EmbeddedPostgres server;
  static JdbcTemplate db;
  static JarNode node;
  static final List<PlanLoad.Opened> opened = new ArrayList<>();

  record Submission(String taskId, String cycle, String body) {}

  static EmbeddedPostgres startServer() throws IOException {
    // the same data directory and port every time: a restart, not a new server
    return EmbeddedPostgres.builder().setDataDirectory(DATA.resolve("data")).setCleanDataDirectory(false).setPort(port).start();
  }

  static String url(String database) {
    return "jdbc:postgresql://localhost:" + port + "/" + database;
  }

  @BeforeAll
  static void start() throws Exception {
    FileSystemUtils.deleteRecursively(DATA);
    Files.createDirectories(DATA);
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    server = startServer();
    new JdbcTemplate(server.getPostgresDatabase()).execute("CREATE DATABASE jospar");
    EmbeddedPostgresSupport.upgradeSchema(url("jospar"));
    db = new JdbcTemplate(new DriverManagerDataSource(url("jospar"), "postgres", "postgres"));
    node = new JarNode("node-a", url("jospar"), LOGS, Map.of()).start().awaitReady(Duration.ofMinutes(3));
  }

  /**
   * A PostgreSQL restart under load, then a dump of what it left restored into a fresh database: the restore
   * checks the load's data, so they are steps of one test, in order.
   */
  @TestFactory
  Stream<DynamicTest> aRestartUnderLoadThenARestoreOfWhatItLeft() {
    return Steps.inOrder(
        step("a postgres restart under load gets 5 0 3s then recovers and loses nothing acknowledged", this::aPostgresRestartUnderLoadGets503sThenRecoversAndLosesNothingAcknowledged),
        step("a dump restored into a fresh database has every process task document and report", this::aDumpRestoredIntoAFreshDatabaseHasEveryProcessTaskDocumentAndReport));
  }

  @AfterAll
  static void stop() throws IOException {
    if (node != null) {
      node.close();
    }
    if (server != null) {
      server.close();
    }
  }

  void aPostgresRestartUnderLoadGets503sThenRecoversAndLosesNothingAcknowledged() throws Exception {
    OffsetDateTime dueAt = OffsetDateTime.now(ZoneOffset.UTC).plusDays(20).withNano(0);
    List<PlanLoad.Period> periods = PlanLoad.periods(node, 2022, 2026);
    assertThat(periods).hasSizeGreaterThan(100);
    opened.addAll(PlanLoad.openUntil(List.of(node), periods, 400, dueAt));
    assertThat(opened).isNotEmpty();
    List<Submission> tasks = new ArrayList<>(db.query("select t.ID_, r.cycle_key, r.body_code from ACT_RU_TASK t "
        + "join jospar_body_report r on r.process_instance_id = t.PROC_INST_ID_ where t.TASK_DEF_KEY_ = 'Task_SubmitReport'",
        (rs, n) -> new Submission(rs.getString(1), rs.getString(2), rs.getString(3))));
    Collections.shuffle(tasks);
    ConcurrentLinkedQueue<Submission> work = new ConcurrentLinkedQueue<>(tasks);

    List<Submission> acknowledged = Collections.synchronizedList(new ArrayList<>());
    Map<Integer, Integer> answers = new ConcurrentHashMap<>();
    AtomicLong slowest = new AtomicLong();
    AtomicLong acknowledgedAfterRestart = new AtomicLong();
    AtomicBoolean restarted = new AtomicBoolean();
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService clients = Executors.newFixedThreadPool(3);
    for (int c = 0; c < 3; c++) {
      clients.submit(() -> {
        Submission s;
        while (!done.get() && (s = work.poll()) != null) {
          long started = System.nanoTime();
          int status;
          try {
            status = PlanLoad.submit(node, s.body(), s.taskId());
          } catch (IOException e) {
            status = -1;
          }
          slowest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
          answers.merge(status, 1, Integer::sum);
          if (status == 204) {
            acknowledged.add(s);
            if (restarted.get()) {
              acknowledgedAfterRestart.incrementAndGet();
            }
          } else if (status == 503) {
            work.add(s); // the official tries again later
          }
          JarNode.sleep(50);
        }
      });
    }

    JarNode.sleep(4000);
    server.close();
    Instant down = Instant.now();
    System.out.println("PostgreSQL stopped after " + acknowledged.size() + " acknowledged submissions");
    JarNode.sleep(2000);
    // while it is away: a clear 503 with a reason, from the engine REST API, Jospar's API and the probe
    HttpResponse<String> engineApi = node.get("/engine-rest/task?candidateGroup=akimat-turkistan", "akimat-turkistan.official");
    assertThat(engineApi.statusCode()).isEqualTo(503);
    assertThat(engineApi.headers().firstValue("Retry-After")).contains("30");
    assertThat(engineApi.body()).contains("\"type\":\"DatabaseUnavailable\"", "The database is unavailable at the moment")
        .doesNotContain("Exception", "at org.");
    HttpResponse<String> josparApi = node.get("/api/plan/status?year=2022", "coordinator");
    assertThat(josparApi.statusCode()).isEqualTo(503);
    assertThat(josparApi.body()).contains("DatabaseUnavailable").doesNotContain("at org.");
    assertThat(node.get("/actuator/health/readiness", null).statusCode()).isEqualTo(503);
    assertThat(node.get("/actuator/health/liveness", null).statusCode()).as("alive: no restart needed").isEqualTo(200);
    JarNode.sleep(6000);

    server = startServer();
    restarted.set(true);
    System.out.printf("PostgreSQL back after %.1f s%n", Duration.between(down, Instant.now()).toMillis() / 1000.0);
    Instant until = Instant.now().plus(Duration.ofSeconds(60));
    while (node.get("/actuator/health/readiness", null).statusCode() != 200 && Instant.now().isBefore(until)) {
      JarNode.sleep(500);
    }
    assertThat(node.get("/actuator/health/readiness", null).statusCode()).as("ready again by itself").isEqualTo(200);
    until = Instant.now().plus(Duration.ofSeconds(60));
    while (acknowledgedAfterRestart.get() < 20 && Instant.now().isBefore(until)) {
      JarNode.sleep(500);
    }
    done.set(true);
    clients.shutdown();
    assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
    System.out.printf("load: %d acknowledged (%d after the restart); answers by status %s; slowest request %d ms%n",
        acknowledged.size(), acknowledgedAfterRestart.get(), answers, slowest.get());

    assertThat(acknowledgedAfterRestart.get()).as("submissions accepted after the restart").isGreaterThanOrEqualTo(20);
    assertThat(answers.keySet()).as("answers: success, 503, or 409 when a retried submission had in fact been saved")
        .isSubsetOf(204, 503, 409, 404);
    assertThat(answers.get(503)).as("503s during the outage").isPositive();
    assertThat(slowest.get()).as("no request hangs: the pool gives up after 5 s").isLessThan(15_000);
    // on one connection: the DriverManagerDataSource opens one per query, a second or more for a thousand reports
    JdbcTemplate check = new JdbcTemplate(new SingleConnectionDataSource(url("jospar"), "postgres", "postgres", true));
    for (Submission s : acknowledged) {
      assertThat(check.queryForObject("select state from jospar_body_report where cycle_key = ? and body_code = ?", String.class,
          s.cycle(), s.body())).as("%s/%s", s.cycle(), s.body()).isEqualTo("submitted");
      assertThat(count(check, "select count(*) from jospar_report_event where cycle_key = ? and body_code = ? and event = 'SUBMITTED'",
          s.cycle(), s.body())).isOne();
    }
    ((SingleConnectionDataSource) check.getDataSource()).destroy();
    // a 503 at the very commit leaves the caller unsure; such a report may be there too, but never twice
    assertThat(count(db, "select count(*) from jospar_body_report where state = 'submitted'"))
        .isBetween((long) acknowledged.size(), (long) acknowledged.size() + answers.getOrDefault(503, 0));
    assertThat(count(db, "select count(*) from (select cycle_key, body_code from jospar_report_event where event = 'SUBMITTED' "
        + "group by cycle_key, body_code having count(*) > 1) d")).isZero();

    // the job executor came back too: a period opened now has its (already due) reminders sent
    PlanLoad.Opened late = PlanLoad.openUntil(List.of(node), periods.subList(opened.size(), periods.size()), 1,
        OffsetDateTime.now(ZoneOffset.UTC).plusDays(1)).get(0);
    opened.add(late);
    until = Instant.now().plus(Duration.ofSeconds(60));
    while (count(db, "select count(*) from jospar_report_event where cycle_key = ? and event = 'REMINDED'", late.cycleKey()) == 0
        && Instant.now().isBefore(until)) {
      JarNode.sleep(500);
    }
    assertThat(count(db, "select count(*) from jospar_report_event where cycle_key = ? and event = 'REMINDED'", late.cycleKey()))
        .isPositive();
    assertThat(count(db, "select count(*) from ACT_RU_INCIDENT")).isZero();
  }

  static final List<String> TABLES = List.of("ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_JOB", "ACT_RU_VARIABLE", "ACT_RU_IDENTITYLINK",
      "ACT_GE_BYTEARRAY", "ACT_RE_PROCDEF", "ACT_ID_USER", "ACT_ID_MEMBERSHIP", "ACT_RU_AUTHORIZATION", "ACT_HI_PROCINST",
      "ACT_HI_TASKINST", "ACT_HI_ACTINST", "ACT_HI_VARINST", "jospar_cycle", "jospar_body_report", "jospar_report_event",
      "jospar_schema_history");

  void aDumpRestoredIntoAFreshDatabaseHasEveryProcessTaskDocumentAndReport() throws Exception {
    // quiet first, as the runbook says: the node is stopped so the dump is of a still database
    node.stop();
    Path dump = DATA.resolve("jospar.dump");
    run(List.of(tool("pg_dump"), "--format=custom", "--host=localhost", "--port=" + port, "--username=postgres", "--dbname=jospar",
        "--file=" + dump));
    // as the README says: the restored database belongs to the application's own role, not to a superuser
    JdbcTemplate admin = new JdbcTemplate(server.getPostgresDatabase());
    admin.execute("CREATE ROLE jospar LOGIN PASSWORD 'restore-test'");
    admin.execute("CREATE DATABASE jospar_restored OWNER jospar");
    run(List.of(tool("pg_restore"), "--host=localhost", "--port=" + port, "--username=postgres", "--dbname=jospar_restored",
        "--no-owner", "--role=jospar", "--exit-on-error", dump.toString()));
    JdbcTemplate restored = new JdbcTemplate(new DriverManagerDataSource(url("jospar_restored"), "jospar", "restore-test"));

    for (String table : TABLES) {
      assertThat(count(restored, "select count(*) from " + table)).as(table).isEqualTo(count(db, "select count(*) from " + table))
          .isPositive();
    }
    String fingerprint = "select md5(string_agg(cycle_key || body_code || state || coalesce(report_text, '') || "
        + "coalesce(process_instance_id, ''), ',' order by cycle_key, body_code)) from jospar_body_report";
    assertThat(restored.queryForObject(fingerprint, String.class)).isEqualTo(db.queryForObject(fingerprint, String.class));
    String tasks = "select md5(string_agg(ID_ || PROC_INST_ID_ || TASK_DEF_KEY_, ',' order by ID_)) from ACT_RU_TASK";
    assertThat(restored.queryForObject(tasks, String.class)).isEqualTo(db.queryForObject(tasks, String.class));

    // a node on the restored database carries on where the old one stopped
    JarNode again = new JarNode("node-restored", url("jospar_restored"), LOGS, Map.of("JOSPAR_DB_USER", "jospar",
        "JOSPAR_DB_PASSWORD", "restore-test")).start().awaitReady(Duration.ofMinutes(3));
    try {
      Map<String, Object> submitted = restored.queryForMap("select t.ID_ as task, r.body_code as body from ACT_RU_TASK t "
          + "join jospar_body_report r on r.process_instance_id = t.PROC_INST_ID_ "
          + "where t.TASK_DEF_KEY_ = 'Task_ReviewBySupervisor' order by t.ID_ limit 1");
      String supervisor = submitted.get("body") + ".supervisor";
      HttpResponse<String> document = again.get("/engine-rest/task/" + submitted.get("task") + "/variables/reportDocument/data", supervisor);
      assertThat(document.statusCode()).isEqualTo(200);
      assertThat(document.body()).isEqualTo("%PDF-1.4 report");
      assertThat(again.post("/engine-rest/task/" + submitted.get("task") + "/claim", supervisor, Map.of("userId", supervisor))
          .statusCode()).isEqualTo(204);
      assertThat(again.post("/engine-rest/task/" + submitted.get("task") + "/complete", supervisor,
          Map.of("variables", Map.of("approved", Map.of("value", true, "type", "Boolean")))).statusCode()).isEqualTo(204);

      Map<String, Object> open = restored.queryForMap("select t.ID_ as task, r.body_code as body from ACT_RU_TASK t "
          + "join jospar_body_report r on r.process_instance_id = t.PROC_INST_ID_ where t.TASK_DEF_KEY_ = 'Task_SubmitReport' "
          + "order by t.ID_ limit 1");
      assertThat(PlanLoad.submit(again, (String) open.get("body"), (String) open.get("task"))).isEqualTo(204);
      assertThat(count(restored, "select count(*) from jospar_body_report where state = 'approved'")).isOne();
    } finally {
      again.close();
    }
  }

  /**
   * pg_dump and pg_restore from the PATH or Debian's PostgreSQL (postgresql-client); refuses clearly when there is
   * none.
   */
  static String tool(String name) throws IOException {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      candidates.add(Path.of(dir, name));
    }
    if (Files.isDirectory(Path.of("/usr/lib/postgresql"))) {
      try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
        versions.sorted(Collections.reverseOrder()).forEach(v -> candidates.add(v.resolve("bin").resolve(name)));
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst().map(Path::toString).orElseThrow(() -> new IllegalStateException(
        name + " not found: install PostgreSQL's client tools (Debian: apt-get install postgresql-client); .ci/run does"));
  }

  static void run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", "postgres");
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
  }
}
