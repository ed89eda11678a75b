package kz.jospar.reporting;

import static kz.jospar.support.Steps.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kz.jospar.JosparApplication;
import kz.jospar.catalog.Plans;
import kz.jospar.catalog.WorkKind;
import kz.jospar.reporting.ReportProcess.Vars;
import kz.jospar.support.EmbeddedPostgresSupport;
import kz.jospar.support.Steps;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on PostgreSQL running two plans side by side, the 2022-2026 plan and a test plan of 2027-2028
 * with other numbers, bodies and kinds of work: a full cycle of each; then an amendment of the second plan applied by a
 * restart changes its new periods only.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=false", "jospar.demo.allow-any-database=true"})
@ActiveProfiles({"demo", "postgres"})
class SeveralPlansEndToEndIT {

  static final String SECOND = "test-2027-2028";
  static Path planFile;
  static String databaseUrl;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws IOException {
    databaseUrl = EmbeddedPostgresSupport.newDatabase("jospar_plans");
    EmbeddedPostgresSupport.upgradeSchema(databaseUrl);
    registry.add("JOSPAR_DB_URL", () -> databaseUrl);
    registry.add("JOSPAR_DB_USER", () -> "postgres");
    registry.add("JOSPAR_DB_PASSWORD", () -> "postgres");
    // the second plan as an administrator keeps it: a file beside the release, edited for an amendment
    planFile = Files.createTempFile("test-plan-2027-2028", ".yaml");
    try (InputStream in = new ClassPathResource("plans/test-plan-2027-2028.yaml").getInputStream()) {
      Files.write(planFile, in.readAllBytes());
    }
    registry.add("jospar.catalog.plans", SeveralPlansEndToEndIT::plans);
    registry.add("jospar.catalog.working-calendar", () -> "classpath:plans/working-calendar-to-2028.yaml");
  }

  static String plans() {
    return "classpath:catalog/plan-2022-2026.yaml,file:" + planFile;
  }

