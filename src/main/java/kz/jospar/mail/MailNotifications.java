package kz.jospar.mail;

import kz.jospar.reporting.BodyReportVariables;

import kz.jospar.engine.InCommand;

import kz.jospar.engine.EngineClock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.jospar.absence.Absences;
import kz.jospar.absence.TaskHandedOver;
import kz.jospar.desk.Notifications;
import kz.jospar.language.UserSettings;
import kz.jospar.reporting.ControlDates;
import kz.jospar.reporting.Extensions;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.reporting.ReportProcess.Vars;
import kz.jospar.reporting.ReportService;
import kz.jospar.reporting.ReportStep;
import kz.jospar.reporting.TaskTitles;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Who is told what when a step happens: one outbox row per person, in their language, and one desk
 * notification per person (whatever their mail settings), both written in the step's own transaction. A task arriving (and, among them, an escalation and a return) is
 * seen by the create listener of every user task; a reminder and an acceptance by the audit trail's
 * steps. Telling people never stops the step: a failure here is logged, counted and left behind.
 */
@Service
class MailNotifications {

  private static final Logger log = LoggerFactory.getLogger(MailNotifications.class);
  private static final Locale KAZAKH = Locale.forLanguageTag("kk");

  private final MailOutbox outbox;
  private final MailTexts texts;
  private final UserSettings settings;
  private final ReportService reports;
  private final IdentityService identity;
  private final TaskService tasks;
  private final Notifications desk;
  private final Counter errors;
  private final Absences absences;
  private final RuntimeService runtime;

  MailNotifications(MailOutbox outbox, MailTexts texts, UserSettings settings, ReportService reports, IdentityService identity,
      TaskService tasks, Notifications desk, MeterRegistry registry, Absences absences, RuntimeService runtime) {
    this.absences = absences;
    this.runtime = runtime;
    this.outbox = outbox;
    this.texts = texts;
    this.settings = settings;
    this.reports = reports;
    this.identity = identity;
    this.tasks = tasks;
    this.desk = desk;
    this.errors = Counter.builder("jospar.mail.notify.errors")
        .description("Steps whose e-mails could not be written to the outbox (see the log)").register(registry);
  }

  /** A user task was created: its candidates (and assignee) are told, in their own language. */
  void taskCreated(DelegateTask task) {
    try {
      Set<String> groups = new LinkedHashSet<>();
      Set<String> users = new LinkedHashSet<>();
      for (IdentityLink link : task.getCandidates()) {
        if (link.getGroupId() != null) {
          groups.add(link.getGroupId());
        } else if (link.getUserId() != null) {
          users.add(link.getUserId());
        }
      }
      if (task.getAssignee() != null) {
        users.add(task.getAssignee());
      }
      taskArrived(task.getId(), task.getTaskDefinitionKey(), task.getName(), task.getProcessInstanceId(),
          task.getExecution().getProcessBusinessKey(), BodyReportVariables.BODY_CODE.from(task),
          BodyReportVariables.BY_AGREEMENT.isTrue(task), task.getDueDate(), groups, users);
    } catch (RuntimeException e) {
      failed("task " + task.getId() + " (" + task.getTaskDefinitionKey() + ")", e);
    }
  }

  /** A claimed task was handed to a deputy for an absence: the deputy is told of it as of a task arriving. */
  @EventListener
  void on(TaskHandedOver handed) {
    try {
      Task task = tasks.createTaskQuery().taskId(handed.taskId()).singleResult();
      if (task == null) {
        return;
      }
      String cycleKey = task.getProcessInstanceId() == null ? null
          : Optional.ofNullable(InCommand.withoutAuthorization(() -> runtime.createProcessInstanceQuery()
              .processInstanceId(task.getProcessInstanceId()).singleResult())).map(p -> p.getBusinessKey()).orElse(null);
      taskArrived(task.getId(), task.getTaskDefinitionKey(), task.getName(), task.getProcessInstanceId(), cycleKey,
          BodyReportVariables.BODY_CODE.from(tasks, task.getId()), BodyReportVariables.BY_AGREEMENT.isTrue(tasks, task.getId()),
          task.getDueDate(), Set.of(), Set.of(handed.deputy()));
    } catch (RuntimeException e) {
      failed("task " + handed.taskId() + " handed to " + handed.deputy(), e);
    }
  }

