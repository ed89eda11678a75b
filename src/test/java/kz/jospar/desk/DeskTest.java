package kz.jospar.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.reporting.CycleService;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.support.EmbeddedPostgresSupport;
import kz.jospar.support.WebappSession;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

/**
 * "My work" on a real PostgreSQL, through HTTP in the webapps' session: a person sees their groups'
 * open tasks and nobody else's, in their language, overdue first with the days past, names instead of
 * ids; the work items follow the engine's tasks and are rebuilt from them at start.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=false", "jospar.demo.allow-any-database=true"})
@ActiveProfiles({"demo", "postgres"})
class DeskTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresSupport.register(registry, "jospar_desk");
  }

  static final String TURKISTAN = "akimat-turkistan";
  static final String ASTANA = "akimat-astana";
  static final ZoneId ASTANA_TIME = ZoneId.of("Asia/Almaty");

  @Autowired CycleService cycles;
  @Autowired ProcessEngine engine;
  @Autowired PlanCatalog catalog;
  @Autowired JdbcTemplate jdbc;
  @Autowired WorkItems workItems;
  @LocalServerPort int port;

  @BeforeEach
  void clock() {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-11-16T10:00:00+05:00").toInstant()));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void anOfficialSeesOnlyTheirBodysWorkInTheirLanguageOverdueFirstWithNames() {
    // two periods of row 4.8 for the twenty akimats: the first due on 2026-11-20, the second later
    OffsetDateTime firstDue = OffsetDateTime.parse("2026-11-20T18:00:00+05:00");
    cycles.open("4.8", "2026-H2", "coordinator", firstDue);
    String officialId = TURKISTAN + ".official";
    WebappSession official = new WebappSession(port).login(officialId, "demo");

    String ru = page(official, "/jospar/desk?lang=ru");
    String turkistanRu = catalog.bodies().find(TURKISTAN).orElseThrow().name().ru();
    String astanaRu = catalog.bodies().find(ASTANA).orElseThrow().name().ru();
    assertThat(ru).contains("Мои задачи", "Сдать отчёт", catalog.row("4.8").orElseThrow().name().ru(), turkistanRu)
        .contains("осталось 4 рабочих дня") // Tue, Wed, Thu, Fri after Monday the 16th
        .doesNotContain(astanaRu);
    assertThat(rows(page(official, "/jospar/desk?lang=ru&row=4.8"))).as("one task of row 4.8: the body's own").isEqualTo(1);
    String kk = page(official, "/jospar/desk?lang=kk");
    assertThat(kk).contains("Менің тапсырмаларым", "Есеп тапсыру", catalog.row("4.8").orElseThrow().name().kk(), "4 жұмыс күні қалды");

    // three days past the control date: marked in colour, symbol and words, and first
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-11-23T10:00:00+05:00").toInstant()));
    cycles.open("4.7", "2026", "coordinator", OffsetDateTime.parse("2026-12-10T18:00:00+05:00"));
    String late = page(official, "/jospar/desk?lang=ru");
    assertThat(late).contains("class=\"t-overdue\"", "⚠", "просрочено на 3 дня", "просрочено: 1");
    assertThat(late.indexOf("t-overdue")).as("overdue first").isLessThan(late.indexOf("t-on_time"));
    String en = page(official, "/jospar/desk?lang=en&kind=" + ReportProcess.TASK_SUBMIT_REPORT + "&row=4.8");
    assertThat(en).contains("3 days overdue");
    assertThat(rows(en)).as("narrowed to item 4.8").isEqualTo(1);

    // claimed: "you" for the holder, their name (not their id) for the body's supervisor
    Task submit = engine.getTaskService().createTaskQuery().processInstanceBusinessKey("4.8/2026-H2").taskCandidateGroup(TURKISTAN)
        .singleResult();
    assertThat(official.api("POST", "/camunda/api/engine/engine/default/task/" + submit.getId() + "/claim",
        "{\"userId\":\"" + officialId + "\"}").statusCode()).isEqualTo(204);
    assertThat(page(official, "/jospar/desk?lang=ru&row=4.8")).contains("<td>вы</td>");
    WebappSession supervisor = new WebappSession(port).login(TURKISTAN + ".supervisor", "demo");
    String seen = page(supervisor, "/jospar/desk?lang=ru&row=4.8");
    String name = engine.getIdentityService().createUserQuery().userId(officialId).singleResult().getLastName();
    assertThat(seen).contains("Official " + name).doesNotContain(">" + officialId + "<");

    // the search looks in what the list says, in the reader's language
    String all = page(official, "/jospar/desk?lang=ru");
    assertThat(rows(page(official, "/jospar/desk?lang=ru&q=" + java.net.URLEncoder.encode("сдать", java.nio.charset.StandardCharsets.UTF_8))))
        .isEqualTo(rows(all)).isGreaterThanOrEqualTo(2);
    assertThat(rows(page(official, "/jospar/desk?lang=ru&q=4.8"))).isEqualTo(1);
    assertThat(page(official, "/jospar/desk?lang=ru&q=zzzz-nothing")).contains("Здесь ничего не ждёт вас.");
  }

  @Test
  void theWorkItemsAreTheEnginesOpenTasksAndAreRebuiltFromThem() {
    cycles.open("4.9", "2026", "coordinator", null);
    assertThat(workItemTasks()).isEqualTo(engineTasks());
    Task one = engine.getTaskService().createTaskQuery().taskCandidateGroup(ASTANA).list().get(0);
    engine.getTaskService().claim(one.getId(), ASTANA + ".official");
    assertThat(jdbc.queryForObject("SELECT assignee FROM jospar_work_item WHERE task_id = ?", String.class, one.getId()))
        .isEqualTo(ASTANA + ".official");
    engine.getTaskService().complete(one.getId(), Map.of("reportText", "done", "reportDocument",
        Variables.fileValue("report.pdf").file("%PDF-1.4 done".getBytes()).mimeType("application/pdf").create()));
    assertThat(workItemTasks()).isEqualTo(engineTasks()).doesNotContain(one.getId());

    // a database from before the desk, or rows lost: rebuilt at start from the engine's tasks
    jdbc.update("DELETE FROM jospar_work_item WHERE candidate_group = ?", TURKISTAN);
    jdbc.update("INSERT INTO jospar_work_item (task_id, candidate_group, task_key, process_instance_id, created_at) "
        + "VALUES ('gone', 'x', 'k', 'p', CURRENT_TIMESTAMP)");
    workItems.reconcile();
    assertThat(workItemTasks()).isEqualTo(engineTasks());
  }

  List<String> workItemTasks() {
    return jdbc.queryForList("SELECT DISTINCT task_id FROM jospar_work_item ORDER BY task_id", String.class);
  }

  List<String> engineTasks() {
    return jdbc.queryForList("SELECT DISTINCT t.ID_ FROM ACT_RU_TASK t JOIN ACT_RU_IDENTITYLINK l ON l.TASK_ID_ = t.ID_ "
        + "AND l.TYPE_ = 'candidate' AND l.GROUP_ID_ IS NOT NULL ORDER BY t.ID_", String.class);
  }

  static String page(WebappSession session, String path) {
    HttpResponse<String> r = session.get(path, "text/html");
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return HtmlUtils.htmlUnescape(r.body());
  }

  static int rows(String html) {
    return html.split("<tr class=\"t-", -1).length - 1;
  }
}
