package kz.jospar.cluster;

import static kz.jospar.cluster.PlanLoad.count;
import static kz.jospar.support.JarNode.CLUSTER_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import kz.jospar.support.EmbeddedPostgresSupport;
import kz.jospar.support.JarNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * kill -9 in the middle of a load of submissions and escalations, three times in one run, on two
 * nodes; then the invariants: every submission answered with success is there, nothing is doubled,
 * every open report has exactly one report task, no job is stuck (the dead node's locks expire and
 * its jobs run elsewhere), no incident, and the processes go on.
 */
class CrashRecoveryIT {

  /** Its nodes' logs: target/cluster-it/CrashRecoveryIT/node-a-1.log, … (a directory per class: classes may run side by side). */
  static final Path LOGS = CLUSTER_LOGS.resolve("CrashRecoveryIT");

  static final ZoneId NODE_ZONE = ZoneId.of("Asia/Almaty");
  static final int KILLS = 3;
  static final String REPORT_TASKS = "('Task_SubmitReport', 'Task_ReviewBySupervisor', 'Task_ReviewByCoordinator')";

  static JarNode a;
  static JarNode b;
  static JdbcTemplate db;

  record Submission(String taskId, String cycle, String body) {}

  @BeforeAll
  static void startTwoNodes() throws Exception {
    String url = EmbeddedPostgresSupport.newDatabase("jospar_crash");
    EmbeddedPostgresSupport.upgradeSchema(url);
    // one connection for the test's own checks (the database is never restarted here): a DriverManagerDataSource
    // would open one per query, minutes for the thousands of checks after the load
    db = new JdbcTemplate(new SingleConnectionDataSource(url, "postgres", "postgres", true));
    // a short lock so that the test need not wait the production 5 minutes for a dead node's jobs
    Map<String, String> env = Map.of("JOSPAR_JOB_LOCK_TIME_MS", "10000");
    a = new JarNode("node-a", url, LOGS, env).start().awaitReady(Duration.ofMinutes(3));
    b = new JarNode("node-b", url, LOGS, env).start().awaitReady(Duration.ofMinutes(3));
  }

