package kz.jospar.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.jospar.language.UserSettings;
import kz.jospar.reporting.CycleService;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.reporting.ReportProcess.Vars;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * E-mail notifications end to end: steps of real report cycles write the outbox in their own
 * transaction, the sender talks SMTP to a GreenMail server inside the test, and the test reads the
 * messages people would get — their language, the item, period, due date, reason and link.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
    "JOSPAR_DEMO_DB_URL=jdbc:h2:mem:jospar-mail;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "jospar.mail.scheduled=false",
    "jospar.mail.batch-size=7",
    "jospar.public-url=https://jospar.example.kz",
    "spring.mail.host=127.0.0.1",
    "spring.mail.properties.mail.smtp.starttls.enable=false"})
class MailNotificationsIT {

  // started before the Spring context, which needs its port (a JUnit extension would start too late);
  // one server for the test JVM, shared with the PostgreSQL variant of these tests
  static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

  static {
    smtp.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    smtp.start();
    Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop));
  }

  @DynamicPropertySource
  static void smtpPort(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
  }

  static final String TURKISTAN = "akimat-turkistan";
  static final String TASKLIST = "https://jospar.example.kz/jospar/desk/task/";

  @Autowired ProcessEngine engine;
  @Autowired CycleService cycles;
  @Autowired UserSettings settings;
  @Autowired OutboxSender sender;
  @Autowired DailyDigest digest;
  @Autowired JdbcTemplate jdbc;
  @Autowired JavaMailSenderImpl javaMail;
  @Autowired TestRestTemplate http;
  @Autowired PlatformTransactionManager transactions;
  @Autowired io.micrometer.core.instrument.MeterRegistry metrics;

  @BeforeEach
  void cleanSlate() throws Exception {
    clockAt("2026-11-02T09:00:00+05:00"); // a Monday
    // what earlier tests left to send goes out before this test looks
    sender.sendDue();
    smtp.purgeEmailFromAllMailboxes();
    settings.save(TURKISTAN + ".official", "ru", UserSettings.MailMode.each);
    settings.save(TURKISTAN + ".supervisor", "kk", UserSettings.MailMode.each);
    settings.save(TURKISTAN + ".deputy", "en", UserSettings.MailMode.each);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aTaskArrivingMailsEveryMemberOfTheBodyInTheirOwnLanguage() throws Exception {
    CycleService.OpenedCycle cycle = open("4.8", "2026-H2");
    Task task = submitTask(cycle.cycleKey(), TURKISTAN);

    assertThat(sender.sendDue()).isGreaterThanOrEqualTo(60); // 20 akimats, three people each
    MimeMessage ru = single(TURKISTAN + ".official");
    assertThat(ru.getSubject()).isEqualTo("[Jospar] Сдать отчёт: 4.8 — II полугодие 2026 года [Акимат Туркестанской области]");
    assertThat(text(ru))
        .startsWith("Уважаемый коллега!")
        .contains("Вам поступила новая задача: Сдать отчёт.")
        .contains("Пункт плана: 4.8 ")
        .contains("Период: II полугодие 2026 года")
        .contains("Орган: Акимат Туркестанской области")
        .contains("Срок: 31.12.2026 18:00 (время Астаны)")
        .contains("Открыть задачу: " + TASKLIST + task.getId());
    assertThat(html(ru)).contains("<a href=\"" + TASKLIST + task.getId() + "\">").contains("lang=\"ru\"");
    assertThat(ru.getContentLanguage()).containsExactly("ru");

    MimeMessage kk = single(TURKISTAN + ".supervisor");
    assertThat(kk.getSubject()).startsWith("[Jospar] Есеп тапсыру: 4.8 — 2026 жылғы II жартыжылдық [Түркістан облысының әкімдігі]");
    assertThat(text(kk)).contains("Сізге жаңа тапсырма келді: Есеп тапсыру.").contains("Мерзімі: 31.12.2026 18:00 (Астана уақыты)")
        .contains("Тапсырманы ашу: " + TASKLIST + task.getId());

    MimeMessage en = single(TURKISTAN + ".deputy");
    assertThat(en.getSubject()).startsWith("[Jospar] Submit report: 4.8 — H2 2026");
    assertThat(text(en)).contains("A new task has arrived for you: Submit report.").contains("Due: 31.12.2026 18:00 (Astana time)");

    // nobody outside the body hears of its task
    assertThat(to("akimat-astana.official")).singleElement()
        .satisfies(m -> assertThat(m.getSubject()).contains("2026 жылғы II жартыжылдық").doesNotContain("Түркістан"));
    assertThat(to("coordinator")).isEmpty();
    assertThat(outbox("state = 'pending'")).isZero();
  }

  @Test
  void aReturnTellsTheBodyWhyAndTheNewDueDate() throws Exception {
    CycleService.OpenedCycle cycle = open("8.3", "2026");
    ProcessInstance pi = report(cycle.cycleKey(), TURKISTAN);
    complete(task(pi, ReportProcess.TASK_SUBMIT_REPORT), TURKISTAN + ".official", submission("draft"));
    sender.sendDue();
    // the review arrives with the supervisors only
    assertThat(to(TURKISTAN + ".supervisor")).anySatisfy(m -> assertThat(m.getSubject()).startsWith("[Jospar] Есепті қарау: 8.3 — 2026"));
    assertThat(to(TURKISTAN + ".official")).noneSatisfy(m -> assertThat(m.getSubject()).contains("Рассмотреть"));
    smtp.purgeEmailFromAllMailboxes();

    clockAt("2026-11-04T10:00:00+05:00");
    complete(task(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR), TURKISTAN + ".supervisor",
        Variables.createVariables().putValue(Vars.APPROVED, false).putValue(Vars.RETURN_REASON, "Хаттама жоқ"));
    Task again = task(pi, ReportProcess.TASK_SUBMIT_REPORT);
    sender.sendDue();

    MimeMessage ru = single(TURKISTAN + ".official");
    assertThat(ru.getSubject()).startsWith("[Jospar] Отчёт возвращён: 8.3 — 2026");
    assertThat(text(ru)).contains("Отчёт возвращён на доработку.").contains("Причина: Хаттама жоқ")
        .contains("Срок: 11.11.2026 18:00 (время Астаны)").contains(TASKLIST + again.getId());
    assertThat(text(single(TURKISTAN + ".deputy"))).contains("Reason: Хаттама жоқ").contains("Due: 11.11.2026 18:00");
    assertThat(text(single(TURKISTAN + ".supervisor"))).contains("Себебі: Хаттама жоқ");
  }

  @Test
  void reminderEscalationsAndAcceptanceEachReachTheirPeople() throws Exception {
    CycleService.OpenedCycle cycle = open("4.9", "2026");
    ProcessInstance pi = report(cycle.cycleKey(), TURKISTAN);
    sender.sendDue();
    smtp.purgeEmailFromAllMailboxes();

    fire(timer(pi, ReportProcess.BOUNDARY_REMINDER_DUE));
    sender.sendDue();
    Task submit = task(pi, ReportProcess.TASK_SUBMIT_REPORT);
    MimeMessage reminder = single(TURKISTAN + ".official");
    assertThat(reminder.getSubject()).startsWith("[Jospar] Напоминание: 4.9 — 2026");
    assertThat(text(reminder)).contains("Приближается срок сдачи отчёта").contains("Срок: 31.12.2026 18:00")
        .contains(TASKLIST + submit.getId());
    assertThat(to("coordinator")).isEmpty();
    smtp.purgeEmailFromAllMailboxes();

    fire(timer(pi, ReportProcess.BOUNDARY_DEADLINE_PASSED));
    sender.sendDue();
    Task overdue = task(pi, ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL1);
    MimeMessage level1 = single(TURKISTAN + ".supervisor");
    assertThat(level1.getSubject()).startsWith("[Jospar] Мерзімі өтті: 4.9 — 2026");
    assertThat(text(level1)).contains("Орган есебін мерзімінде тапсырмады: шара қабылдаңыз немесе түсіндіріңіз.")
        .contains("Мерзімі: 31.12.2026 18:00").contains(TASKLIST + overdue.getId());
    assertThat(to(TURKISTAN + ".official")).isEmpty(); // the escalation is the supervisors'
    smtp.purgeEmailFromAllMailboxes();

    fire(timer(pi, ReportProcess.BOUNDARY_LEVEL2_DUE));
    sender.sendDue();
    assertThat(single("coordinator").getSubject()).startsWith("[Jospar] Мерзімі өтті (2-деңгей): 4.9 — 2026");
    assertThat(text(single("coordinator"))).contains("(2-деңгей)").contains(TASKLIST + task(pi, ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL2).getId());
    smtp.purgeEmailFromAllMailboxes();

    complete(task(pi, ReportProcess.TASK_SUBMIT_REPORT), TURKISTAN + ".official", submission("late, but done"));
    complete(task(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR), TURKISTAN + ".supervisor", Variables.createVariables().putValue(Vars.APPROVED, true));
    sender.sendDue();
    assertThat(to("coordinator")).anySatisfy(m -> assertThat(m.getSubject()).startsWith("[Jospar] Есепті қабылдау: 4.9 — 2026"));
    smtp.purgeEmailFromAllMailboxes();
    complete(task(pi, ReportProcess.TASK_REVIEW_BY_COORDINATOR), "coordinator", Variables.createVariables().putValue(Vars.ACCEPTED, true));
    sender.sendDue();
    MimeMessage accepted = single(TURKISTAN + ".deputy");
    assertThat(accepted.getSubject()).startsWith("[Jospar] Report accepted: 4.9 — 2026").endsWith(" [Akimat of Turkistan region]");
    assertThat(text(accepted)).contains("The report has been accepted.").contains("My work: https://jospar.example.kz/jospar/desk");
  }

  @Test
  void aDigestReaderGetsOneMessageWithEveryItemAtTheDigestRun() throws Exception {
    String reader = "akimat-abai.official";
    settings.save(reader, "en", UserSettings.MailMode.digest);
    settings.save("akimat-abai.supervisor", null, UserSettings.MailMode.off);
    try {
      open("9.1", "2026-Q4");
      open("9.2", "2026-Q4");
      sender.sendDue();
      assertThat(to(reader)).isEmpty();
      assertThat(to("akimat-abai.supervisor")).isEmpty();
      assertThat(to("akimat-abai.deputy")).hasSizeGreaterThanOrEqualTo(2); // one per event, the default

      // a mail sent long ago, which the daily run forgets (failed ones stay for the administrator)
      jdbc.update("INSERT INTO jospar_mail_outbox (kind, recipient, address, locale, subject, body_text, state, attempts, next_attempt_at, "
          + "created_at) VALUES ('task', 'old', 'old@demo.jospar.kz', 'kk', 'old', 'old', 'sent', 1, TIMESTAMP '2026-01-01 00:00:00', "
          + "TIMESTAMP '2026-01-01 00:00:00')");

      clockAt("2026-11-03T08:00:00+05:00");
      assertThat(digest.run()).isGreaterThanOrEqualTo(1);
      assertThat(outbox("recipient = 'old'")).isZero();
      assertThat(outbox("state = 'sent'")).isPositive();
      assertThat(digest.run()).isZero(); // a second run (another node) finds nothing left
      sender.sendDue();
      MimeMessage daily = single(reader);
      assertThat(daily.getSubject()).startsWith("[Jospar] Daily digest: ");
      assertThat(text(daily)).contains("Your notifications of the last day")
          .contains("• Submit report: 9.1 — Q4 2026").contains("• Submit report: 9.2 — Q4 2026")
          .contains("Due: ").contains(TASKLIST);
      assertThat(outbox("recipient = '" + reader + "' AND state = 'digest'")).isZero();
    } finally {
      settings.save(reader, null, UserSettings.MailMode.each);
      settings.save("akimat-abai.supervisor", null, UserSettings.MailMode.each);
    }
  }

  @Test
  void whenTheSmtpServerIsDownTheTaskStillCompletesAndTheMailIsRetriedUntilSent() throws Exception {
    CycleService.OpenedCycle cycle = open("8.1", "2026");
    sender.sendDue();
    smtp.purgeEmailFromAllMailboxes();
    ProcessInstance pi = report(cycle.cycleKey(), TURKISTAN);
    int port = javaMail.getPort();
    try (ServerSocket closed = new ServerSocket(0)) {
      javaMail.setPort(closed.getLocalPort()); // nothing answers SMTP there
    }
    try {
      complete(task(pi, ReportProcess.TASK_SUBMIT_REPORT), TURKISTAN + ".official", submission("done"));
      assertThat(task(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR)).isNotNull(); // the step went on

      // the first due mail's attempt counts and it waits a minute; the run stops there, the other mail is not tried
      assertThat(sender.sendDue()).isZero();
      List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM jospar_mail_outbox WHERE cycle_key = ? AND body_code = ? "
          + "AND task_id = ?", cycle.cycleKey(), TURKISTAN, task(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR).getId());
      assertThat(rows).hasSize(2).extracting(r -> r.get("ATTEMPTS")).containsExactlyInAnyOrder(1, 0);
      assertThat(rows).filteredOn(r -> r.get("ATTEMPTS").equals(1)).singleElement().satisfies(r -> {
        assertThat(r.get("STATE")).isEqualTo("pending");
        assertThat(instant(r.get("NEXT_ATTEMPT_AT"))).isEqualTo(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofMinutes(1)));
        assertThat((String) r.get("LAST_ERROR")).contains("MailSendException").contains("Mail server connection failed");
      });
      // the next run tries the other one; then neither is due before the minute is over
      sender.sendDue();
      assertThat(outbox("state = 'pending' AND attempts = 1")).isEqualTo(2);
      sender.sendDue();
      assertThat(outbox("state = 'pending' AND attempts = 1")).isEqualTo(2);

      javaMail.setPort(port); // the server is back
      ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofMinutes(1).toMillis()));
      assertThat(sender.sendDue()).isEqualTo(2);
      assertThat(single(TURKISTAN + ".supervisor").getSubject()).startsWith("[Jospar] Есепті қарау: 8.1 — 2026");
      assertThat(to(TURKISTAN + ".deputy")).hasSize(1);
      assertThat(outbox("state = 'pending'")).isZero();
    } finally {
      javaMail.setPort(port);
    }
  }

  @Test
  void aMailOutOfRetriesIsFailedVisibleToAdministratorsAndCanBeRetried() throws Exception {
    CycleService.OpenedCycle cycle = open("10.2", "2026-Q4");
    sender.sendDue();
    smtp.purgeEmailFromAllMailboxes();
    ProcessInstance pi = report(cycle.cycleKey(), TURKISTAN);
    int port = javaMail.getPort();
    try (ServerSocket closed = new ServerSocket(0)) {
      javaMail.setPort(closed.getLocalPort());
    }
    try {
      complete(task(pi, ReportProcess.TASK_SUBMIT_REPORT), TURKISTAN + ".official", submission("done"));
      // the first attempt and one after each of the four waits (1 min, 5 min, 30 min, 2 h); a run stops at
      // the first mail the server does not take, so the two mails take turns
      for (int run = 0; run < 20 && outbox("state = 'failed' AND cycle_key = '" + cycle.cycleKey() + "'") < 2; run++) {
        sender.sendDue();
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofHours(3).toMillis()));
      }
      assertThat(outbox("state = 'failed' AND attempts = 5 AND cycle_key = '" + cycle.cycleKey() + "'")).isEqualTo(2);
    } finally {
      javaMail.setPort(port);
    }
    assertThat(sender.sendDue()).isZero(); // failed stays failed
    assertThat(metrics.get("jospar.mail.failed").gauge().value()).isGreaterThanOrEqualTo(2);
    assertThat(metrics.get("jospar.mail.send.errors").counter().count()).isGreaterThanOrEqualTo(10);

    ResponseEntity<Map> refused = http.withBasicAuth(TURKISTAN + ".supervisor", "demo").getForEntity("/api/mail/outbox?state=failed", Map.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<Map> failed = http.withBasicAuth("admin", "demo").getForEntity("/api/mail/outbox?state=failed", Map.class);
    assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(failed.getBody()).containsEntry("smtpConfigured", true);
    List<Map<String, Object>> mails = (List<Map<String, Object>>) failed.getBody().get("mails");
    assertThat(mails).filteredOn(m -> cycle.cycleKey().equals(m.get("cycleKey"))).hasSize(2).allSatisfy(m -> {
      assertThat(m.get("attempts")).isEqualTo(5);
      assertThat((String) m.get("lastError")).contains("MailSendException");
      assertThat(m).doesNotContainKey("text");
    });
    Number id = (Number) mails.stream().filter(m -> cycle.cycleKey().equals(m.get("cycleKey"))).findFirst().orElseThrow().get("id");
    ResponseEntity<Map> retried = http.withBasicAuth("admin", "demo").postForEntity("/api/mail/outbox/" + id + "/retry", null, Map.class);
    assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(retried.getBody()).containsEntry("state", "pending");
    assertThat(sender.sendDue()).isEqualTo(1);
    assertThat(http.withBasicAuth("admin", "demo").postForEntity("/api/mail/outbox/" + id + "/retry", null, Map.class).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void twoSendersAtOnceSendEachMailOnce() throws Exception {
    open("10.6", "2026"); // 71 mails: 23 bodies, three or four people each
    long due = outbox("state = 'pending'");
    assertThat(due).isGreaterThanOrEqualTo(60);
    CyclicBarrier start = new CyclicBarrier(2);
    Callable<Integer> run = () -> {
      start.await();
      return sender.sendDue();
    };
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> a = nodes.submit(run);
      Future<Integer> b = nodes.submit(run);
      assertThat(a.get() + b.get()).isEqualTo((int) due);
    } finally {
      nodes.shutdownNow();
    }
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize((int) due);
    List<String> keys = new ArrayList<>();
    for (MimeMessage m : received) {
      keys.add(Arrays.toString(m.getAllRecipients()) + " " + m.getSubject());
    }
    assertThat(keys).doesNotHaveDuplicates();
    assertThat(outbox("state = 'pending'")).isZero();
  }

  @Test
  void aStepRolledBackAfterItsMailsWereWrittenSendsNothing() throws Exception {
    CycleService.OpenedCycle cycle = open("16.1", "2026");
    sender.sendDue();
    smtp.purgeEmailFromAllMailboxes();
    ProcessInstance pi = report(cycle.cycleKey(), TURKISTAN);
    String review = "cycle_key = '" + cycle.cycleKey() + "' AND body_code = '" + TURKISTAN + "' AND recipient LIKE '" + TURKISTAN + ".%'";

    // the submission creates the supervisors' review and its mails, then the step fails as a whole
    new TransactionTemplate(transactions).executeWithoutResult(tx -> {
      complete(task(pi, ReportProcess.TASK_SUBMIT_REPORT), TURKISTAN + ".official", submission("done"));
      assertThat(outbox(review + " AND state = 'pending'")).isEqualTo(2); // written, in the step's transaction
      tx.setRollbackOnly();
    });

    assertThat(task(pi, ReportProcess.TASK_SUBMIT_REPORT)).isNotNull();
    assertThat(outbox(review + " AND state = 'pending'")).isZero();
    assertThat(sender.sendDue()).isZero();
    assertThat(smtp.getReceivedMessages()).isEmpty();

    // the same step committed: its mails go out
    complete(task(pi, ReportProcess.TASK_SUBMIT_REPORT), TURKISTAN + ".official", submission("done"));
    assertThat(sender.sendDue()).isEqualTo(2);
    assertThat(to(TURKISTAN + ".supervisor")).singleElement().satisfies(m -> assertThat(m.getSubject()).startsWith("[Jospar] Есепті қарау: 16.1"));
  }

  @Test
  void mailsAboutWorkDoneBeforeTheOutboxRanAreSkippedWithTheReasonWhileAnOpenTasksMailArrives() throws Exception {
    CycleService.OpenedCycle cycle = open("4.5", "2026");
    sender.sendDue();
    smtp.purgeEmailFromAllMailboxes();
    ProcessInstance pi = report(cycle.cycleKey(), TURKISTAN);
    Task submit = task(pi, ReportProcess.TASK_SUBMIT_REPORT);

    // while the outbox does not run (no server, say): a reminder, the submission, the review decided by the deputy
    fire(timer(pi, ReportProcess.BOUNDARY_REMINDER_DUE));
    assertThat(outbox("kind = 'reminder' AND task_id = '" + submit.getId() + "' AND state = 'pending'")).isEqualTo(3);
    complete(submit, TURKISTAN + ".official", submission("done"));
    Task review = task(pi, ReportProcess.TASK_REVIEW_BY_SUPERVISOR);
    assertThat(outbox("task_id = '" + review.getId() + "' AND state = 'pending'")).isEqualTo(2);
    complete(review, TURKISTAN + ".deputy", Variables.createVariables().putValue(Vars.APPROVED, true));
    Task acceptance = task(pi, ReportProcess.TASK_REVIEW_BY_COORDINATOR);

    // the outbox runs: only the acceptance, still waiting for the coordinators, is sent
    assertThat(sender.sendDue()).isEqualTo(2);
    assertThat(to(TURKISTAN + ".official")).isEmpty();
    assertThat(to(TURKISTAN + ".supervisor")).isEmpty();
    assertThat(to(TURKISTAN + ".deputy")).isEmpty();
    assertThat(single("coordinator").getSubject()).startsWith("[Jospar] Есепті қабылдау: 4.5 — 2026");
    assertThat(text(single("coordinator"))).contains(TASKLIST + acceptance.getId());
    assertThat(single("coordinator2")).isNotNull();
    // the submission's reminders (its arrival was told when the period opened) and the review's arrival
    for (Task done : List.of(submit, review)) {
      assertThat(jdbc.queryForList("SELECT state, skipped_because, sent_at FROM jospar_mail_outbox WHERE task_id = ? AND kind = ?",
          done.getId(), done == submit ? "reminder" : "task")).hasSize(done == submit ? 3 : 2).allSatisfy(r -> {
            assertThat(r.get("STATE")).isEqualTo("skipped");
            assertThat((String) r.get("SKIPPED_BECAUSE")).startsWith("task " + done.getId() + " is no longer open: completed at ")
                .endsWith("; not sent");
            assertThat(r.get("SENT_AT")).isNull();
          });
    }
    assertThat(outbox("state = 'pending'")).isZero();
    assertThat(sender.sendDue()).isZero(); // skipped stays skipped
    assertThat(smtp.getReceivedMessages()).hasSize(2);
    assertThat(metrics.get("jospar.mail.skipped").counter().count()).isGreaterThanOrEqualTo(5);

    // administrators see why
    ResponseEntity<Map> listed = http.withBasicAuth("admin", "demo").getForEntity("/api/mail/outbox?state=skipped", Map.class);
    assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((List<Map<String, Object>>) listed.getBody().get("mails")).filteredOn(m -> review.getId().equals(m.get("taskId")))
        .hasSize(2).allSatisfy(m -> assertThat((String) m.get("skippedBecause")).contains("is no longer open"));
  }

  @Test
  void aDigestLeavesOutWhatWasDoneSinceAndSaysTheRest() throws Exception {
    String reader = "akimat-jetisu.official";
    settings.save(reader, "en", UserSettings.MailMode.digest);
    try {
      open("4.2", "2026");
      open("4.7", "2026");
      sender.sendDue();
      smtp.purgeEmailFromAllMailboxes();
      ProcessInstance done = report("4.2/2026", "akimat-jetisu");
      String doneTask = task(done, ReportProcess.TASK_SUBMIT_REPORT).getId();
      complete(task(done, ReportProcess.TASK_SUBMIT_REPORT), reader, submission("done").putValue(Vars.ACHIEVED_COUNT, 5L));

      // the same daily run forgets desk notifications read long ago; unread ones wait for their reader
      for (String readAt : new String[] {"TIMESTAMP '2026-01-01 00:00:00'", "NULL"}) {
        jdbc.update("INSERT INTO jospar_notification (recipient, kind, by_agreement, escalation_level, created_at, read_at) "
            + "VALUES ('old-reader', 'accepted', FALSE, 0, TIMESTAMP '2026-01-01 00:00:00', " + readAt + ")");
      }

      clockAt("2026-11-03T08:00:00+05:00");
      digest.run();
      assertThat(jdbc.queryForList("SELECT read_at FROM jospar_notification WHERE recipient = 'old-reader'")).singleElement()
          .satisfies(r -> assertThat(r.get("READ_AT")).isNull());
      sender.sendDue();
      String daily = text(single(reader));
      assertThat(daily).contains("Your notifications of the last day (1)").contains("• Submit report: 4.7 — ").doesNotContain("4.2 — ");
      assertThat(jdbc.queryForObject("SELECT skipped_because FROM jospar_mail_outbox WHERE recipient = ? AND task_id = ?", String.class,
          reader, doneTask)).isEqualTo("task " + doneTask + " is no longer open; left out of the daily digest");
    } finally {
      settings.save(reader, null, UserSettings.MailMode.each);
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  static void clockAt(String isoWithOffset) {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(isoWithOffset).toInstant()));
  }

  CycleService.OpenedCycle open(String row, String period) {
    return as("coordinator", () -> cycles.open(row, period, "coordinator", null));
  }

  ProcessInstance report(String cycleKey, String body) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(ReportProcess.BODY_REPORT)
        .processInstanceBusinessKey(cycleKey).variableValueEquals(Vars.BODY_CODE, body).singleResult();
  }

  Task submitTask(String cycleKey, String body) {
    return task(report(cycleKey, body), ReportProcess.TASK_SUBMIT_REPORT);
  }

  Task task(ProcessInstance pi, String key) {
    return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
  }

  Job timer(ProcessInstance pi, String activityId) {
    return engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers().activityId(activityId).singleResult();
  }

  void fire(Job job) {
    ClockUtil.setCurrentTime(job.getDuedate());
    engine.getManagementService().executeJob(job.getId());
  }

  void complete(Task task, String user, Map<String, Object> variables) {
    as(user, () -> {
      engine.getTaskService().claim(task.getId(), user);
      engine.getTaskService().complete(task.getId(), variables);
      return null;
    });
  }

  <T> T as(String user, java.util.function.Supplier<T> action) {
    List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      return action.get();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  static VariableMap submission(String text) {
    return Variables.createVariables().putValue(Vars.REPORT_TEXT, text).putValueTyped(Vars.REPORT_DOCUMENT,
        Variables.fileValue("report.pdf").file("%PDF-1.4 test".getBytes()).mimeType("application/pdf").create());
  }

  /** A timestamp column as H2 (OffsetDateTime) or PostgreSQL (Timestamp) hands it over. */
  static java.time.Instant instant(Object column) {
    return column instanceof java.sql.Timestamp t ? t.toInstant() : ((OffsetDateTime) column).toInstant();
  }

  long outbox(String where) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM jospar_mail_outbox WHERE " + where, Long.class);
  }

  /** The messages delivered to a demo person. */
  List<MimeMessage> to(String userId) throws Exception {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(userId + "@demo.jospar.kz"))) {
        out.add(m);
      }
    }
    return out;
  }

  MimeMessage single(String userId) throws Exception {
    List<MimeMessage> found = to(userId);
    assertThat(found).as("messages to " + userId).hasSize(1);
    return found.get(0);
  }

  static String text(Part part) throws Exception {
    return part(part, "text/plain");
  }

  static String html(Part part) throws Exception {
    return part(part, "text/html");
  }

  private static String part(Part part, String type) throws Exception {
    if (part.isMimeType(type)) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart p = multipart.getBodyPart(i);
        String found = part(p, type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
