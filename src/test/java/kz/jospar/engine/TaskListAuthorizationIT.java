package kz.jospar.engine;


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
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
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
class TaskListAuthorizationIT {

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

  /**
   * Jospar's check (the task's id, its definition's key, '*', each looked up in the caller's grants) against
   * Camunda's own decision, asked of the authorization service for every task: READ on the task, or
   * READ_TASK on the process definition (the two checks of Camunda's task query). One kind of grant at a
   * time, to a person who has no other: a grant on the definition key only, a global authorization, a grant
   * to the person by name, grants with the wrong permission or resource type, a grant on every definition.
   * A grant (not a global authorization) to user '*' the service does not honour, while Camunda's task
   * query does (its join takes AUTH.USER_ID_ IN (user, '*') with TYPE_ &lt; 2): that case states the
   * task query's answer.
   */
  @Test
  void everyKindOfGrantShowsWhatCamundasOwnCheckDecides() {
    String lone = openTask("tl-nobody", 3);
    List<String> all = List.of(lone, turkistanTask, almatyTask);
    String prober = "tl-prober";
    List<String> probers = List.of("tl-probers");
    record Grant(int type, String user, String group, Resources resource, String resourceId, Permission permission) {}
    record Case(String what, List<Grant> grants, List<String> expected, boolean serviceAgrees) {}
    int grant = Authorization.AUTH_TYPE_GRANT;
    List<Case> cases = List.of(
        new Case("no grant", List.of(), List.of(), true),
        new Case("READ_TASK on the definition key, to the group", List.of(new Grant(grant, null, "tl-probers", Resources.PROCESS_DEFINITION,
            "TaskListCheck", ProcessDefinitionPermissions.READ_TASK)), all, true),
        new Case("READ_TASK on every definition ('*'), to the person", List.of(new Grant(grant, prober, null, Resources.PROCESS_DEFINITION,
            Authorization.ANY, ProcessDefinitionPermissions.READ_TASK)), all, true),
        new Case("READ (not READ_TASK) on the definition key", List.of(new Grant(grant, null, "tl-probers", Resources.PROCESS_DEFINITION,
            "TaskListCheck", ProcessDefinitionPermissions.READ)), List.of(), true),
        new Case("UPDATE (not READ) on the task, to the person", List.of(new Grant(grant, prober, null, Resources.TASK, lone,
            TaskPermissions.UPDATE)), List.of(), true),
        new Case("READ on the task, a global authorization", List.of(new Grant(Authorization.AUTH_TYPE_GLOBAL, Authorization.ANY, null,
            Resources.TASK, lone, TaskPermissions.READ)), List.of(lone), true),
        new Case("READ on the task, a grant to every user ('*')", List.of(new Grant(grant, Authorization.ANY, null, Resources.TASK, lone,
            TaskPermissions.READ)), List.of(lone), false),
        new Case("READ on the task, to the person by name", List.of(new Grant(grant, prober, null, Resources.TASK, almatyTask,
            TaskPermissions.READ)), List.of(almatyTask), true),
        new Case("READ on another resource type named like the task", List.of(new Grant(grant, null, "tl-probers", Resources.PROCESS_INSTANCE,
            lone, ProcessInstancePermissions.READ)), List.of(), true),
        new Case("READ on the task and READ_TASK on the key, to a group the person is not in", List.of(
            new Grant(grant, null, "tl-others", Resources.TASK, lone, TaskPermissions.READ),
            new Grant(grant, null, "tl-others", Resources.PROCESS_DEFINITION, "TaskListCheck",
                ProcessDefinitionPermissions.READ_TASK)), List.of(), true));
    for (Case c : cases) {
      identityService.clearAuthentication();
      List<String> made = c.grants().stream().map(g -> {
        Authorization a = authorizationService.createNewAuthorization(g.type());
        if (g.user() != null) {
          a.setUserId(g.user());
        } else {
          a.setGroupId(g.group());
        }
        a.setResource(g.resource());
        a.setResourceId(g.resourceId());
        a.addPermission(g.permission());
        return authorizationService.saveAuthorization(a).getId();
      }).toList();
      try {
        // Camunda's decision, task by task
        List<String> camunda = all.stream().filter(t -> authorizationService.isUserAuthorized(prober, probers,
                TaskPermissions.READ, Resources.TASK, t)
            || authorizationService.isUserAuthorized(prober, probers,
                ProcessDefinitionPermissions.READ_TASK, Resources.PROCESS_DEFINITION, "TaskListCheck"))
            .toList();
        if (c.serviceAgrees()) {
          assertThat(camunda).as(c.what() + ": Camunda's decision").containsExactlyInAnyOrderElementsOf(c.expected());
        } else {
          camunda = c.expected();
        }
        identityService.setAuthentication(prober, probers);
        assertThat(ids(taskService.createTaskQuery().processDefinitionKey("TaskListCheck"))).as(c.what())
            .containsExactlyInAnyOrderElementsOf(camunda);
        assertThat(taskService.createTaskQuery().processDefinitionKey("TaskListCheck").count()).as(c.what()).isEqualTo(camunda.size());
        for (String t : all) {
          assertThat(taskService.createTaskQuery().taskId(t).count()).as(c.what() + ", " + t).isEqualTo(camunda.contains(t) ? 1 : 0);
        }
      } finally {
        identityService.clearAuthentication();
        made.forEach(authorizationService::deleteAuthorization);
      }
    }
    // a grant to every user adds to a person's own: Anna sees her body's task and the one granted to all
    Authorization toAll = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    toAll.setUserId(Authorization.ANY);
    toAll.setResource(Resources.TASK);
    toAll.setResourceId(lone);
    toAll.addPermission(TaskPermissions.READ);
    String toAllId = authorizationService.saveAuthorization(toAll).getId();
    try {
      as(ANNA);
      assertThat(ids(taskService.createTaskQuery().processDefinitionKey("TaskListCheck"))).containsExactly(turkistanTask, lone);
    } finally {
      identityService.clearAuthentication();
      authorizationService.deleteAuthorization(toAllId);
    }
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
