package kz.jospar.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import kz.jospar.support.EmbeddedPostgresSupport;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Who sees which task through the engine's task query, with Jospar's copy of Task.xml, on PostgreSQL:
 * every question, a person's own candidate tasks included, takes the engine's authorization check,
 * so a candidate link alone (made while authorization was off, or whose grant was stripped or
 * removed, or for a group the person's sign-in does not carry) shows nothing.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
class TaskListAuthorizationTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresSupport.register(registry, "jospar_tasklist");
  }

  static final String TURKISTAN = "akimat-turkistan";
  static final String ALMATY = "akimat-almaty";
  static final String ANNA = "tl-turkistan.official";
  static final String BOLAT = "tl-almaty.official";

  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired AuthorizationService authorizationService;
  @Autowired JdbcTemplate jdbc;

  String turkistanTask;
  String almatyTask;

  @BeforeEach
  void twoBodiesWithATaskEach() {
    runtimeService.createProcessInstanceQuery().processDefinitionKey("TaskListCheck").list()
        .forEach(p -> runtimeService.deleteProcessInstance(p.getId(), "next test"));
    person(ANNA, TURKISTAN);
    person(BOLAT, ALMATY);
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey("TaskListCheck").count() == 0) {
      repositoryService.createDeployment().addModelInstance("task-list-check.bpmn", Bpmn.createExecutableProcess("TaskListCheck")
          .startEvent().userTask("Report").camundaCandidateGroups("${body}").endEvent().done()).deploy();
    }
    turkistanTask = openTask(TURKISTAN, 2);
    almatyTask = openTask(ALMATY, 1);
  }

  @AfterEach
  void signOut() {
    identityService.clearAuthentication();
  }

  @Test
  void aPersonSeesTheirBodysTasksAndNoOthers() {
    as(ANNA);
    assertThat(ids(taskService.createTaskQuery().taskCandidateUser(ANNA))).containsExactly(turkistanTask);
    assertThat(taskService.createTaskQuery().taskCandidateUser(ANNA).count()).isEqualTo(1);
    assertThat(ids(taskService.createTaskQuery().taskCandidateGroupIn(List.of(TURKISTAN, "official")).includeAssignedTasks()))
        .containsExactly(turkistanTask);
    as(BOLAT);
    assertThat(ids(taskService.createTaskQuery().taskCandidateUser(BOLAT))).containsExactly(almatyTask);
  }

  @Test
  void askingForSomebodyElsesTasksKeepsTheAuthorizationCheck() {
    as(ANNA);
    // Bolat's candidate tasks, asked by Anna: the engine's check applies, and Anna may not read Almaty's task
    assertThat(ids(taskService.createTaskQuery().taskCandidateUser(BOLAT))).isEmpty();
    assertThat(taskService.createTaskQuery().taskCandidateUser(BOLAT).count()).isZero();
    // a group Anna is not a member of
    assertThat(ids(taskService.createTaskQuery().taskCandidateGroup(ALMATY))).isEmpty();
    assertThat(ids(taskService.createTaskQuery().taskCandidateGroupIn(List.of(TURKISTAN, ALMATY)))).containsExactly(turkistanTask);
    // her own candidate tasks widened by an "or" to every task of the process, or a group pattern: checked
    assertThat(ids(taskService.createTaskQuery().or().taskCandidateUser(ANNA).processDefinitionKey("TaskListCheck").endOr()))
        .containsExactly(turkistanTask);
    assertThat(ids(taskService.createTaskQuery().taskCandidateGroupLike("akimat-%"))).containsExactly(turkistanTask);
  }

  @Test
  void aCandidateLinkWithoutTheTasksAuthorizationShowsNothingInAnyQuery() {
    as(ANNA);
    assertThat(ids(taskService.createTaskQuery().taskId(turkistanTask))).containsExactly(turkistanTask);
    identityService.clearAuthentication();
    // the authorization the engine gave Turkistan's group when it linked it as the task's candidate
    Authorization grant = authorizationService.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(turkistanTask)
        .groupIdIn(TURKISTAN).singleResult();
    assertThat(grant).as("the engine grants the candidate group the task").isNotNull();
    authorizationService.deleteAuthorization(grant.getId());

    as(ANNA);
    // Camunda's own check decides every query, "my candidate tasks" included: no shortcut from the candidate link
    assertThat(ids(taskService.createTaskQuery().taskId(turkistanTask))).isEmpty();
    assertThat(ids(taskService.createTaskQuery().processDefinitionKey("TaskListCheck"))).isEmpty();
    assertThat(ids(taskService.createTaskQuery().taskCandidateUser(ANNA))).isEmpty();
    assertThat(taskService.createTaskQuery().taskCandidateUser(ANNA).count()).isZero();
    assertThat(ids(taskService.createTaskQuery().taskCandidateGroupIn(List.of(TURKISTAN)).includeAssignedTasks())).isEmpty();
  }

  @Test
  void aGrantStrippedOfReadOrAGroupTheTokenDoesNotCarryShowsNothing() {
    identityService.clearAuthentication();
    Authorization grant = authorizationService.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(turkistanTask)
        .groupIdIn(TURKISTAN).singleResult();
    grant.removePermission(org.camunda.bpm.engine.authorization.Permissions.READ);
    authorizationService.saveAuthorization(grant);
    as(ANNA);
    assertThat(ids(taskService.createTaskQuery().taskCandidateUser(ANNA))).isEmpty();
    assertThat(taskService.createTaskQuery().taskCandidateUser(ANNA).count()).isZero();

    // the directory says Bolat is in Almaty's group; signed in without it, he sees none of its tasks
    identityService.setAuthentication(BOLAT, List.of("official"));
    assertThat(ids(taskService.createTaskQuery().taskCandidateUser(BOLAT))).isEmpty();
    assertThat(taskService.createTaskQuery().taskCandidateUser(BOLAT).count()).isZero();
  }

  @Test
  void aGrantOnEveryTaskShowsEveryTaskAndNothingOnceItIsGone() {
    if (identityService.createGroupQuery().groupId("tl-readers").count() == 0) {
      identityService.saveGroup(identityService.newGroup("tl-readers"));
    }
    Authorization all = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    all.setGroupId("tl-readers");
    all.setResource(Resources.TASK);
    all.setResourceId(Authorization.ANY);
    all.addPermission(org.camunda.bpm.engine.authorization.Permissions.READ);
    all = authorizationService.saveAuthorization(all);
    identityService.setAuthentication("tl-reader", List.of("tl-readers"));
    assertThat(ids(taskService.createTaskQuery().processDefinitionKey("TaskListCheck"))).containsExactlyInAnyOrder(turkistanTask, almatyTask);
    assertThat(taskService.createTaskQuery().processDefinitionKey("TaskListCheck").count()).isEqualTo(2);
    identityService.clearAuthentication();
    authorizationService.deleteAuthorization(all.getId());
    identityService.setAuthentication("tl-reader", List.of("tl-readers"));
    assertThat(ids(taskService.createTaskQuery().processDefinitionKey("TaskListCheck"))).isEmpty();
    assertThat(taskService.createTaskQuery().processDefinitionKey("TaskListCheck").count()).isZero();
  }

  @Test
  void theDueDateIndexExistsAndTheOwnTaskListComesInDueOrder() {
    assertThat(jdbc.queryForObject("select count(*) from pg_indexes where indexname = 'jospar_ix_task_due_date'", Integer.class))
        .isEqualTo(1);
    String later = openTask(TURKISTAN, 9);
    String sooner = openTask(TURKISTAN, 1);
    as(ANNA);
    List<Task> page = taskService.createTaskQuery().taskCandidateUser(ANNA).orderByDueDate().asc().listPage(0, 15);
    // opened out of due order, listed in it (which plan PostgreSQL picks is docs/benchmarks.md's business, not this test's)
    assertThat(page).extracting(Task::getId).containsExactly(sooner, turkistanTask, later);
  }

  @Test
  void theGroupsWithAuthorizationsAreThoseCamundaWouldFind() {
    for (String g : List.of("tl-no-authorizations", "tl-new-group")) {
      if (identityService.createGroupQuery().groupId(g).count() == 0) {
        identityService.saveGroup(identityService.newGroup(g));
      }
    }
    // one group with none left: its authorizations removed
    authorizationService.createAuthorizationQuery().groupIdIn("tl-no-authorizations").list()
        .forEach(a -> authorizationService.deleteAuthorization(a.getId()));
    var engine = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) org.camunda.bpm.engine.ProcessEngines.getDefaultProcessEngine()
        .getProcessEngineConfiguration();
    List<List<String>> asked = List.of(List.of(TURKISTAN, "official"), List.of("coordinator", "aqdm"), List.of(ALMATY, ALMATY + "-supervisors",
        "supervisor"), List.of("tl-no-authorizations", "no-such-group", TURKISTAN), List.of("tl-no-authorizations"), List.of("tl-new-group"), List.of());
    for (List<String> groups : asked) {
      engine.getCommandExecutorTxRequired().execute(ctx -> {
        assertThat(ctx.getAuthorizationManager()).isInstanceOf(AuthorizedGroupsPlugin.JosparAuthorizationManager.class);
        java.util.Set<String> camunda = new java.util.HashSet<>(ctx.getDbEntityManager().<String>selectList("selectAuthorizedGroupIds"));
        camunda.retainAll(groups);
        assertThat(ctx.getAuthorizationManager().filterAuthenticatedGroupIds(groups)).as(groups.toString())
            .containsExactlyInAnyOrderElementsOf(camunda);
        return null;
      });
    }
    List<String> filtered = engine.getCommandExecutorTxRequired().execute(ctx -> ctx.getAuthorizationManager()
        .filterAuthenticatedGroupIds(List.of(TURKISTAN, "no-such-group", "tl-new-group")));
    // a new group's members are given read access to it when it is created: it has an authorization
    assertThat(filtered).containsExactlyInAnyOrder(TURKISTAN, "tl-new-group");
  }

  void as(String user) {
    identityService.clearAuthentication(); // the directory is read as the system: another person's groups are not a person's to read
    identityService.setAuthentication(user, identityService.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList());
  }

  List<String> ids(TaskQuery query) {
    return query.orderByDueDate().asc().list().stream().map(Task::getId).toList();
  }

  String openTask(String body, int daysAhead) {
    String instance = runtimeService.startProcessInstanceByKey("TaskListCheck", java.util.Map.of("body", body)).getId();
    Task task = taskService.createTaskQuery().processInstanceId(instance).singleResult();
    task.setDueDate(new Date(System.currentTimeMillis() + daysAhead * 86_400_000L));
    taskService.saveTask(task);
    return task.getId();
  }

  void person(String id, String body) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User u = identityService.newUser(id);
      u.setPassword("tl-" + System.nanoTime());
      identityService.saveUser(u);
      identityService.createMembership(id, body);
      identityService.createMembership(id, "official");
    }
  }
}