  @Autowired ProcessEngine engine;
  @Autowired CycleService cycles;
  @Autowired Plans plans;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlanStatus status;
  @Autowired kz.jospar.desk.MyWork myWork;
  @org.springframework.boot.test.web.server.LocalServerPort int port;
  ProcessTestSupport walk;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(engine);
    walk = new ProcessTestSupport(engine, cycles);
    ProcessTestSupport.clockAt("2026-11-16T10:00:00+05:00");
  }

  /**
   * Two plans side by side, then an amending decree over open periods: the amendment needs the periods the steps
   * before opened, so they are steps of one test, in order.
   */
  @TestFactory
  Stream<DynamicTest> twoPlansSideBySideThenAnAmendment() {
    return Steps.inOrder(this::setUp, this::resetClock,
        step("each plan runs a full cycle side by side under the model its rows kind names", this::eachPlanRunsAFullCycleSideBySideUnderTheModelItsRowsKindNames),
        step("a period opens once per plan and a row or plan that does not exist is refused", this::aPeriodOpensOncePerPlanAndARowOrPlanThatDoesNotExistIsRefused),
        step("an amended row changes the new periods only and each cycle keeps the version it ran under", this::anAmendedRowChangesTheNewPeriodsOnlyAndEachCycleKeepsTheVersionItRanUnder));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  void eachPlanRunsAFullCycleSideBySideUnderTheModelItsRowsKindNames() throws Exception {
    CycleService.OpenedCycle first = walk.open("3", "2026-P3of3");
    CycleService.OpenedCycle second = walk.as("coordinator", () -> cycles.open(SECOND, "21.1", "2027", "coordinator", null));
    assertThat(first.cycleKey()).as("the primary plan's keys keep their form").isEqualTo("3/2026-P3of3");
    assertThat(second.cycleKey()).isEqualTo(SECOND + "/21.1/2027");
    assertThat(second.assignments()).extracting(CycleService.Assignment::body).containsExactly("gzhbm", "msm");
    ProcessInstance firstPi = walk.instance(first);
    ProcessInstance secondPi = walk.instance(second);
    assertThat(firstPi.getProcessDefinitionId()).startsWith(WorkKind.report_cycle.processKey() + ":");
    assertThat(secondPi.getProcessDefinitionId()).startsWith(WorkKind.quota_count.processKey() + ":");

    for (String body : cycles.bodyCodes(first.cycleKey())) {
      walk.acceptReport(first.cycleKey(), body, null);
    }
    for (String body : cycles.bodyCodes(second.cycleKey())) {
      walk.acceptReport(second.cycleKey(), body, 2L);
    }
    walk.complete(walk.cycleTask(first.cycleKey(), ReportProcess.TASK_CONSOLIDATE_REPORTS), "aqdm.official",
        Map.of(Vars.CONSOLIDATED_SUMMARY, "the council met"));
    walk.complete(walk.cycleTask(second.cycleKey(), ReportProcess.TASK_CONSOLIDATE_REPORTS), "gzhbm.official",
        Map.of(Vars.CONSOLIDATED_SUMMARY, "four publications"));
    walk.complete(walk.cycleTask(first.cycleKey(), ReportProcess.TASK_CLOSE_PERIOD), "coordinator", Map.of());
    walk.complete(walk.cycleTask(second.cycleKey(), ReportProcess.TASK_CLOSE_PERIOD), "coordinator", Map.of());

    assertThat(firstPi).isEnded();
    assertThat(secondPi).isEnded().hasPassed("ServiceTask_CountQuota");
    assertThat(walk.runtime.createProcessInstanceQuery().processInstanceBusinessKey(second.cycleKey()).count()).isZero();
    assertThat(jdbc.queryForList("SELECT plan_code, plan_row, period_key, plan_version, state FROM jospar_cycle ORDER BY plan_code"))
        .containsExactly(
            Map.of("plan_code", "qha-2022-2026", "plan_row", "3", "period_key", "2026-P3of3",
                "plan_version", plans.primary().version(), "state", "closed"),
            Map.of("plan_code", SECOND, "plan_row", "21.1", "period_key", "2027",
                "plan_version", plans.find(SECOND).orElseThrow().version(), "state", "closed"));
    assertThat(jdbc.queryForObject("SELECT reason FROM jospar_report_event WHERE cycle_key = ? AND event = 'QUOTA_COUNTED'",
        String.class, second.cycleKey())).isEqualTo("achieved 4 of 3 publication");
    // the monitor shows one plan at a time, chosen by its code: the second plan's year holds its reports only
    kz.jospar.support.WebappSession coordinator = new kz.jospar.support.WebappSession(port).login("coordinator", "demo");
    java.net.http.HttpResponse<String> second2027 = coordinator.get("/jospar/monitor/data?plan=" + SECOND + "&year=2027&lang=en",
        "application/json");
    assertThat(second2027.statusCode()).isEqualTo(200);
    assertThat(second2027.body()).contains("\"plan\":\"" + SECOND + "\"", "Research publications", "2027–2028 Test plan 2027–2028")
        .doesNotContain("\"row\":\"3\"");
    assertThat(coordinator.get("/jospar/monitor/data?year=2026&lang=en", "application/json").body())
        .as("no plan named: the primary plan").contains("\"plan\":\"qha-2022-2026\"").doesNotContain("Research publications");
    java.net.http.HttpResponse<String> unknown = coordinator.get("/jospar/monitor/data?plan=no-such-plan&lang=ru", "application/json");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("\"field\":\"plan\"", "плана 'no-such-plan' нет");
    // the status API and the monitor read these: each report names its plan and the version its cycle ran under
    assertThat(status.reports(2027, null)).extracting(PlanStatus.Report::planCode, PlanStatus.Report::planVersion)
        .containsOnly(org.assertj.core.groups.Tuple.tuple(SECOND, plans.find(SECOND).orElseThrow().version()));
  }

  void aPeriodOpensOncePerPlanAndARowOrPlanThatDoesNotExistIsRefused() throws Exception {
    walk.as("coordinator", () -> cycles.open(SECOND, "21", "2027", "coordinator", null));
    assertThatThrownBy(() -> walk.as("coordinator", () -> cycles.open(SECOND, "21", "2027", "coordinator", null)))
        .isInstanceOf(CycleAlreadyOpenException.class);
    // the desk's list covers both plans: item 21 named from its own plan, with the plan's years; the plan filter narrows it
    java.time.Instant now = ClockUtil.getCurrentTime().toInstant();
    kz.jospar.desk.MyWork.Work mine = myWork.of("gzhbm.official", List.of("gzhbm"), new kz.jospar.desk.MyWork.Filter(SECOND, null, null, null,
        null, null), java.util.Locale.ENGLISH, now);
    assertThat(mine.rows()).isNotEmpty().allSatisfy(r -> assertThat(r.plan()).isEqualTo("2027–2028"));
    assertThat(mine.rows()).filteredOn(r -> "21".equals(r.rowNumber())).singleElement()
        .satisfies(r -> assertThat(r.rowName()).isEqualTo("Research publications"));
    assertThat(myWork.of("gzhbm.official", List.of("gzhbm"), new kz.jospar.desk.MyWork.Filter(plans.primary().code(), null, null, null,
        null, null), java.util.Locale.ENGLISH, now).rows()).noneMatch(r -> "21".equals(r.rowNumber()));
    assertThatThrownBy(() -> cycles.open(null, "21", "2027", "coordinator", null))
        .as("the primary plan has no item 21").isInstanceOf(UnknownPeriodException.class);
    assertThatThrownBy(() -> cycles.open("no-such-plan", "21", "2027", "coordinator", null))
        .isInstanceOf(UnknownPeriodException.class);
  }

  /**
   * After order 2: item 21's 2027 period is open under the first version of the plan. The amending decree adds an
   * executor to item 21, raises 21.1's quota and removes item 22, while a period of 22 and one of 21.1 are open: new
   * periods follow the amendment; the open ones finish as they were opened, and the removed item keeps its history.
   */
  void anAmendedRowChangesTheNewPeriodsOnlyAndEachCycleKeepsTheVersionItRanUnder() throws Exception {
    String before = plans.find(SECOND).orElseThrow().version();
    String removedOpen = walk.as("coordinator", () -> cycles.open(SECOND, "22", "2027", "coordinator", null)).cycleKey();
    String quotaOpen = walk.as("coordinator", () -> cycles.open(SECOND, "21.1", "2028", "coordinator", null)).cycleKey();
    // the amending decree adds the Ministry of Foreign Affairs to item 21 (and so to 21.1, which takes its executors),
    // raises 21.1's quota from 3 to 5 publications a year and removes item 22
    String text = Files.readString(planFile);
    Files.writeString(planFile, text.substring(0, text.indexOf("\n  # the amendment test"))
        .replace("      - body: msm\n", "      - body: msm\n      - body: sim\n")
        .replace("quota: {count: 3,", "quota: {count: 5,") + "\n");

    String after;
    // a node restarted with the amended file (command-line arguments: they win over application.yaml's defaults)
    try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(JosparApplication.class)
        .profiles("postgres")
        .run("--JOSPAR_DB_URL=" + databaseUrl, "--JOSPAR_DB_USER=postgres", "--JOSPAR_DB_PASSWORD=postgres",
            "--jospar.catalog.plans=" + plans(), "--jospar.catalog.working-calendar=classpath:plans/working-calendar-to-2028.yaml",
            "--camunda.bpm.job-execution.enabled=false", "--server.port=0")) {
      Plans amendedPlans = restarted.getBean(Plans.class);
      after = amendedPlans.find(SECOND).orElseThrow().version();
      assertThat(after).isNotEqualTo(before);
      assertThat(amendedPlans.row(SECOND, "22")).as("item 22 is no longer in the plan").isEmpty();
      CycleService amended = restarted.getBean(CycleService.class);
      CycleService.OpenedCycle next = amended.open(SECOND, "21", "2028", "coordinator", null);
      assertThat(next.assignments()).extracting(CycleService.Assignment::body).containsExactly("gzhbm", "msm", "sim");
      assertThat(next.planVersion()).isEqualTo(after);
      assertThat(jdbc.queryForList("SELECT version FROM jospar_plan_version WHERE plan_code = ? ORDER BY stored_at", String.class, SECOND))
          .as("both versions are stored, for the cycles that run under each").containsExactlyInAnyOrder(before, after);

      ProcessTestSupport node = new ProcessTestSupport(restarted.getBean(ProcessEngine.class), amended);
      // the removed item's open period runs to its end under the version it was opened with
      node.acceptReport(removedOpen, "msm", null);
      node.complete(node.cycleTask(removedOpen, ReportProcess.TASK_CONSOLIDATE_REPORTS), "msm.official",
          Map.of(Vars.CONSOLIDATED_SUMMARY, "done before the amendment"));
      node.complete(node.cycleTask(removedOpen, ReportProcess.TASK_CLOSE_PERIOD), "coordinator", Map.of());
      // 21.1's open period keeps its two executors and is counted against the quota it was opened with: 3, not 5
      assertThat(amended.bodyCodes(quotaOpen)).containsExactly("gzhbm", "msm");
      for (String body : amended.bodyCodes(quotaOpen)) {
        node.acceptReport(quotaOpen, body, 2L);
      }
      node.complete(node.cycleTask(quotaOpen, ReportProcess.TASK_CONSOLIDATE_REPORTS), "gzhbm.official",
          Map.of(Vars.CONSOLIDATED_SUMMARY, "four publications"));
      node.complete(node.cycleTask(quotaOpen, ReportProcess.TASK_CLOSE_PERIOD), "coordinator", Map.of());
      assertThat(jdbc.queryForObject("SELECT reason FROM jospar_report_event WHERE cycle_key = ? AND event = 'QUOTA_COUNTED'",
          String.class, quotaOpen)).isEqualTo("achieved 4 of 3 publication");
      assertThat(jdbc.queryForList("SELECT state FROM jospar_cycle WHERE cycle_key IN (?, ?)", String.class, removedOpen, quotaOpen))
          .containsExactly("closed", "closed");

      // nothing the amendment removed deletes history: the monitor of the amended node still shows item 22's report
      kz.jospar.support.WebappSession coordinator = new kz.jospar.support.WebappSession(
          Integer.parseInt(restarted.getEnvironment().getProperty("local.server.port"))).login("coordinator", "demo");
      java.net.http.HttpResponse<String> year2027 = coordinator.get("/jospar/monitor/data?plan=" + SECOND + "&year=2027&lang=en",
          "application/json");
      assertThat(year2027.statusCode()).isEqualTo(200);
      assertThat(year2027.body()).contains("\"row\":\"22\"", "An item the amendment removes", "\"planVersion\":\"" + before + "\"");
      // the page shows a line's version where it differs from the version in force, which the data also carries
      com.fasterxml.jackson.databind.JsonNode view = new com.fasterxml.jackson.databind.ObjectMapper().readTree(year2027.body());
      assertThat(view.get("planVersion").asText()).isEqualTo(after);
      assertThat(view.get("reports")).allSatisfy(line -> assertThat(line.get("planVersion").asText()).isEqualTo(before));
    }
    String openBefore = SECOND + "/21/2027";
    assertThat(jdbc.queryForList("SELECT body_code FROM jospar_body_report WHERE cycle_key = ? ORDER BY body_code", String.class,
        openBefore)).as("the open cycle keeps what it was opened with").containsExactly("gzhbm", "msm");
    assertThat(jdbc.queryForObject("SELECT plan_version FROM jospar_cycle WHERE cycle_key = ?", String.class, openBefore))
        .isEqualTo(before);
    assertThat(jdbc.queryForList("SELECT plan_version FROM jospar_cycle WHERE plan_code = ? ORDER BY period_key, plan_row",
        String.class, SECOND)).as("21/2027, 21.1/2027, 22/2027, 21/2028, 21.1/2028")
        .containsExactly(before, before, before, after, before);
  }
}
