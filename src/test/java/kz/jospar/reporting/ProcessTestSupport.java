package kz.jospar.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import kz.jospar.reporting.ReportProcess.Vars;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/** Walks report cycles through the engine's Java API, as the people and the timers would. */
final class ProcessTestSupport {

  final ProcessEngine engine;
  final RuntimeService runtime;
  final TaskService tasks;
  final ManagementService management;
  final IdentityService identity;
  final CycleService cycles;

  ProcessTestSupport(ProcessEngine engine, CycleService cycles) {
    this.engine = engine;
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.management = engine.getManagementService();
    this.identity = engine.getIdentityService();
    this.cycles = cycles;
  }

  static void clockAt(String isoWithOffset) {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(isoWithOffset).toInstant()));
  }

  CycleService.OpenedCycle open(String row, String period) {
    return as("coordinator", () -> cycles.open(row, period, "coordinator", null));
  }

  /** The item model's instance of a cycle, fetched while it runs so that tests can assert its end. */
  ProcessInstance instance(CycleService.OpenedCycle cycle) {
    return runtime.createProcessInstanceQuery().processInstanceId(cycle.processInstanceId()).singleResult();
  }

  /** The BodyReport instance of one body in a cycle. */
  ProcessInstance report(String cycleKey, String body) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(ReportProcess.BODY_REPORT).processInstanceBusinessKey(cycleKey)
        .variableValueEquals(Vars.BODY_CODE, body).singleResult();
  }

  Task task(ProcessInstance pi, String key) {
    List<Task> found = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).list();
    assertThat(found).as("task " + key + " of " + pi.getId()).hasSize(1);
    return found.get(0);
  }

  Task cycleTask(String cycleKey, String key) {
    List<Task> found = tasks.createTaskQuery().processInstanceBusinessKey(cycleKey).taskDefinitionKey(key).list();
    assertThat(found).as("task " + key + " of " + cycleKey).hasSize(1);
    return found.get(0);
  }

  /** Completes a task as a person, with their groups, through the same engine checks Tasklist meets. */
  void complete(Task task, String user, Map<String, Object> variables) {
    as(user, () -> {
      tasks.claim(task.getId(), user);
      tasks.complete(task.getId(), variables);
      return null;
    });
    runContinuations();
  }

  /**
   * Runs the asynchronous continuations a completion left (a body's report returning to its item's
   * instance is one), as the job executor would at once; timers stay for {@link #fire}.
   */
  void runContinuations() {
    for (int round = 0; round < 100; round++) {
      List<Job> due = management.createJobQuery().messages().executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(j -> management.executeJob(j.getId()));
    }
    throw new IllegalStateException("asynchronous continuations keep coming");
  }

  <T> T as(String user, java.util.function.Supplier<T> action) {
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    identity.setAuthentication(user, groups);
    try {
      return action.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  static VariableMap submission(String text, Long achieved) {
    VariableMap v = Variables.createVariables().putValue(Vars.REPORT_TEXT, text)
        .putValueTyped(Vars.REPORT_DOCUMENT, Variables.fileValue("report.pdf").file("%PDF-1.4 test".getBytes()).mimeType("application/pdf").create());
    if (achieved != null) {
      v.putValue(Vars.ACHIEVED_COUNT, achieved);
    }
    return v;
  }

  static VariableMap approve() {
    return Variables.createVariables().putValue(Vars.APPROVED, true);
  }

  static VariableMap accept() {
    return Variables.createVariables().putValue(Vars.ACCEPTED, true);
  }

  /** Runs one body's report to acceptance: official submits, supervisor approves, coordinator accepts. */
  void acceptReport(String cycleKey, String body, Long achieved) {
    ProcessInstance pi = report(cycleKey, body);
    Long count = achieved != null ? achieved : (runtime.getVariable(pi.getId(), Vars.QUOTA_COUNT) != null ? 1L : null);
    complete(task(pi, ReportProcess.TASK_SUBMIT_REPORT), body + ".official", submission("done", count));
    complete(task(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR), body + ".supervisor", approve());
    complete(task(pi, ReportProcess.TASK_REVIEW_BY_COORDINATOR), "coordinator", accept());
  }

  /** From an open submission to acceptance. */
  void acceptReportFromSubmit(ProcessInstance pi, String body) {
    complete(task(pi, ReportProcess.TASK_SUBMIT_REPORT), body + ".official", submission("again", null));
    complete(task(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR), body + ".supervisor", approve());
    complete(task(pi, ReportProcess.TASK_REVIEW_BY_COORDINATOR), "coordinator", accept());
  }

  List<Job> timers(ProcessInstance pi) {
    return management.createJobQuery().processInstanceId(pi.getId()).timers().orderByJobDuedate().asc().list();
  }

  Job timer(ProcessInstance pi, String activityId) {
    Job job = management.createJobQuery().processInstanceId(pi.getId()).timers().activityId(activityId).singleResult();
    assertThat(job).as("timer at " + activityId).isNotNull();
    return job;
  }

  /** Moves the engine's clock to the job's due moment and runs it, as the job executor would. */
  void fire(Job job) {
    ClockUtil.setCurrentTime(job.getDuedate());
    management.executeJob(job.getId());
  }
}