  @AfterAll
  static void stopNodes() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  @Test
  void killNineUnderLoadLosesNothingDoublesNothingAndLeavesNoJobStuck() throws Exception {
    PlanLoad.suspendTimer(a, "BoundaryEvent_DeadlinePassed", true);
    OffsetDateTime dueAt = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(5).withNano(0);
    PlanLoad.openUntil(List.of(a, b), PlanLoad.periods(a, 2022, 2026), 1500, dueAt);
    ConcurrentLinkedQueue<Submission> work = new ConcurrentLinkedQueue<>(db.query(
        "select t.ID_, r.cycle_key, r.body_code from ACT_RU_TASK t join jospar_body_report r on r.process_instance_id = t.PROC_INST_ID_ "
            + "where t.TASK_DEF_KEY_ = 'Task_SubmitReport'", (rs, n) -> new Submission(rs.getString(1), rs.getString(2), rs.getString(3))));
    List<Submission> shuffled = new ArrayList<>(work);
    Collections.shuffle(shuffled);
    work.clear();
    work.addAll(shuffled);
    while (Instant.now().isBefore(dueAt.toInstant())) {
      JarNode.sleep(200);
    }
    // the deadlines fall due while the officials submit: escalations and submissions race on the same reports
    PlanLoad.suspendTimer(a, "BoundaryEvent_DeadlinePassed", false);

    List<Submission> acknowledged = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failed = new AtomicInteger();
    Map<Integer, Integer> answers = new java.util.concurrent.ConcurrentHashMap<>();
    AtomicBoolean chaosDone = new AtomicBoolean();
    List<JarNode> nodes = List.of(a, b);
    ExecutorService clients = Executors.newFixedThreadPool(4);
    for (int c = 0; c < 4; c++) {
      int client = c;
      clients.submit(() -> {
        int i = client;
        Submission s;
        while (!chaosDone.get() && (s = work.poll()) != null) {
          JarNode node = nodes.get(i++ % 2);
          int status;
          try {
            status = PlanLoad.submit(node, s.body(), s.taskId());
          } catch (IOException e) {
            // no answer (the node is down, or died under the request): the official tries the other
            // node, as a load balancer would; a submission already done is then refused, not doubled
            try {
              status = PlanLoad.submit(node == a ? b : a, s.body(), s.taskId());
            } catch (IOException again) {
              status = -1;
            }
          }
          answers.merge(status, 1, Integer::sum);
          if (status == 204) {
            acknowledged.add(s);
          } else {
            failed.incrementAndGet();
          }
          JarNode.sleep(60);
        }
      });
    }
    for (int kill = 1; kill <= KILLS; kill++) {
      JarNode.sleep(5000);
      JarNode victim = kill % 2 == 1 ? a : b;
      long before = acknowledged.size();
      victim.kill();
      System.out.printf("kill -9 #%d: %s after %d acknowledged submissions%n", kill, victim.id, before);
      JarNode.sleep(1500);
      victim.start().awaitReady(Duration.ofMinutes(3));
    }
    JarNode.sleep(3000);
    chaosDone.set(true);
    clients.shutdown();
    assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
    System.out.printf("load: %d submissions acknowledged, %d failed or unanswered, %d not tried; answers by status: %s%n",
        acknowledged.size(), failed.get(), work.size(), answers);
    assertThat(acknowledged).hasSizeGreaterThan(100);
    // what a person may see under all this: success, a refusal of an already-done task, or "changed at the same moment"
    assertThat(answers.keySet()).isSubsetOf(204, 404, 409, 500, -1);
    assertThat(answers.getOrDefault(500, 0)).as("server errors (a conflict must be 409)").isZero();

    // no job stuck: the killed nodes' locks expire (10 s here) and every due job runs
    Instant until = Instant.now().plus(Duration.ofMinutes(3));
    while (dueJobs() > 0 && Instant.now().isBefore(until)) {
      JarNode.sleep(1000);
    }
    assertThat(dueJobs()).as("due jobs still waiting 3 minutes after the last kill").isZero();
    assertThat(count(db, "select count(*) from ACT_RU_JOB where LOCK_EXP_TIME_ is not null and LOCK_EXP_TIME_ < ?", nodeNow()))
        .as("jobs with an expired lock").isZero();
    assertThat(count(db, "select count(*) from ACT_RU_INCIDENT")).isZero();
    assertThat(count(db, "select count(*) from ACT_RU_JOB where EXCEPTION_MSG_ is not null")).as("jobs waiting to retry a failure")
        .isZero();

    // every acknowledged submission is there, once
    for (Submission s : acknowledged) {
      assertThat(db.queryForObject("select state from jospar_body_report where cycle_key = ? and body_code = ?", String.class,
          s.cycle(), s.body())).as("state of %s/%s", s.cycle(), s.body()).isEqualTo("submitted");
      assertThat(count(db, "select count(*) from jospar_report_event where cycle_key = ? and body_code = ? and event = 'SUBMITTED'",
          s.cycle(), s.body())).isOne();
      assertThat(count(db, "select count(*) from ACT_HI_TASKINST where ID_ = ? and END_TIME_ is not null", s.taskId())).isOne();
    }
    // nothing doubled anywhere
    assertThat(count(db, "select count(*) from (select cycle_key, body_code, event from jospar_report_event where event in "
        + "('SUBMITTED', 'ESCALATED_1', 'OPENED') group by cycle_key, body_code, event having count(*) > 1) d")).isZero();
    assertThat(count(db, "select count(*) from (select PROC_INST_ID_, TASK_DEF_KEY_ from ACT_RU_TASK group by PROC_INST_ID_, "
        + "TASK_DEF_KEY_ having count(*) > 1) d")).isZero();
    // every open report has exactly one report task, in the step its state says
    // (an item that starts its bodies' reports after a lead step has no instance for them yet)
    assertThat(count(db, "select count(*) from jospar_body_report r where r.state in ('open', 'submitted') "
        + "and r.process_instance_id is not null and (select count(*) "
        + "from ACT_RU_TASK t where t.PROC_INST_ID_ = r.process_instance_id and t.TASK_DEF_KEY_ in " + REPORT_TASKS + ") <> 1"))
        .isZero();
    assertThat(count(db, "select count(*) from jospar_body_report r join ACT_RU_TASK t on t.PROC_INST_ID_ = r.process_instance_id "
        + "where (r.state = 'open' and t.TASK_DEF_KEY_ = 'Task_ReviewBySupervisor') "
        + "or (r.state = 'submitted' and t.TASK_DEF_KEY_ = 'Task_SubmitReport')")).isZero();
    // every report still waiting at its deadline was escalated, once
    assertThat(count(db, "select count(*) from jospar_body_report r where r.state = 'open' and not r.by_agreement "
        + "and r.process_instance_id is not null and r.escalation_level <> 1")).isZero();

    // and the processes go on: supervisors approve reports submitted under the kills
    for (Submission s : acknowledged.subList(0, 5)) {
      String review = db.queryForObject("select t.ID_ from ACT_RU_TASK t join jospar_body_report r on r.process_instance_id = "
          + "t.PROC_INST_ID_ where r.cycle_key = ? and r.body_code = ? and t.TASK_DEF_KEY_ = 'Task_ReviewBySupervisor'", String.class,
          s.cycle(), s.body());
      String supervisor = s.body() + ".supervisor";
      assertThat(b.post("/engine-rest/task/" + review + "/claim", supervisor, Map.of("userId", supervisor)).statusCode()).isEqualTo(204);
      assertThat(b.post("/engine-rest/task/" + review + "/complete", supervisor,
          Map.of("variables", Map.of("approved", Map.of("value", true, "type", "Boolean")))).statusCode()).isEqualTo(204);
      assertThat(db.queryForObject("select state from jospar_body_report where cycle_key = ? and body_code = ?", String.class,
          s.cycle(), s.body())).isEqualTo("approved");
    }
  }

  static LocalDateTime nodeNow() {
    return LocalDateTime.now(NODE_ZONE);
  }

  static long dueJobs() {
    return count(db, "select count(*) from ACT_RU_JOB where RETRIES_ > 0 and SUSPENSION_STATE_ = 1 and DUEDATE_ <= ?", nodeNow());
  }
}