  private void taskArrived(String taskId, String key, String taskName, String processInstanceId, String cycleKey, String body,
      boolean byAgreement, java.util.Date dueDate, Set<String> groups, Set<String> users) {
    MailKind kind = MailKind.task;
    OffsetDateTime due = dueDate == null ? null : dueDate.toInstant().atOffset(ZoneOffset.UTC);
    String reason = null;
    int level = 0;
    if (ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL1.equals(key) || ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL2.equals(key)) {
      kind = MailKind.escalation;
      level = ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL1.equals(key) ? 1 : 2;
      due = reports.noticeOfProcess(processInstanceId).map(ReportService.Notice::dueAt).orElse(null);
    } else if (ReportProcess.TASK_SUBMIT_REPORT.equals(key)) {
      // the only way back to the submission is a return: Jospar's record says so, and why
      var notice = reports.noticeOfProcess(processInstanceId).orElse(null);
      if (notice != null && ReportProcess.State.returned.name().equals(notice.state())) {
        kind = MailKind.returned;
        reason = notice.returnReason();
      }
    }
    var title = TaskTitles.title(key, byAgreement);
    String unnamed = title == null ? taskName : null;
    if (title == null && taskName != null) {
      title = new kz.jospar.language.LocalizedText(taskName, taskName, taskName);
    }
    notify(new MailTexts.Facts(kind, title, cycleKey, body, due, reason, taskId, level),
        new Notifications.Note(Notifications.Kind.valueOf(kind.name()), key, unnamed, byAgreement, level, cycleKey, body, taskId,
            due, reason), groups, users);
  }

  /** A reminder goes to the body that must submit, an acceptance to the body whose report it was. */
  @EventListener
  void on(ReportStep step) {
    if (step.body() == null || (step.event() != ReportProcess.Event.REMINDED && step.event() != ReportProcess.Event.ACCEPTED)) {
      return;
    }
    try {
      var notice = reports.notice(step.cycleKey(), step.body()).orElse(null);
      if (step.event() == ReportProcess.Event.REMINDED) {
        String taskId = notice == null || notice.processInstanceId() == null ? null : submitTask(notice.processInstanceId());
        OffsetDateTime due = notice == null ? null : notice.dueAt();
        notify(new MailTexts.Facts(MailKind.reminder, null, step.cycleKey(), step.body(), due, null, taskId, 0),
            new Notifications.Note(Notifications.Kind.reminder, taskId == null ? null : ReportProcess.TASK_SUBMIT_REPORT, null, false, 0,
                step.cycleKey(), step.body(), taskId, due, null),
            Set.of(step.body()), Set.of());
      } else {
        notify(new MailTexts.Facts(MailKind.accepted, null, step.cycleKey(), step.body(), null, null, null, 0),
            new Notifications.Note(Notifications.Kind.accepted, null, null, false, 0, step.cycleKey(), step.body(), null, null, null),
            Set.of(step.body()), Set.of());
      }
    } catch (RuntimeException e) {
      failed(step.event() + " " + step.cycleKey() + " " + step.body(), e);
    }
  }

  /** A controlled step's reminder, deadline or level 2: the groups the step names are told, in their language. */
  @EventListener
  void on(ControlDates.Reached reached) {
    try {
      var title = TaskTitles.title(reached.taskKey(), false);
      notify(new MailTexts.Facts(MailKind.deadline, title, reached.cycleKey(), reached.body(), reached.dueAt(), null, reached.taskId(),
              reached.level()),
          new Notifications.Note(Notifications.Kind.deadline, reached.taskKey(), null, false, reached.level(), reached.cycleKey(),
              reached.body(), reached.taskId(), reached.dueAt(), null),
          reached.told(), Set.of());
    } catch (RuntimeException e) {
      failed("control deadline " + reached.level() + " of " + reached.taskKey() + " " + reached.cycleKey(), e);
    }
  }

