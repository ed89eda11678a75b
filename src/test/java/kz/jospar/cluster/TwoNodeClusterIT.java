package kz.jospar.cluster;

import static kz.jospar.support.Steps.step;
import static kz.jospar.cluster.PlanLoad.count;
import static kz.jospar.support.JarNode.CLUSTER_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
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

/**
 * Two identical nodes, each its own JVM from the packaged jar, both running the job executor on one
 * real PostgreSQL: a burst of at least 2,000 deadlines due at the same moment escalates every
 * overdue report exactly once, with both nodes doing the work; and two nodes racing to open the same
 * period open it once.
 */
class TwoNodeClusterIT {

  /** Its nodes' logs: target/cluster-it/TwoNodeClusterIT/node-a-1.log, … (a directory per class: classes may run side by side). */
  static final Path LOGS = CLUSTER_LOGS.resolve("TwoNodeClusterIT");

  static final int BURST = 2_000;
  static final String DEADLINE_JOBS = "JOB_DEF_ID_ in (select ID_ from ACT_RU_JOBDEF where ACT_ID_ = 'BoundaryEvent_DeadlinePassed')";
  static JarNode a;
  static JarNode b;
  static JdbcTemplate db;
  static List<PlanLoad.Period> periods;
  static int used;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    String url = EmbeddedPostgresSupport.newDatabase("jospar_cluster");
    EmbeddedPostgresSupport.upgradeSchema(url);
    db = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", "postgres"));
    // one after the other only so that the demo people are created once; production nodes have none to create
    a = new JarNode("node-a", url, LOGS, Map.of()).start().awaitReady(Duration.ofMinutes(3));
    b = new JarNode("node-b", url, LOGS, Map.of()).start().awaitReady(Duration.ofMinutes(3));
    periods = PlanLoad.periods(a, 2022, 2026);
  }

  /**
   * Two nodes on one database: a burst of deadlines, then races to open the periods the burst left unopened. The
   * burst counts every report in the database and the race takes the periods after the burst's, so they are steps
   * of one test, in order.
   */
  @TestFactory
  Stream<DynamicTest> twoNodesOnOneDatabase() {
    return Steps.inOrder(
        step("a burst of deadlines escalates every overdue report exactly once on both nodes", this::aBurstOfDeadlinesEscalatesEveryOverdueReportExactlyOnceOnBothNodes),
        step("two nodes racing to open the period open it once", this::twoNodesRacingToOpenThePeriodOpenItOnce));
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

  void aBurstOfDeadlinesEscalatesEveryOverdueReportExactlyOnceOnBothNodes() throws Exception {
    // Every report's deadline is the same moment. The deadline timers are held (as an administrator
    // can in Cockpit) while the periods open, so that on any machine, however slow to open 2,000
    // reports, all of them are due and released at once.
    PlanLoad.suspendTimer(a, "BoundaryEvent_DeadlinePassed", true);
    OffsetDateTime dueAt = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(5).withNano(0);
    List<PlanLoad.Opened> opened = PlanLoad.openUntil(List.of(a, b), periods, BURST, dueAt);
    used = opened.size();
    // the reports waiting for their body (some items start their bodies' reports later, after a
    // step of the lead body): each has one held deadline job, all due at the same moment
    int reports = (int) count(db, "select count(*) from ACT_RU_TASK where TASK_DEF_KEY_ = 'Task_SubmitReport'");
    int expected = (int) count(db, "select count(*) from ACT_RU_TASK t join jospar_body_report r on r.process_instance_id = "
        + "t.PROC_INST_ID_ where t.TASK_DEF_KEY_ = 'Task_SubmitReport' and not r.by_agreement");
    assertThat(expected).isGreaterThanOrEqualTo(BURST);
    assertThat(count(db, "select count(*) from ACT_RU_JOB where " + DEADLINE_JOBS + " and SUSPENSION_STATE_ = 2")).isEqualTo(reports);
    assertThat(count(db, "select count(*) from ACT_RU_JOB where " + DEADLINE_JOBS)).isEqualTo(reports);
    assertThat(count(db, "select count(distinct DUEDATE_) from ACT_RU_JOB where " + DEADLINE_JOBS)).isOne();
    while (Instant.now().isBefore(dueAt.toInstant())) {
      JarNode.sleep(200);
    }

    Instant released = Instant.now();
    PlanLoad.suspendTimer(a, "BoundaryEvent_DeadlinePassed", false);
    Instant deadline = released.plus(Duration.ofMinutes(6));
    while (count(db, "select count(*) from ACT_RU_JOB where " + DEADLINE_JOBS + "") > 0
        && Instant.now().isBefore(deadline)) {
      JarNode.sleep(500);
    }
    Duration took = Duration.between(released, Instant.now());
    System.out.printf("burst: %d deadlines (%d escalating) over %d periods, all done in %.1f s on two nodes%n", reports, expected,
        opened.size(), took.toMillis() / 1000.0);

    assertThat(count(db, "select count(*) from ACT_RU_JOB where " + DEADLINE_JOBS + ""))
        .as("deadline jobs left after 6 minutes").isZero();
    // exactly once: one escalation record, one escalation task, level 1 on the report, per overdue report
    assertThat(count(db, "select count(*) from jospar_report_event where event = 'ESCALATED_1'")).isEqualTo(expected);
    assertThat(count(db, "select count(*) from (select distinct cycle_key, body_code from jospar_report_event "
        + "where event = 'ESCALATED_1') e")).isEqualTo(expected);
    assertThat(count(db, "select count(*) from ACT_RU_TASK where TASK_DEF_KEY_ = 'Task_ActOnOverdueLevel1'")).isEqualTo(expected);
    assertThat(count(db, "select count(*) from (select PROC_INST_ID_ from ACT_RU_TASK where TASK_DEF_KEY_ = 'Task_ActOnOverdueLevel1' "
        + "group by PROC_INST_ID_ having count(*) > 1) d")).isZero();
    assertThat(count(db, "select count(*) from jospar_body_report where escalation_level = 1")).isEqualTo(expected);
    assertThat(count(db, "select count(*) from ACT_RU_INCIDENT")).isZero();

    // both nodes took part: the job log names the node that ran each deadline job
    List<Map<String, Object>> byNode = db.queryForList("select HOSTNAME_ as node, count(*) as jobs from ACT_HI_JOB_LOG "
        + "where ACT_ID_ = 'BoundaryEvent_DeadlinePassed' and JOB_STATE_ = 2 group by HOSTNAME_ order by HOSTNAME_");
    System.out.println("deadline jobs by node: " + byNode);
    assertThat(byNode).extracting(r -> r.get("node")).containsExactly("node-a", "node-b");
    assertThat(byNode.stream().mapToLong(r -> ((Number) r.get("jobs")).longValue()).sum()).isEqualTo(reports);
    // each node did a real share (measured: 48-50 % each in three runs with the configured acquisition of 4 and queue of 16)
    assertThat(byNode).allSatisfy(r -> assertThat(((Number) r.get("jobs")).longValue()).isGreaterThan(reports / 5));
  }

  void twoNodesRacingToOpenThePeriodOpenItOnce() throws Exception {
    OffsetDateTime dueAt = OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).withNano(0);
    List<PlanLoad.Period> contested = periods.subList(used, used + 10);
    for (PlanLoad.Period p : contested) {
      CyclicBarrier together = new CyclicBarrier(2);
      List<CompletableFuture<PlanLoad.Opened>> race = new ArrayList<>();
      for (JarNode node : List.of(a, b)) {
        race.add(CompletableFuture.supplyAsync(() -> {
          try {
            together.await();
            return PlanLoad.open(node, p, dueAt);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }));
      }
      List<PlanLoad.Opened> results = race.stream().map(CompletableFuture::join).toList();
      assertThat(results.stream().filter(r -> r != null).count()).as("openings of %s", p).isOne();
      PlanLoad.Opened winner = results.stream().filter(r -> r != null).findFirst().orElseThrow();
      String cycle = winner.cycleKey();
      assertThat(count(db, "select count(*) from jospar_cycle where cycle_key = ?", cycle)).isOne();
      assertThat(count(db, "select count(*) from ACT_RU_EXECUTION where BUSINESS_KEY_ = ? and PARENT_ID_ is null "
          + "and SUPER_EXEC_ is null", cycle)).isOne();
      assertThat(count(db, "select count(*) from jospar_body_report where cycle_key = ?", cycle)).isEqualTo(winner.reports());
      // at most one report task per body (items whose bodies start after a lead step have none yet)
      assertThat(count(db, "select count(*) from (select r.body_code from ACT_RU_TASK t join jospar_body_report r "
          + "on r.process_instance_id = t.PROC_INST_ID_ where r.cycle_key = ? and t.TASK_DEF_KEY_ = 'Task_SubmitReport' "
          + "group by r.body_code having count(*) > 1) d", cycle)).isZero();
      assertThat(count(db, "select count(*) from jospar_report_event where cycle_key = ? and event = 'OPENED'", cycle)).isOne();
    }
  }
}
