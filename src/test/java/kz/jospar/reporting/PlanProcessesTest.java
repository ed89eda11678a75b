package kz.jospar.reporting;

import static kz.jospar.reporting.ProcessTestSupport.accept;
import static kz.jospar.reporting.ProcessTestSupport.approve;
import static kz.jospar.reporting.ProcessTestSupport.clockAt;
import static kz.jospar.reporting.ProcessTestSupport.submission;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.jospar.catalog.WorkKind;
import kz.jospar.language.CompletionRefusedException;
import kz.jospar.engine.FormRejectedException;
import kz.jospar.reporting.ReportProcess.Event;
import kz.jospar.reporting.ReportProcess.Vars;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every model and every path, walked through the engine with its clock moved: on time, returned by
 * the supervisor and by the coordinator, reminder, escalation level 1 then submission, level 2, late
 * submission, decline by agreement, a period opened twice, four-eyes, and each item's own steps.
 * When the class is done, ProcessCoverageGate fails it unless every element of every model was walked.
 */
@SpringBootTest(properties = {"JOSPAR_DEMO_DB_URL=jdbc:h2:mem:jospar-processes;DB_CLOSE_DELAY=-1", "camunda.bpm.job-execution.enabled=false"})
@Import(ProcessEngineCoverageConfiguration.class)
@TestExecutionListeners(listeners = {ProcessEngineCoverageTestExecutionListener.class, ProcessCoverageGate.class},
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@DirtiesContext
class PlanProcessesTest {

  static final String TURKISTAN = "akimat-turkistan";
  static final String ASTANA = "akimat-astana";

  @Autowired ProcessEngine engine;
  @Autowired CycleService cycles;
  @Autowired ReportRepository repository;
  ProcessTestSupport walk;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(engine);
    walk = new ProcessTestSupport(engine, cycles);
    clockAt("2026-11-02T09:00:00+05:00"); // a Monday
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** Each test uses a cycle of its own: a period opens once for the whole plan. */
  CycleService.OpenedCycle open(String row, String period) {
    return walk.open(row, period);
  }

  @Test
  void periodOpensOneTaskPerBodyOfTheRowInItsOwnGroup() {
    CycleService.OpenedCycle cycle = open("4.8", "2026-H2");
    assertThat(cycle.assignments()).hasSize(20);
    List<Task> submits = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(cycle.cycleKey())
        .taskDefinitionKey(ReportProcess.TASK_SUBMIT_REPORT).list();
    assertThat(submits).hasSize(20);
    for (Task t : submits) {
      List<String> groups = engine.getTaskService().getIdentityLinksForTask(t.getId()).stream()
          .filter(l -> l.getGroupId() != null).map(l -> l.getGroupId()).toList();
      assertThat(groups).singleElement().asString().startsWith("akimat-");
      assertThat(t.getDueDate()).isEqualTo(Date.from(OffsetDateTime.parse("2026-12-31T18:00:00+05:00").toInstant()));
      assertThat(t.getName()).startsWith("Есеп тапсыру: 4.8 ").contains(" — 2026 жылғы II жартыжылдық");
    }
    // the official sees this cycle's Turkistan task, and nothing of any other body
    assertThat(walk.as(TURKISTAN + ".official", () -> engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(cycle.cycleKey()).list()))
        .singleElement().satisfies(t -> assertThat(t.getName()).contains("Түркістан"));
    assertThat(walk.as(TURKISTAN + ".official", () -> engine.getTaskService().createTaskQuery().list()))
        .isNotEmpty().allSatisfy(t -> assertThat(engine.getTaskService().getIdentityLinksForTask(t.getId()))
            .anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo(TURKISTAN)));
  }

  @Test
  void reportOnTimeIsSubmittedApprovedAndAccepted() {
    CycleService.OpenedCycle cycle = open("4.9", "2026");
    ProcessInstance pi = walk.report(cycle.cycleKey(), TURKISTAN);
    assertThat(pi).isWaitingAt(ReportProcess.TASK_SUBMIT_REPORT);

    walk.complete(walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT), TURKISTAN + ".official", submission("Семинар өтті", null));
    assertThat(pi).isWaitingAt(ReportProcess.TASK_REVIEW_BY_SUPERVISOR).variables()
        .containsEntry(Vars.SUBMITTED_BY, TURKISTAN + ".official").containsEntry(Vars.LATE, false);
    assertThat(walk.task(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR)).hasCandidateGroup(kz.jospar.access.Roles.supervisorsOf(TURKISTAN));

    walk.complete(walk.task(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR), TURKISTAN + ".supervisor", approve());
    assertThat(pi).isWaitingAt(ReportProcess.TASK_REVIEW_BY_COORDINATOR);
    walk.complete(walk.task(pi, ReportProcess.TASK_REVIEW_BY_COORDINATOR), "coordinator", accept());

    assertThat(pi).isEnded().hasPassed("EndEvent_ReportAccepted");
    assertThat(repository.bodyReport(cycle.cycleKey(), TURKISTAN).orElseThrow().state()).isEqualTo("accepted");
    // every history row of the report carries its removal time from the start: the period's opening + 3650 days
    var root = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi.getRootProcessInstanceId()).singleResult();
    assertThat(root.getRemovalTime()).isEqualTo(java.util.Date.from(root.getStartTime().toInstant().plus(java.time.Duration.ofDays(3650))));
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).list())
        .isNotEmpty().allSatisfy(v -> assertThat(v.getRemovalTime()).isEqualTo(root.getRemovalTime()));
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId()).list())
        .isNotEmpty().allSatisfy(a -> assertThat(a.getRemovalTime()).isEqualTo(root.getRemovalTime()));
    assertThat(repository.events(cycle.cycleKey())).filteredOn(e -> TURKISTAN.equals(e.body()))
        .extracting(ReportRepository.ReportEvent::event, ReportRepository.ReportEvent::actor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Event.SUBMITTED, TURKISTAN + ".official"),
            org.assertj.core.groups.Tuple.tuple(Event.APPROVED, TURKISTAN + ".supervisor"),
            org.assertj.core.groups.Tuple.tuple(Event.ACCEPTED, "coordinator"));
  }

  @Test
  void supervisorReturnsWithReasonAndTheBodyGetsANewDueDate() {
    CycleService.OpenedCycle cycle = open("8.3", "2026");
    ProcessInstance pi = walk.report(cycle.cycleKey(), TURKISTAN);
    walk.complete(walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT), TURKISTAN + ".official", submission("draft", null));

    clockAt("2026-11-04T10:00:00+05:00"); // Wednesday
    assertThatThrownBy(() -> walk.complete(walk.task(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR), TURKISTAN + ".supervisor",
        Variables.createVariables().putValue(Vars.APPROVED, false)))
        .isInstanceOf(FormRejectedException.class).hasMessageContaining("returnReason: required");
    walk.complete(walk.task(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR), TURKISTAN + ".supervisor",
        Variables.createVariables().putValue(Vars.APPROVED, false).putValue(Vars.RETURN_REASON, "Хаттама жоқ"));

    assertThat(pi).isWaitingAt(ReportProcess.TASK_SUBMIT_REPORT).variables().containsEntry(Vars.LAST_RETURN_REASON, "Хаттама жоқ");
    // five working days after Wednesday 4 November: Wednesday 11 November, 18:00 in Kazakhstan
    assertThat(walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT).getDueDate())
        .isEqualTo(Date.from(OffsetDateTime.parse("2026-11-11T18:00:00+05:00").toInstant()));
    assertThat(repository.bodyReport(cycle.cycleKey(), TURKISTAN).orElseThrow().state()).isEqualTo("returned");
    assertThat(repository.events(cycle.cycleKey())).anySatisfy(e -> {
      assertThat(e.event()).isEqualTo(Event.RETURNED_BY_SUPERVISOR);
      assertThat(e.actor()).isEqualTo(TURKISTAN + ".supervisor");
      assertThat(e.reason()).isEqualTo("Хаттама жоқ");
    });
    walk.complete(walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT), TURKISTAN + ".official", submission("with minutes", null));
    assertThat(pi).isWaitingAt(ReportProcess.TASK_REVIEW_BY_SUPERVISOR);
  }

  @Test
  void coordinatorReturnsAndTheReportGoesBackToTheBody() {
    CycleService.OpenedCycle cycle = open("8.1", "2026");
    ProcessInstance pi = walk.report(cycle.cycleKey(), ASTANA);
    walk.complete(walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT), ASTANA + ".official", submission("first", null));
    walk.complete(walk.task(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR), ASTANA + ".supervisor", approve());
    walk.complete(walk.task(pi, ReportProcess.TASK_REVIEW_BY_COORDINATOR), "coordinator",
        Variables.createVariables().putValue(Vars.ACCEPTED, false).putValue(Vars.RETURN_REASON, "Сандар сәйкес емес"));
    assertThat(pi).isWaitingAt(ReportProcess.TASK_SUBMIT_REPORT);
    assertThat(repository.events(cycle.cycleKey())).extracting(ReportRepository.ReportEvent::event).contains(Event.RETURNED_BY_COORDINATOR);
    walk.acceptReportFromSubmit(pi, ASTANA);
    assertThat(pi).isEnded();
  }

  @Test
  void afterACoordinatorsReturnTheEarlierApprovalDoesNotDecideAgain() {
    CycleService.OpenedCycle cycle = open("11.4", "2026-Q1");
    ProcessInstance pi = walk.report(cycle.cycleKey(), ASTANA);
    walk.complete(walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT), ASTANA + ".official", submission("first", null));
    walk.complete(walk.task(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR), ASTANA + ".supervisor", approve());
    walk.complete(walk.task(pi, ReportProcess.TASK_REVIEW_BY_COORDINATOR), "coordinator",
        Variables.createVariables().putValue(Vars.ACCEPTED, false).putValue(Vars.RETURN_REASON, "figures missing"));
    walk.complete(walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT), ASTANA + ".official", submission("second", null));
    // the first round's approved=true was cleared when this review opened: a completion without a decision is refused
    assertThat(engine.getRuntimeService().getVariable(pi.getId(), Vars.APPROVED)).isNull();
    assertThatThrownBy(() -> walk.complete(walk.task(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR), ASTANA + ".supervisor", Map.of()))
        .isInstanceOf(FormRejectedException.class).hasMessageContaining("approved: required");
    assertThat(pi).isWaitingAt(ReportProcess.TASK_REVIEW_BY_SUPERVISOR);
  }

  @Test
  void reminderFiresThreeWorkingDaysBeforeTheDueDate() {
    CycleService.OpenedCycle cycle = open("9.2", "2026-Q4"); // once a year, IV quarter: due 31 December 2026
    ProcessInstance pi = walk.report(cycle.cycleKey(), TURKISTAN);
    Job reminder = walk.timer(pi, ReportProcess.BOUNDARY_REMINDER_DUE);
    // 31 December 2026 is a Thursday: three working days before is Monday 28 December
    assertThat(reminder.getDuedate()).isEqualTo(Date.from(OffsetDateTime.parse("2026-12-28T18:00:00+05:00").toInstant()));
    assertThat(walk.timer(pi, ReportProcess.BOUNDARY_DEADLINE_PASSED).getDuedate())
        .isEqualTo(Date.from(OffsetDateTime.parse("2026-12-31T18:00:00+05:00").toInstant()));
    // five working days after: 1-2 January off, 2 January on a Saturday gives Monday 4 January, 7 January Christmas
    assertThat(walk.timer(pi, ReportProcess.BOUNDARY_LEVEL2_DUE).getDuedate())
        .isEqualTo(Date.from(OffsetDateTime.parse("2027-01-12T18:00:00+05:00").toInstant()));

    walk.fire(reminder);
    assertThat(pi).hasPassed("EndEvent_ReminderSent").isWaitingAt(ReportProcess.TASK_SUBMIT_REPORT);
    assertThat(repository.events(cycle.cycleKey())).anySatisfy(e -> assertThat(e.event()).isEqualTo(Event.REMINDED));
  }

  @Test
  void lateReportEscalatesToSupervisorAndEscalationStopsWhenSubmitted() {
    CycleService.OpenedCycle cycle = open("9.1", "2026-Q4");
    ProcessInstance pi = walk.report(cycle.cycleKey(), TURKISTAN);
    walk.fire(walk.timer(pi, ReportProcess.BOUNDARY_DEADLINE_PASSED));

    Task overdue = walk.task(pi, ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL1);
    assertThat(overdue).hasCandidateGroup(kz.jospar.access.Roles.supervisorsOf(TURKISTAN));
    assertThat(overdue.getName()).startsWith("Мерзімі өтті: 9.1").contains("шара қабылдаңыз немесе түсіндіріңіз");
    assertThat(repository.bodyReport(cycle.cycleKey(), TURKISTAN).orElseThrow().escalationLevel()).isEqualTo(1);

    walk.complete(overdue, TURKISTAN + ".supervisor", Map.of(Vars.OVERDUE_ACTION, "Official on leave; deputy assigned"));
    assertThat(pi).hasPassed("EndEvent_OverdueHandledLevel1");

    clockAt("2027-01-05T10:00:00+05:00");
    walk.complete(walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT), TURKISTAN + ".official", submission("late but done", null));
    assertThat(pi).isWaitingAt(ReportProcess.TASK_REVIEW_BY_SUPERVISOR).variables().containsEntry(Vars.LATE, true);
    // no escalation of the submission after it (the review's own control deadline starts)
    for (String timer : List.of(ReportProcess.BOUNDARY_REMINDER_DUE, ReportProcess.BOUNDARY_DEADLINE_PASSED, ReportProcess.BOUNDARY_LEVEL2_DUE,
        ReportProcess.BOUNDARY_OVERDUE_LEVEL1_REMINDER_DUE, ReportProcess.BOUNDARY_OVERDUE_LEVEL1_DEADLINE_PASSED,
        ReportProcess.BOUNDARY_OVERDUE_LEVEL1_LEVEL2_DUE)) {
      assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).activityId(timer).count()).as(timer).isZero();
    }
    assertThat(walk.timers(pi)).hasSize(3);
    assertThat(repository.bodyReport(cycle.cycleKey(), TURKISTAN).orElseThrow().late()).isTrue();
  }

  @Test
  void stillUnsubmittedEscalatesToTheCoordinatorAtLevel2() {
    CycleService.OpenedCycle cycle = open("9.3", "2026-Q4");
    ProcessInstance pi = walk.report(cycle.cycleKey(), "aqdm");
    walk.fire(walk.timer(pi, ReportProcess.BOUNDARY_DEADLINE_PASSED));
    walk.fire(walk.timer(pi, ReportProcess.BOUNDARY_LEVEL2_DUE));

    Task level2 = walk.task(pi, ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL2);
    assertThat(level2).hasCandidateGroup("coordinator");
    assertThat(repository.bodyReport(cycle.cycleKey(), "aqdm").orElseThrow().escalationLevel()).isEqualTo(2);
    walk.complete(level2, "coordinator", Map.of(Vars.OVERDUE_ACTION, "Called the ministry"));
    assertThat(pi).hasPassed("EndEvent_OverdueHandledLevel2");
    // the level-1 task is still open until the report comes: submitting ends it
    walk.complete(walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT), "aqdm.official", submission("done", null));
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL1).count()).isZero();
    assertThat(repository.events(cycle.cycleKey())).extracting(ReportRepository.ReportEvent::event)
        .contains(Event.ESCALATED_1, Event.ESCALATED_2, Event.OVERDUE_ACTED_2, Event.SUBMITTED);
  }

  @Test
  void bodyByAgreementMayDeclineAndIsNeverEscalated() {
    CycleService.OpenedCycle cycle = open("4.5", "2026");
    ProcessInstance pi = walk.report(cycle.cycleKey(), "atameken");
    assertThat(walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT).getName()).startsWith("Есеп сұрауы (келісу бойынша)");

    walk.fire(walk.timer(pi, ReportProcess.BOUNDARY_DEADLINE_PASSED));
    assertThat(pi).hasPassed("EndEvent_RequestOverdue").isWaitingAt(ReportProcess.TASK_SUBMIT_REPORT);
    walk.fire(walk.timer(pi, ReportProcess.BOUNDARY_LEVEL2_DUE));
    assertThat(pi).hasPassed("EndEvent_RequestStillOverdue");
    assertThat(repository.bodyReport(cycle.cycleKey(), "atameken").orElseThrow().escalationLevel()).isZero();

    assertThatThrownBy(() -> walk.complete(walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT), "atameken.official",
        Map.of(Vars.DECLINED, true))).isInstanceOf(FormRejectedException.class).hasMessageContaining("declineReason: required");
    walk.complete(walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT), "atameken.official",
        Map.of(Vars.DECLINED, true, Vars.DECLINE_REASON, "Not in our plan this year"));
    assertThat(pi).isEnded().hasPassed("EndEvent_ReportDeclined");
    assertThat(repository.bodyReport(cycle.cycleKey(), "atameken").orElseThrow().state()).isEqualTo("declined");
  }

  @Test
  void aBodyByOrderCannotDecline() {
    CycleService.OpenedCycle cycle = open("4.4", "2026-Q4");
    ProcessInstance pi = walk.report(cycle.cycleKey(), "aqdm");
    Task submit = walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT);
    assertThatThrownBy(() -> walk.complete(submit, "aqdm.official", Map.of(Vars.DECLINED, true, Vars.DECLINE_REASON, "no")))
        .isInstanceOf(FormRejectedException.class).hasMessageContaining("only a body taking part by agreement may decline");
    assertThat(pi).isWaitingAt(ReportProcess.TASK_SUBMIT_REPORT);
  }

  @Test
  void submitterCanNeverApproveTheirOwnReport() {
    CycleService.OpenedCycle cycle = open("4.6", "2026");
    ProcessInstance pi = walk.report(cycle.cycleKey(), "qezi");
    walk.complete(walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT), "qezi.supervisor", submission("by the head himself", null));
    assertThatThrownBy(() -> walk.complete(walk.task(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR), "qezi.supervisor", approve()))
        .isInstanceOf(CompletionRefusedException.class).hasMessageContaining("you submitted this report");
    assertThat(pi).isWaitingAt(ReportProcess.TASK_REVIEW_BY_SUPERVISOR);
    walk.as("qezi.supervisor", () -> {
      engine.getTaskService().setAssignee(walk.task(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR).getId(), null); // hands it on
      return null;
    });
    walk.complete(walk.task(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR), "qezi.deputy", approve());
    assertThat(pi).isWaitingAt(ReportProcess.TASK_REVIEW_BY_COORDINATOR);
  }

  @Test
  void anAdministratorDoesNotApproveReportsOfABody() {
    CycleService.OpenedCycle cycle = open("4.7", "2026");
    ProcessInstance pi = walk.report(cycle.cycleKey(), ASTANA);
    walk.complete(walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT), ASTANA + ".official", submission("done", null));
    // refused at the first step of the work (the claim) by the command policy; the completion check would refuse it too
    assertThatThrownBy(() -> walk.complete(walk.task(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR), "admin", approve()))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("an administrator repairs and decides nothing");
    assertThat(pi).isWaitingAt(ReportProcess.TASK_REVIEW_BY_SUPERVISOR);
  }

  @Test
  void aPeriodOpenedTwiceIsRefusedEvenConcurrently() throws Exception {
    open("3", "2026-P3of3");
    assertThatThrownBy(() -> open("3", "2026-P3of3")).isInstanceOf(CycleAlreadyOpenException.class);

    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> attempts = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      attempts.add(pool.submit((Callable<String>) () -> {
        go.await();
        try {
          return cycles.open("3", "2026-P2of3", "coordinator", null).cycleKey();
        } catch (CycleAlreadyOpenException e) {
          return "refused";
        }
      }));
    }
    go.countDown();
    List<String> outcomes = new ArrayList<>();
    for (Future<String> f : attempts) {
      outcomes.add(f.get());
    }
    pool.shutdown();
    assertThat(outcomes).containsExactlyInAnyOrder("3/2026-P2of3", "refused");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey("3/2026-P2of3")
        .processDefinitionKey(WorkKind.report_cycle.processKey()).count()).isEqualTo(1);
  }

  @Test
  void unknownRowsAndPeriodsAreRefusedNamingTheField() {
    assertThatThrownBy(() -> open("99", "2026")).isInstanceOf(UnknownPeriodException.class).hasMessageStartingWith("row: ");
    assertThatThrownBy(() -> open("15", "2026")).hasMessageContaining("item 15 is a heading");
    assertThatThrownBy(() -> open("4.8", "2026-Q3")).isInstanceOf(UnknownPeriodException.class).hasMessageStartingWith("period: ");
  }

  @Test
  void aFormWithAMissingOrWrongFieldIsRefusedAndTheTaskStaysAsItWas() {
    CycleService.OpenedCycle cycle = open("10.4", "2026"); // quota: 20 clubs
    ProcessInstance pi = walk.report(cycle.cycleKey(), TURKISTAN);
    Task submit = walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT);
    assertThatThrownBy(() -> walk.complete(submit, TURKISTAN + ".official", submission("clubs", null)))
        .hasMessageContaining("achievedCount: required");
    assertThatThrownBy(() -> walk.complete(submit, TURKISTAN + ".official", submission("clubs", -1L)))
        .hasMessageContaining("achievedCount: must be 0 or more");
    assertThatThrownBy(() -> walk.complete(submit, TURKISTAN + ".official", Map.of(Vars.REPORT_TEXT, "no document", Vars.ACHIEVED_COUNT, 3L)))
        .hasMessageContaining("reportDocument: required");
    assertThat(pi).isWaitingAt(ReportProcess.TASK_SUBMIT_REPORT);
    assertThat(engine.getRuntimeService().getVariable(pi.getId(), Vars.REPORT_TEXT)).isNull();

    walk.complete(submit, TURKISTAN + ".official", submission("18 clubs met", 18L));
    assertThat(pi).variables().containsEntry(Vars.BELOW_QUOTA, true);
  }

  @Test
  void whenEveryBodyIsSettledTheLeadConsolidatesAndTheCoordinatorCloses() {
    CycleService.OpenedCycle cycle = open("4.5", "2025");
    ProcessInstance item = walk.instance(cycle);
    walk.acceptReport(cycle.cycleKey(), "aqdm", null);
    ProcessInstance atameken = walk.report(cycle.cycleKey(), "atameken");
    walk.complete(walk.task(atameken, ReportProcess.TASK_SUBMIT_REPORT), "atameken.official",
        Map.of(Vars.DECLINED, true, Vars.DECLINE_REASON, "not this year"));
    walk.acceptReport(cycle.cycleKey(), "qha-entrepreneurs", null);
    assertThat(item).isWaitingAt(ReportProcess.CALL_BODY_REPORTS);
    for (String akimat : cycles.bodyCodes(cycle.cycleKey())) {
      if (akimat.startsWith("akimat-")) {
        walk.acceptReport(cycle.cycleKey(), akimat, null);
      }
    }
    Task consolidate = walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_CONSOLIDATE_REPORTS);
    assertThat(consolidate).hasCandidateGroup("aqdm");
    assertThat(engine.getTaskService().getVariable(consolidate.getId(), Vars.ACCEPTED_COUNT)).isEqualTo(22L);
    assertThat(engine.getTaskService().getVariable(consolidate.getId(), Vars.DECLINED_COUNT)).isEqualTo(1L);
    walk.complete(consolidate, "aqdm.official", Map.of(Vars.CONSOLIDATED_SUMMARY, "All akimats held the meetings"));
    walk.complete(walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_CLOSE_PERIOD), "coordinator", Map.of(Vars.CLOSING_NOTE, "closed"));
    assertThat(item).isEnded().hasPassed("EndEvent_PeriodClosed");
    assertThat(repository.events(cycle.cycleKey())).extracting(ReportRepository.ReportEvent::event).contains(Event.CONSOLIDATED, Event.CLOSED);
  }

  @Test
  void closingResearchRecordsTheIndicatorsMeasuredValues() {
    CycleService.OpenedCycle cycle = open("15.1", "2026-Q4");
    ProcessInstance item = walk.instance(cycle);
    walk.acceptReport(cycle.cycleKey(), "aqdm", null);
    walk.acceptReport(cycle.cycleKey(), "qezi", null);
    walk.complete(walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_CONSOLIDATE_REPORTS), "aqdm.official",
        Map.of(Vars.CONSOLIDATED_SUMMARY, "Survey of 2026"));
    Task close = walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_CLOSE_PERIOD);
    assertThatThrownBy(() -> walk.complete(close, "coordinator", Map.of(Vars.indicatorValue(1), 80.5, Vars.indicatorValue(2), 69.1)))
        .hasMessageContaining("indicator3Value: required");
    assertThatThrownBy(() -> walk.complete(close, "coordinator",
        Map.of(Vars.indicatorValue(1), 180.5, Vars.indicatorValue(2), 69.1, Vars.indicatorValue(3), 77.0)))
        .hasMessageContaining("indicator1Value: must be from 0 to 100");
    walk.complete(close, "coordinator", Map.of(Vars.indicatorValue(1), 80.5, Vars.indicatorValue(2), 69.6, Vars.indicatorValue(3), 77.5));
    assertThat(repository.indicatorFacts(2026)).extracting(f -> f.indicator() + "=" + f.value().stripTrailingZeros().toPlainString())
        .containsExactly("1=80.5", "2=69.6", "3=77.5");
    assertThat(item).isEnded().hasPassed("ServiceTask_CompareIndicators");
    assertThat(repository.events(cycle.cycleKey())).filteredOn(e -> e.event() == Event.INDICATORS_COMPARED).singleElement()
        .satisfies(e -> assertThat(e.reason()).contains("1: 80.5 (plan 81.0, below)").contains("2: 69.6 (plan 69.5, met)"));
  }

  @Test
  void researchWithoutIndicatorsClosesPlainly() {
    CycleService.OpenedCycle cycle = open("15.4", "2023");
    ProcessInstance item = walk.instance(cycle);
    walk.acceptReport(cycle.cycleKey(), "aqdm", null);
    walk.acceptReport(cycle.cycleKey(), "qezi", null);
    walk.complete(walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_CONSOLIDATE_REPORTS), "aqdm.official", Map.of(Vars.CONSOLIDATED_SUMMARY, "s"));
    walk.complete(walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_CLOSE_PERIOD), "coordinator", Map.of());
    assertThat(item).isEnded().hasPassed("EndEvent_PeriodClosed").hasNotPassed("ServiceTask_CompareIndicators");
  }

  @Test
  void theAnnualSessionIsPreparedHeldAndItsMinutesRecordedBeforeTheReports() {
    CycleService.OpenedCycle cycle = open("2", "2026");
    ProcessInstance item = walk.instance(cycle);
    assertThat(item).isWaitingAt(ReportProcess.TASK_PREPARE_SESSION);
    // due before 1 May: 30 April 2026 is a Thursday
    assertThat(walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_PREPARE_SESSION).getDueDate())
        .isEqualTo(Date.from(OffsetDateTime.parse("2026-04-30T18:00:00+05:00").toInstant()));
    walk.complete(walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_PREPARE_SESSION), "aqdm.official",
        Map.of(Vars.SESSION_PLAN, "XXXV session agenda", Vars.SESSION_DATE, new Date()));
    walk.complete(walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_RECORD_SESSION_HELD), "aqdm.official",
        Variables.createVariables().putValue(Vars.SESSION_HELD_ON, new Date())
            .putValueTyped(Vars.SESSION_MINUTES, Variables.fileValue("minutes.pdf").file("%PDF-1.4 minutes".getBytes()).create()));
    assertThat(item).isWaitingAt(ReportProcess.CALL_BODY_REPORTS);
    for (String body : cycles.bodyCodes(cycle.cycleKey())) {
      walk.acceptReport(cycle.cycleKey(), body, null);
    }
    walk.complete(walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_CONSOLIDATE_REPORTS), "aqdm.official", Map.of(Vars.CONSOLIDATED_SUMMARY, "s"));
    walk.complete(walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_CLOSE_PERIOD), "coordinator", Map.of());
    assertThat(item).isEnded();
    assertThat(repository.events(cycle.cycleKey())).extracting(ReportRepository.ReportEvent::event)
        .contains(Event.SESSION_PREPARED, Event.SESSION_HELD);
  }

  @Test
  void accreditationEndsWithTheRegisterUpdated() {
    CycleService.OpenedCycle cycle = open("5", "2025");
    ProcessInstance item = walk.instance(cycle);
    for (String body : cycles.bodyCodes(cycle.cycleKey())) {
      walk.acceptReport(cycle.cycleKey(), body, null);
    }
    walk.complete(walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_CONSOLIDATE_REPORTS), "aqdm.official", Map.of(Vars.CONSOLIDATED_SUMMARY, "s"));
    walk.complete(walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_CLOSE_PERIOD), "coordinator", Map.of());
    Task register = walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_UPDATE_REGISTER);
    // its control deadline (jospar.control: register, 5 working days), reminded a working day before, level 2 three after
    Job reminder = walk.timer(item, ReportProcess.BOUNDARY_REGISTER_REMINDER_DUE);
    Job deadline = walk.timer(item, ReportProcess.BOUNDARY_REGISTER_DEADLINE_PASSED);
    Job level2 = walk.timer(item, ReportProcess.BOUNDARY_REGISTER_LEVEL2_DUE);
    assertThat(register.getDueDate()).isNotNull().isEqualTo(deadline.getDuedate()).isAfter(reminder.getDuedate())
        .isBefore(level2.getDuedate()).isAfter(ClockUtil.getCurrentTime());
    for (Job job : List.of(reminder, deadline, level2)) {
      walk.fire(job);
    }
    assertThat(repository.events(cycle.cycleKey())).filteredOn(e -> ReportProcess.TASK_UPDATE_REGISTER.equals(e.reason()))
        .extracting(ReportRepository.ReportEvent::event).containsExactly(Event.STEP_REMINDED, Event.STEP_OVERDUE_1, Event.STEP_OVERDUE_2);
    register = walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_UPDATE_REGISTER);
    walk.complete(register, "aqdm.official", Variables.createVariables().putValue(Vars.ASSOCIATIONS_COUNT, 1012L)
        .putValueTyped(Vars.REGISTER_DOCUMENT, Variables.fileValue("register.xlsx").file(workbook()).create()));
    assertThat(item).isEnded().hasPassed("EndEvent_RegisterUpdated");
  }

  @Test
  void informationWorkCountsItsQuotaOverTheAcceptedReports() {
    CycleService.OpenedCycle cycle = open("16.2", "2026"); // at least 10 materials
    List<String> bodies = cycles.bodyCodes(cycle.cycleKey());
    for (String body : bodies) {
      walk.acceptReport(cycle.cycleKey(), body, 1L);
    }
    Task consolidate = walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_CONSOLIDATE_REPORTS);
    assertThat(engine.getTaskService().getVariable(consolidate.getId(), Vars.QUOTA_ACHIEVED)).isEqualTo((long) bodies.size());
    assertThat(repository.events(cycle.cycleKey())).filteredOn(e -> e.event() == Event.QUOTA_COUNTED).singleElement()
        .satisfies(e -> assertThat(e.reason()).isEqualTo("achieved " + bodies.size() + " of 10 material"));
  }

  @Test
  void informationWorkWithoutAQuotaGoesStraightToConsolidation() {
    CycleService.OpenedCycle cycle = open("16.1", "2026");
    ProcessInstance item = walk.instance(cycle);
    for (String body : cycles.bodyCodes(cycle.cycleKey())) {
      walk.acceptReport(cycle.cycleKey(), body, null);
    }
    assertThat(item).hasNotPassed("ServiceTask_CountQuota").isWaitingAt(ReportProcess.CALL_CONSOLIDATION);
    walk.complete(walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_CONSOLIDATE_REPORTS), "aqdm.official",
        Map.of(Vars.CONSOLIDATED_SUMMARY, "all channels covered"));
    walk.complete(walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_CLOSE_PERIOD), "coordinator", Map.of());
    assertThat(item).isEnded().hasPassed("EndEvent_PeriodClosed");
  }

  /** The row's kind of work chooses its model, whatever the row's number; each runs a period from opening to closing. */
  @ParameterizedTest(name = "{0}: row {1}, period {2}")
  @CsvSource({"report-cycle,1.1,2024-Q2", "report-cycle,3,2024-P1of3", "report-cycle,4.1,2024-Q1", "report-cycle,6,2024",
      "report-cycle,7.1,2024-H1", "report-cycle,8,2024", "report-cycle,9.5,2024", "report-cycle,10.1,2024-H2", "report-cycle,11.1,2024",
      "report-cycle,12,2022", "report-cycle,13,2024-Q2", "report-cycle,14,2024", "report-cycle,17.3,2024"})
  void theRowsKindChoosesItsModelWhichRunsAPeriodFromOpeningToClosing(String kind, String row, String period) {
    clockAt("2024-01-09T09:00:00+05:00");
    CycleService.OpenedCycle cycle = open(row, period);
    ProcessInstance pi = walk.instance(cycle);
    assertThat(catalog.row(row).orElseThrow().kind().code()).isEqualTo(kind);
    assertThat(pi.getProcessDefinitionId()).startsWith(WorkKind.valueOf(kind.replace('-', '_')).processKey() + ":");
    for (String body : cycles.bodyCodes(cycle.cycleKey())) {
      walk.acceptReport(cycle.cycleKey(), body, null);
    }
    Task consolidate = walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_CONSOLIDATE_REPORTS);
    String lead = cycles.leadGroup(catalog.row(row).orElseThrow());
    String consolidator = lead.equals("coordinator") ? "coordinator2" : lead + ".official";
    walk.complete(consolidate, consolidator, Map.of(Vars.CONSOLIDATED_SUMMARY, "consolidated"));
    walk.complete(walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_CLOSE_PERIOD), "coordinator", Map.of());
    assertThat(pi).isEnded();
    assertThat(repository.bodyReports(cycle.cycleKey())).allSatisfy(r -> assertThat(r.state()).isEqualTo("accepted"));
  }

  /**
   * A cycle opened before kinds of work, under its item's own model (PlanItem04 of the earlier release, kept as a
   * test resource), runs to its end after the upgrade: the engine keeps that deployment, and nothing of today's
   * code looks the model up by the row's number.
   */
  @Test
  void aCycleOpenedUnderAnItemModelOfAnEarlierReleaseRunsToItsEnd() {
    clockAt("2024-01-09T09:00:00+05:00");
    engine.getRepositoryService().createDeployment().name("jospar-before-kinds")
        .addClasspathResource("legacy-models/PlanItem04.bpmn").deploy();
    CycleService.OpenedCycle opened = open("4.2", "2024");
    Map<String, Object> variables = engine.getRuntimeService().getVariables(opened.processInstanceId());
    engine.getRuntimeService().deleteProcessInstance(opened.processInstanceId(), "replaced by the earlier release's instance", true, true);
    ProcessInstance legacy = engine.getRuntimeService().startProcessInstanceByKey("PlanItem04", opened.cycleKey(), variables);
    jdbc.update("UPDATE jospar_cycle SET process_instance_id = ? WHERE cycle_key = ?", legacy.getId(), opened.cycleKey());

    for (String body : cycles.bodyCodes(opened.cycleKey())) {
      walk.acceptReport(opened.cycleKey(), body, null);
    }
    String lead = cycles.leadGroup(catalog.row("4.2").orElseThrow());
    walk.complete(walk.cycleTask(opened.cycleKey(), ReportProcess.TASK_CONSOLIDATE_REPORTS),
        lead.equals("coordinator") ? "coordinator2" : lead + ".official", Map.of(Vars.CONSOLIDATED_SUMMARY, "consolidated"));
    walk.complete(walk.cycleTask(opened.cycleKey(), ReportProcess.TASK_CLOSE_PERIOD), "coordinator", Map.of());
    assertThat(legacy).isEnded().hasPassed("EndEvent_PeriodClosed");
    assertThat(repository.bodyReports(opened.cycleKey())).allSatisfy(r -> assertThat(r.state()).isEqualTo("accepted"));
  }

  @Autowired kz.jospar.catalog.PlanCatalog catalog;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  /** On 2 September 2023: it opens every period then due (the third quarter's), which no other test opens by hand. */
  @Test
  void theSchedulerOpensDuePeriodsOnceAndLeavesPastOnesToTheCoordinator() {
    clockAt("2023-09-02T06:00:00+05:00");
    Job timer = engine.getManagementService().createJobQuery().timers().processDefinitionKey(ReportProcess.PLAN_SCHEDULER).singleResult();
    assertThat(timer).as("the scheduler's timer is deployed").isNotNull();
    engine.getManagementService().executeJob(timer.getId());
    // 30 days ahead of 2 September: every period due by 2 October 2023 and not yet past, e.g. 16.6's third quarter
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey("16.6/2023-Q3")
        .processDefinitionKey(WorkKind.quota_count.processKey()).count()).isEqualTo(1);
    // a past period (16.6's second quarter) is not opened by the engine
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey("16.6/2023-Q2")
        .processDefinitionKey(WorkKind.quota_count.processKey()).count()).isZero();
    long opened = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(WorkKind.quota_count.processKey()).count();

    Job next = engine.getManagementService().createJobQuery().timers().processDefinitionKey(ReportProcess.PLAN_SCHEDULER).singleResult();
    // daily, at the cron's hour in the server's time zone (set TZ=Asia/Almaty in production)
    assertThat(next.getDuedate()).isAfter(ClockUtil.getCurrentTime())
        .isBeforeOrEqualTo(new Date(ClockUtil.getCurrentTime().getTime() + 24 * 3600 * 1000L));
    assertThat(cycles.openDue(java.time.LocalDate.of(2023, 9, 2))).as("a second run opens nothing twice").isEmpty();
    // every cycle the scheduler recorded has its process: rows and instance committed together
    List<String> orphans = jdbc.queryForList("SELECT cycle_key FROM jospar_cycle WHERE opened_by = 'scheduler' AND process_instance_id IS NULL",
        String.class);
    assertThat(orphans).isEmpty();
    for (String pid : jdbc.queryForList("SELECT process_instance_id FROM jospar_cycle WHERE opened_by = 'scheduler'", String.class)) {
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pid).count()).as(pid).isEqualTo(1);
    }
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(WorkKind.quota_count.processKey()).count())
        .isEqualTo(opened);
  }

  @Test
  void theCoordinatorOpensAPeriodFromTasklistsStartForm() {
    walk.as("coordinator", () -> engine.getFormService().submitStartForm(
        engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(ReportProcess.OPEN_PERIOD).latestVersion()
            .singleResult().getId(), Map.of(Vars.OPEN_ROW, "17.1", Vars.OPEN_PERIOD, "2023-H1")));
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey("17.1/2023-H1")
        .processDefinitionKey(WorkKind.report_cycle.processKey()).count()).isEqualTo(1);
    assertThatThrownBy(() -> walk.as("coordinator", () -> engine.getFormService().submitStartForm(
        engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(ReportProcess.OPEN_PERIOD).latestVersion()
            .singleResult().getId(), Map.of(Vars.OPEN_ROW, "17.1", Vars.OPEN_PERIOD, "2023-H1"))))
        .hasMessageContaining("period 17.1/2023-H1 is already open");
  }

  /** A real spreadsheet: documents are checked by their content, not by their name. */
  static byte[] workbook() {
    try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
      book.createSheet("register").createRow(0).createCell(0).setCellValue(1012);
      book.write(out);
      return out.toByteArray();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ---- control deadlines of every human step (issue 16) ----

  static Date at(String isoWithOffset) {
    return Date.from(OffsetDateTime.parse(isoWithOffset).toInstant());
  }

  /**
   * The step's task is due at {@code due}; its reminder, deadline and level-2 timers wait for their moments, and
   * firing each records the step's event with the task's key in the audit trail, the task staying open.
   */
  void controlTimersFire(ProcessInstance pi, String taskKey, String cycleKey, String body, String reminderId, String deadlineId,
      String level2Id, String reminder, String due, String level2) {
    Task task = walk.task(pi, taskKey);
    assertThat(task.getDueDate()).as("due date of " + taskKey).isEqualTo(at(due));
    Job reminderJob = walk.timer(pi, reminderId);
    Job deadlineJob = walk.timer(pi, deadlineId);
    Job level2Job = walk.timer(pi, level2Id);
    assertThat(reminderJob.getDuedate()).as("reminder of " + taskKey).isEqualTo(at(reminder));
    assertThat(deadlineJob.getDuedate()).as("deadline of " + taskKey).isEqualTo(at(due));
    assertThat(level2Job.getDuedate()).as("level 2 of " + taskKey).isEqualTo(at(level2));
    List<Event> expected = List.of(Event.STEP_REMINDED, Event.STEP_OVERDUE_1, Event.STEP_OVERDUE_2);
    List<Job> jobs = List.of(reminderJob, deadlineJob, level2Job);
    for (int i = 0; i < 3; i++) {
      walk.fire(jobs.get(i));
      Event event = expected.get(i);
      assertThat(repository.events(cycleKey)).as(event + " of " + taskKey)
          .filteredOn(e -> e.event() == event && taskKey.equals(e.reason()) && java.util.Objects.equals(body, e.body())).hasSize(1);
      assertThat(walk.task(pi, taskKey).getId()).isEqualTo(task.getId());
    }
    // level 2 tells the coordinator on the desk, whoever the step belongs to
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jospar_notification WHERE recipient = 'coordinator' AND kind = 'deadline' "
        + "AND escalation_level = 2 AND task_key = ? AND cycle_key = ?", Integer.class, taskKey, cycleKey)).isEqualTo(1);
  }

  @Test
  void reviewAndAcceptanceHaveControlDeadlinesWithReminderAndTwoLevels() {
    CycleService.OpenedCycle cycle = open("4.7", "2025");
    ProcessInstance pi = walk.report(cycle.cycleKey(), "aqdm");
    walk.complete(walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT), "aqdm.official", submission("done", null));

    // arrived Monday 2 November: 3 working days, reminder 1 before, level 2 3 after
    controlTimersFire(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR, cycle.cycleKey(), "aqdm", ReportProcess.BOUNDARY_REVIEW_REMINDER_DUE,
        ReportProcess.BOUNDARY_REVIEW_DEADLINE_PASSED, ReportProcess.BOUNDARY_REVIEW_LEVEL2_DUE,
        "2026-11-04T18:00:00+05:00", "2026-11-05T18:00:00+05:00", "2026-11-10T18:00:00+05:00");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jospar_notification WHERE recipient = 'aqdm.supervisor' AND kind = 'deadline' "
        + "AND escalation_level = 1 AND cycle_key = ?", Integer.class, cycle.cycleKey())).isEqualTo(1);

    walk.complete(walk.task(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR), "aqdm.supervisor", approve());
    // arrived Tuesday 10 November at 18:00: 5 working days
    controlTimersFire(pi, ReportProcess.TASK_REVIEW_BY_COORDINATOR, cycle.cycleKey(), "aqdm",
        ReportProcess.BOUNDARY_ACCEPTANCE_REMINDER_DUE, ReportProcess.BOUNDARY_ACCEPTANCE_DEADLINE_PASSED,
        ReportProcess.BOUNDARY_ACCEPTANCE_LEVEL2_DUE, "2026-11-16T18:00:00+05:00", "2026-11-17T18:00:00+05:00", "2026-11-20T18:00:00+05:00");
    walk.complete(walk.task(pi, ReportProcess.TASK_REVIEW_BY_COORDINATOR), "coordinator", accept());
    assertThat(pi).isEnded().hasPassed("EndEvent_ReviewDeadlineNoted", "EndEvent_AcceptanceDeadlineNoted");
    assertThat(walk.timers(pi)).isEmpty();
  }

  @Test
  void theOverdueActionsHaveControlDeadlinesToo() {
    CycleService.OpenedCycle cycle = open("4.9", "2025");
    ProcessInstance pi = walk.report(cycle.cycleKey(), "aqdm");
    // the submission's deadline and level 2 run now (Monday 2 November), as the job executor would have
    engine.getManagementService().executeJob(walk.timer(pi, ReportProcess.BOUNDARY_DEADLINE_PASSED).getId());
    engine.getManagementService().executeJob(walk.timer(pi, ReportProcess.BOUNDARY_LEVEL2_DUE).getId());
    assertThat(walk.task(pi, ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL2).getDueDate()).isEqualTo(at("2026-11-05T18:00:00+05:00"));

    controlTimersFire(pi, ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL1, cycle.cycleKey(), "aqdm",
        ReportProcess.BOUNDARY_OVERDUE_LEVEL1_REMINDER_DUE, ReportProcess.BOUNDARY_OVERDUE_LEVEL1_DEADLINE_PASSED,
        ReportProcess.BOUNDARY_OVERDUE_LEVEL1_LEVEL2_DUE, "2026-11-04T18:00:00+05:00", "2026-11-05T18:00:00+05:00", "2026-11-10T18:00:00+05:00");
    clockAt("2026-11-02T10:00:00+05:00");
    controlTimersFire(pi, ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL2, cycle.cycleKey(), "aqdm",
        ReportProcess.BOUNDARY_OVERDUE_LEVEL2_REMINDER_DUE, ReportProcess.BOUNDARY_OVERDUE_LEVEL2_DEADLINE_PASSED,
        ReportProcess.BOUNDARY_OVERDUE_LEVEL2_LEVEL2_DUE, "2026-11-04T18:00:00+05:00", "2026-11-05T18:00:00+05:00", "2026-11-10T18:00:00+05:00");
    walk.complete(walk.task(pi, ReportProcess.TASK_SUBMIT_REPORT), "aqdm.official", submission("late", null));
    assertThat(pi).hasPassed("EndEvent_OverdueLevel1DeadlineNoted", "EndEvent_OverdueLevel2DeadlineNoted")
        .isWaitingAt(ReportProcess.TASK_REVIEW_BY_SUPERVISOR);
  }

  @Test
  void consolidationAndClosingHaveControlDeadlines() {
    CycleService.OpenedCycle cycle = open("4.6", "2025");
    for (String body : cycles.bodyCodes(cycle.cycleKey())) {
      walk.acceptReport(cycle.cycleKey(), body, null);
    }
    Task consolidate = walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_CONSOLIDATE_REPORTS);
    ProcessInstance consolidation = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(consolidate.getProcessInstanceId()).singleResult();
    // arrived Monday 2 November: 10 working days
    controlTimersFire(consolidation, ReportProcess.TASK_CONSOLIDATE_REPORTS, cycle.cycleKey(), null,
        ReportProcess.BOUNDARY_CONSOLIDATION_REMINDER_DUE, ReportProcess.BOUNDARY_CONSOLIDATION_DEADLINE_PASSED,
        ReportProcess.BOUNDARY_CONSOLIDATION_LEVEL2_DUE, "2026-11-13T18:00:00+05:00", "2026-11-16T18:00:00+05:00", "2026-11-19T18:00:00+05:00");
    String lead = engine.getTaskService().getIdentityLinksForTask(consolidate.getId()).stream().filter(l -> l.getGroupId() != null)
        .map(l -> l.getGroupId()).findFirst().orElseThrow();
    walk.complete(walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_CONSOLIDATE_REPORTS), lead + ".official",
        Map.of(Vars.CONSOLIDATED_SUMMARY, "s"));
    // arrived Thursday 19 November at 18:00: 5 working days
    controlTimersFire(consolidation, ReportProcess.TASK_CLOSE_PERIOD, cycle.cycleKey(), null,
        ReportProcess.BOUNDARY_CLOSING_REMINDER_DUE, ReportProcess.BOUNDARY_CLOSING_DEADLINE_PASSED,
        ReportProcess.BOUNDARY_CLOSING_LEVEL2_DUE, "2026-11-25T18:00:00+05:00", "2026-11-26T18:00:00+05:00", "2026-12-01T18:00:00+05:00");
    walk.complete(walk.cycleTask(cycle.cycleKey(), ReportProcess.TASK_CLOSE_PERIOD), "coordinator", Map.of());
    assertThat(consolidation).isEnded().hasPassed("EndEvent_ConsolidationDeadlineNoted", "EndEvent_ClosingDeadlineNoted");
  }

  @Test
  void everyUserTaskOfEveryModelHasADueDate() throws java.io.IOException {
    List<java.nio.file.Path> models;
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("bpmn"))) {
      models = files.filter(f -> f.toString().endsWith(".bpmn")).toList();
    }
    assertThat(models).hasSizeGreaterThan(5);
    for (java.nio.file.Path path : models) {
      String model = path.toString();
      var instance = org.camunda.bpm.model.bpmn.Bpmn.readModelFromFile(new java.io.File(model));
      assertThat(instance.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.UserTask.class))
          .as(model).allSatisfy(t -> assertThat(t.getCamundaDueDate()).as(t.getId()).isNotBlank());
    }
  }
}
