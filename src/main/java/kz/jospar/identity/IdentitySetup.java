package kz.jospar.identity;

import kz.jospar.access.Roles;

import java.util.List;
import java.util.Map;
import kz.jospar.catalog.Body;
import kz.jospar.catalog.PlanCatalog;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Service;

/**
 * Groups and grants that the engine's own identity tables need: a group per body (from the bodies
 * directory), a group per role, and each role's access to the webapps. Idempotent: run at every start.
 */
@Service
public class IdentitySetup {

  /** Which webapps each role opens (Camunda's application authorizations). */
  static final Map<String, List<String>> APPLICATIONS = Map.of(
      Roles.OFFICIAL, List.of("tasklist"),
      Roles.SUPERVISOR, List.of("tasklist", "cockpit"),
      Roles.COORDINATOR, List.of("tasklist", "cockpit"),
      Roles.AUDITOR, List.of("tasklist", "cockpit"),
      Roles.ADMIN, List.of("*"));

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final FilterService filterService;
  private final TaskService taskService;
  private final PlanCatalog catalog;

  IdentitySetup(IdentityService identityService, AuthorizationService authorizationService, FilterService filterService,
      TaskService taskService, PlanCatalog catalog) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.filterService = filterService;
    this.taskService = taskService;
    this.catalog = catalog;
  }

  /** Creates what is missing; renames a body's group when the directory renamed the body. */
  public void ensureGroupsAndGrants() {
    for (Body body : catalog.bodies().leaves()) {
      ensureGroup(body.code(), body.name().kk(), Roles.BODY_TYPE);
      ensureGroup(Roles.supervisorsOf(body.code()), body.name().kk() + " — басшылар", Roles.BODY_SUPERVISORS_TYPE);
    }
    for (String role : Roles.ALL) {
      ensureGroup(role, role, Roles.TYPE);
    }
    APPLICATIONS.forEach((role, apps) -> apps.forEach(app -> grant(role, Resources.APPLICATION, app, Permissions.ALL)));
    // Everyone may read the models (Tasklist renders forms from them). Tasks themselves are granted
    // by the engine to each task's candidate group: an official sees only their body's tasks.
    for (String role : List.of(Roles.OFFICIAL, Roles.SUPERVISOR, Roles.COORDINATOR, Roles.AUDITOR)) {
      grant(role, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ);
      // Tasklist names a task's candidate group ("Түркістан облысының әкімдігі") by reading it
      grant(role, Resources.GROUP, Authorization.ANY, Permissions.READ);
    }
    // The coordinator sees the whole plan and opens periods by hand (OpenPeriod only: the item
    // models are started by Jospar alone, so each period opens once).
    grant(Roles.COORDINATOR, Resources.TASK, Authorization.ANY, Permissions.READ);
    grant(Roles.COORDINATOR, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ, Permissions.CREATE);
    grant(Roles.COORDINATOR, Resources.PROCESS_DEFINITION, kz.jospar.reporting.ReportProcess.OPEN_PERIOD,
        Permissions.READ, Permissions.CREATE_INSTANCE, Permissions.READ_HISTORY);
    // The auditor reads everything, with history, and changes nothing.
    grant(Roles.AUDITOR, Resources.TASK, Authorization.ANY, Permissions.READ);
    grant(Roles.AUDITOR, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ);
    grant(Roles.AUDITOR, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ, Permissions.READ_HISTORY);
    grant(Roles.AUDITOR, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
    // The administrator administers: every resource type, every permission.
    for (Resources resource : Resources.values()) {
      grant(Roles.ADMIN, resource, Authorization.ANY, Permissions.ALL);
    }
    ensureFilters();
  }

  /** Tasklist shows tasks through filters; these are shared with the roles. */
  private void ensureFilters() {
    ensureFilter(MY_BODY_FILTER, -10, taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
        .includeAssignedTasks().orderByDueDate().asc(), List.of(Roles.OFFICIAL, Roles.SUPERVISOR, Roles.COORDINATOR));
    ensureFilter(MY_TASKS_FILTER, -5, taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc(),
        List.of(Roles.OFFICIAL, Roles.SUPERVISOR, Roles.COORDINATOR));
    ensureFilter(ALL_TASKS_FILTER, 0, taskService.createTaskQuery().orderByDueDate().asc(), List.of(Roles.COORDINATOR, Roles.AUDITOR));
  }

  static final String MY_BODY_FILTER = "Органымның тапсырмалары / Задачи моего органа / My body's tasks";
  static final String MY_TASKS_FILTER = "Менің тапсырмаларым / Мои задачи / My tasks";
  static final String ALL_TASKS_FILTER = "Жоспардың барлық тапсырмалары / Все задачи плана / All plan tasks";

  private void ensureFilter(String name, int priority, org.camunda.bpm.engine.task.TaskQuery query, List<String> roles) {
    Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filterService.newTaskFilter(name).setQuery(query).setProperties(Map.of("priority", priority, "refresh", true));
      filterService.saveFilter(filter);
    }
    for (String role : roles) {
      grant(role, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }

  private void ensureGroup(String id, String name, String type) {
    if (identityService.isReadOnly()) {
      return; // groups live in Keycloak (keycloak/jospar-realm.json is generated from the same directory)
    }
    Group group = identityService.createGroupQuery().groupId(id).singleResult();
    if (group == null) {
      group = identityService.newGroup(id);
    } else if (name.equals(group.getName()) && type.equals(group.getType())) {
      return;
    }
    group.setName(name);
    group.setType(type);
    identityService.saveGroup(group);
  }

  private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization a = authorizationService.createAuthorizationQuery()
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).singleResult();
    if (a == null) {
      a = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      a.setGroupId(groupId);
      a.setResource(resource);
      a.setResourceId(resourceId);
    } else if (java.util.Arrays.stream(permissions).allMatch(a::isPermissionGranted)) {
      return;
    }
    for (Permission p : permissions) {
      a.addPermission(p);
    }
    authorizationService.saveAuthorization(a);
  }
}
