package kz.jospar.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;
import kz.jospar.catalog.Plans;
import kz.jospar.catalog.WorkKind;
import kz.jospar.access.Roles;
import kz.jospar.engine.SchemaUpgrade;
import kz.jospar.reporting.ReportProcess.Vars;
import kz.jospar.support.EmbeddedPostgresSupport;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 15's upgrade: a database made by the release before several plans (commit 9d68d42, the last with one model per
 * item), not by hand. That release ran a closed period of item 3 and an open period of item 4.8 whose reports wait in
 * every state (accepted, submitted, returned, approved, open), then pg_dump took it ({@code upgrade/README.md} says
 * how). This build's schema step upgrades it, and this build runs it: the release's instances finish on the release's
 * models, a new period opens on this build's model, and nothing of the history is lost.
 */
@DirtiesContext
@SpringBootTest(properties = {"camunda.bpm.job-execution.enabled=false", "jospar.demo.allow-any-database=true"})
@ActiveProfiles({"demo", "postgres"})
class ReleaseUpgradeIT {

  static final String CLOSED = "3/2026-P3of3";
  static final String OPEN = "4.8/2026-H2";
  static SchemaUpgrade.Result upgrade;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    String url = EmbeddedPostgresSupport.newDatabase("jospar_release");
    EmbeddedPostgresSupport.restore(url, "upgrade/release-9d68d42.sql.gz");
    upgrade = EmbeddedPostgresSupport.upgradeSchema(url);
    registry.add("JOSPAR_DB_URL", () -> url);
    registry.add("JOSPAR_DB_USER", () -> "postgres");
    registry.add("JOSPAR_DB_PASSWORD", () -> "postgres");
  }

  @Autowired ProcessEngine engine;
  @Autowired CycleService cycles;
  @Autowired JdbcTemplate jdbc;
  @Autowired Plans plans;
  @Autowired PlanStatus status;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theReleasesCyclesReportsAndHistoryUpgradeAndItsOpenPeriodFinishesOnItsOwnModels() {
    AbstractAssertions.init(engine);
    assertThat(upgrade.josparApplied()).as("the release had V1 to V11; this build's later migrations ran").isPositive();
    // every cycle now belongs to the 2022-2026 plan; keys, states and due dates as the release left them
    assertThat(jdbc.queryForList("SELECT cycle_key, plan_code, plan_version, state FROM jospar_cycle ORDER BY cycle_key"))
        .containsExactly(
            row("cycle_key", CLOSED, "plan_code", "qha-2022-2026", "plan_version", null, "state", "closed"),
            row("cycle_key", OPEN, "plan_code", "qha-2022-2026", "plan_version", null, "state", "open"));
    Map<String, String> states = new java.util.TreeMap<>();
    jdbc.query("SELECT body_code, state FROM jospar_body_report WHERE cycle_key = ?", rs -> {
      states.put(rs.getString(1), rs.getString(2));
    }, OPEN);
    assertThat(states).hasSize(20).containsEntry("akimat-turkistan", "accepted").containsEntry("akimat-astana", "submitted")
        .containsEntry("akimat-almaty", "returned").containsEntry("akimat-shymkent", "approved");
    assertThat(states.values()).filteredOn("open"::equals).hasSize(16);
    int eventsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM jospar_report_event", Integer.class);
    assertThat(jdbc.queryForList("SELECT reason FROM jospar_report_event WHERE cycle_key = ? AND body_code = ? AND event = 'RETURNED_BY_SUPERVISOR'",
        String.class, OPEN, "akimat-almaty")).containsExactly("the minutes are missing");
    long historyBefore = engine.getHistoryService().createHistoricProcessInstanceQuery().count();
    assertThat(status.reports(2026, null)).extracting(PlanStatus.Report::planCode).containsOnly("qha-2022-2026");

    // the open period's instances run on the release's model of item 4 and finish there, driven by this build
    ProcessInstance item = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(OPEN)
        .processDefinitionKey("PlanItem04").singleResult();
    assertThat(item).as("the release's model of item 4 still runs the open period").isNotNull();
    ProcessTestSupport walk = new ProcessTestSupport(engine, cycles);
    ProcessTestSupport.clockAt("2026-11-16T10:00:00+05:00");
    ProcessInstance almaty = walk.report(OPEN, "akimat-almaty");
    walk.acceptReportFromSubmit(almaty, "akimat-almaty");
    ProcessInstance astana = walk.report(OPEN, "akimat-astana");
    walk.complete(walk.task(astana, ReportProcess.TASK_REVIEW_BY_SUPERVISOR), "akimat-astana.supervisor", ProcessTestSupport.approve());
    walk.complete(walk.task(astana, ReportProcess.TASK_REVIEW_BY_COORDINATOR), "coordinator", ProcessTestSupport.accept());
    walk.complete(walk.task(walk.report(OPEN, "akimat-shymkent"), ReportProcess.TASK_REVIEW_BY_COORDINATOR), "coordinator",
        ProcessTestSupport.accept());
    for (Map.Entry<String, String> e : states.entrySet()) {
      if (e.getValue().equals("open")) {
        walk.acceptReport(OPEN, e.getKey(), null);
      }
    }
    String lead = cycles.leadGroup(OPEN);
    walk.complete(walk.cycleTask(OPEN, ReportProcess.TASK_CONSOLIDATE_REPORTS), Roles.COORDINATOR.equals(lead) ? "coordinator2" : lead + ".official",
        Map.of(Vars.CONSOLIDATED_SUMMARY, "every akimat reported"));
    walk.complete(walk.cycleTask(OPEN, ReportProcess.TASK_CLOSE_PERIOD), "coordinator", Map.of());
    assertThat(item).isEnded();
    assertThat(jdbc.queryForObject("SELECT state FROM jospar_cycle WHERE cycle_key = ?", String.class, OPEN)).isEqualTo("closed");
    assertThat(jdbc.queryForList("SELECT DISTINCT state FROM jospar_body_report WHERE cycle_key = ?", String.class, OPEN))
        .containsExactly("accepted");

    // a new period opens on this build's model of its kind, under the plan's recorded version
    CycleService.OpenedCycle next = walk.open("4.9", "2026");
    assertThat(walk.instance(next).getProcessDefinitionId()).startsWith(WorkKind.report_cycle.processKey() + ":");
    assertThat(next.planVersion()).isEqualTo(plans.primary().version());
    assertThat(next.cycleKey()).as("the primary plan's keys keep their form").isEqualTo("4.9/2026");

    // nothing was lost: the release's events and history are all still there, with what this build added after them
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jospar_report_event WHERE occurred_at < TIMESTAMP WITH TIME ZONE "
        + "'2026-11-15 00:00:00+05'", Integer.class)).as("the release's events, from 2 and 10 November").isEqualTo(eventsBefore);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isGreaterThan(historyBefore);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(CLOSED).finished().count())
        .as("the release's closed period: its item and its bodies' reports").isGreaterThan(1);
  }

  private static Map<String, Object> row(Object... pairs) {
    Map<String, Object> m = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }
}