  /** An extension request asked (the coordinator is told) or decided (the body is told), with its dates and reason. */
  @EventListener
  void on(Extensions.Told told) {
    try {
      notify(new MailTexts.Facts(MailKind.extension, null, told.cycleKey(), told.body(), told.dueAt(), told.reason(), told.taskId(),
              told.level()),
          new Notifications.Note(Notifications.Kind.extension, told.taskId() == null ? null : ReportProcess.TASK_SUBMIT_REPORT, null,
              false, told.level(), told.cycleKey(), told.body(), told.taskId(), told.dueAt(), told.reason()),
          told.groups(), Set.of());
    } catch (RuntimeException e) {
      failed("extension " + told.level() + " of " + told.cycleKey() + " " + told.body(), e);
    }
  }

  private void notify(MailTexts.Facts facts, Notifications.Note note, Collection<String> groups, Collection<String> users) {
    Instant now = EngineClock.instant();
    // an absent person: what is told to their group skips them, what is told to them goes to their deputy
    Map<String, String> away = absences.deputiesNow();
    Map<String, User> people = new LinkedHashMap<>();
    for (String group : groups) {
      try {
        InCommand.withoutAuthorization(() -> identity.createUserQuery().memberOfGroup(group).list()).stream().filter(u -> !away.containsKey(u.getId()))
            .forEach(u -> people.putIfAbsent(u.getId(), u));
      } catch (RuntimeException e) {
        // the directory (Keycloak) did not answer: the step goes on, the loss is visible in the outbox
        log.error("E-mail: the members of group {} could not be read; its {} mail for {} is recorded as failed", group, facts.kind(),
            facts.cycleKey(), e);
        outbox.add(new MailOutbox.NewMail(facts.kind(), "group:" + group, null, "kk", facts.cycleKey(), facts.body(), facts.taskId(),
            "-", "-", null, MailOutbox.State.failed, "members of group " + group + " could not be read: " + e), now);
      }
    }
    for (String addressed : users) {
      String userId = away.getOrDefault(addressed, addressed);
      User u = InCommand.withoutAuthorization(() -> identity.createUserQuery().userId(userId).singleResult());
      if (u != null) {
        people.putIfAbsent(u.getId(), u);
      }
    }
    // the desk tells everyone concerned, whatever they chose for their e-mail and whether they have an address
    try {
      desk.record(note, people.keySet(), now);
    } catch (RuntimeException e) {
      failed("the desk's notifications of " + facts.kind() + " " + facts.cycleKey() + " " + facts.body(), e);
    }
    Map<Locale, MailTexts.Content> rendered = new HashMap<>();
    List<String> skipped = new ArrayList<>();
    for (User person : people.values()) {
      UserSettings.Setting setting = settings.of(person.getId());
      if (setting.mailMode() == UserSettings.MailMode.off) {
        continue;
      }
      if (person.getEmail() == null || person.getEmail().isBlank()) {
        skipped.add(person.getId());
        continue;
      }
      Locale locale = setting.language().orElse(KAZAKH);
      MailTexts.Content c = rendered.computeIfAbsent(locale, l -> texts.render(facts, l));
      outbox.add(new MailOutbox.NewMail(facts.kind(), person.getId(), person.getEmail(), locale.getLanguage(), facts.cycleKey(),
          facts.body(), facts.taskId(), c.subject(), c.text(), c.summary(),
          setting.mailMode() == UserSettings.MailMode.digest ? MailOutbox.State.digest : MailOutbox.State.pending, null), now);
    }
    if (!skipped.isEmpty()) {
      log.debug("E-mail: no address for {}; their {} mail is not written", skipped, facts.kind());
    }
  }

  /**
   * The report's open submission task, for the reminder's link. Inside the engine's command (a reminder
   * is a timer job) it is read by the instance's plain task statement: Camunda's general task query built
   * its SQL at a cost that made it an eighth of the job threads' CPU in an escalation burst (JFR).
   */
  private String submitTask(String processInstanceId) {
    List<? extends Task> found = InCommand.tasksOf(processInstanceId)
        .orElseGet(() -> tasks.createTaskQuery().processInstanceId(processInstanceId).list());
    return found.stream().filter(t -> ReportProcess.TASK_SUBMIT_REPORT.equals(t.getTaskDefinitionKey())).map(Task::getId).sorted()
        .findFirst().orElse(null);
  }

  private void failed(String what, RuntimeException e) {
    errors.increment();
    log.error("E-mail: the notifications of {} could not be written; the step itself goes on", what, e);
  }
}
