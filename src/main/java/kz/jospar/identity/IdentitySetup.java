package kz.jospar.identity;

import java.util.List;
import java.util.Map;
import kz.jospar.catalog.Body;
import kz.jospar.catalog.PlanCatalog;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
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
  private final PlanCatalog catalog;

  IdentitySetup(IdentityService identityService, AuthorizationService authorizationService, PlanCatalog catalog) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.catalog = catalog;
  }

  /** Creates what is missing; renames a body's group when the directory renamed the body. */
  public void ensureGroupsAndGrants() {
    for (Body body : catalog.bodies().leaves()) {
      ensureGroup(body.code(), body.name().kk(), Roles.BODY_TYPE);
    }
    for (String role : Roles.ALL) {
      ensureGroup(role, role, Roles.TYPE);
    }
    APPLICATIONS.forEach((role, apps) -> apps.forEach(app -> grant(role, Resources.APPLICATION, app)));
    // The administrator administers: every resource type, every permission.
    for (Resources resource : Resources.values()) {
      grant(Roles.ADMIN, resource, Authorization.ANY);
    }
  }

  private void ensureGroup(String id, String name, String type) {
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

  private void grant(String groupId, Resource resource, String resourceId) {
    boolean present = authorizationService.createAuthorizationQuery()
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).count() > 0;
    if (!present) {
      Authorization a = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      a.setGroupId(groupId);
      a.setResource(resource);
      a.setResourceId(resourceId);
      a.addPermission(Permissions.ALL);
      authorizationService.saveAuthorization(a);
    }
  }
}
