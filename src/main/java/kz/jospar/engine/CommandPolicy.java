package kz.jospar.engine;

import java.util.Set;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.interceptor.Command;

/**
 * What a signed-in person may ask of the engine, decided by the kind of command, whichever door it
 * came through (engine REST in either path form, the webapps' API, Jospar's own code on a person's
 * behalf). Deny by default: a command is allowed only when it is listed here.
 *
 * <p>The engine's own authorizations then decide which resources a read shows and which task a person
 * may work on; Jospar's completion check decides who completes a report's task. The administrator
 * repairs (job retries, incidents, people, authorizations, filters) and decides nothing.
 */
public final class CommandPolicy {

  /** The answer for one command. */
  public enum Verdict {
    /** anyone signed in; the engine's authorizations filter what is shown */
    READ,
    /** a person's work on a task: complete through its form, claim, give back their own claim */
    WORK,
    /** starting an instance: the engine's CREATE_INSTANCE grants decide (the coordinator's OpenPeriod only) */
    START,
    /** administrators only: repair and people */
    ADMIN,
    /** nobody, administrators included */
    DENY
  }

  /** Reads the policy refuses even though they only read: the product keeps no attachments, so none are served. */
  static final Set<String> DENIED_READS = Set.of("GetAttachmentCmd", "GetAttachmentContentCmd", "GetTaskAttachmentCmd",
      "GetTaskAttachmentContentCmd", "GetTaskAttachmentsCmd", "GetProcessInstanceAttachmentsCmd");

  /** Reads of the engine's own settings and licence: administrators only. */
  static final Set<String> ADMIN_READS = Set.of("GetPropertiesCmd", "GetLicenseKeyCmd", "GetTelemetryDataCmd", "IsTelemetryEnabledCmd",
      "GetUniqueTaskWorkerCountCmd", "MetricsQueryImpl", "SchemaLogQueryImpl");

  /** Reads that are no query of their own: Cockpit's count of open tasks per group (the engine asks READ on every task). */
  static final Set<String> OTHER_READS = Set.of("TaskCountByCandidateGroupCmd");

  static final Set<String> WORK = Set.of("CompleteTaskCmd", "SubmitTaskFormCmd", "ClaimTaskCmd", "AssignTaskCmd");

  static final Set<String> START = Set.of("StartProcessInstanceCmd", "SubmitStartFormCmd");

  /**
   * The administrator's repairs: failed jobs and incidents, holding and releasing timers (maintenance,
   * an outage's backlog), people and groups, grants, shared filters, history cleanup.
   */
  static final Set<String> ADMIN = Set.of(
      "SetJobRetriesCmd", "SetJobsRetriesCmd", "SetJobsRetriesBatchCmd", "SetJobsRetriesByProcessBatchCmd", "SetAnnotationForIncidentCmd", "ResolveIncidentCmd",
      "SuspendJobDefinitionCmd", "ActivateJobDefinitionCmd", "SuspendJobCmd", "ActivateJobCmd",
      "CreateUserCmd", "SaveUserCmd", "DeleteUserCmd", "UnlockUserCmd", "SetUserInfoCmd", "DeleteUserInfoCmd", "SetUserPictureCmd",
      "DeleteUserPictureCmd", "CreateGroupCmd", "SaveGroupCmd", "DeleteGroupCmd", "CreateMembershipCmd", "DeleteMembershipCmd",
      "CreateTenantCmd", "SaveTenantCmd", "DeleteTenantCmd", "CreateTenantUserMembershipCmd", "CreateTenantGroupMembershipCmd",
      "DeleteTenantUserMembershipCmd", "DeleteTenantGroupMembershipCmd",
      "CreateAuthorizationCommand", "SaveAuthorizationCmd", "DeleteAuthorizationCmd",
      "CreateFilterCmd", "SaveFilterCmd", "DeleteFilterCmd", "HistoryCleanupCmd");

  /** Reads of the identity service a login and every page need. */
  static final Set<String> IDENTITY_READS = Set.of("CheckPassword", "CheckPasswordAgainstPolicyCmd", "AuthorizationCheckCmd",
      "DetermineHistoryLevelCmd");

  /** The webapps' own query commands (Cockpit's, Admin's, Tasklist's): reads through the webapps' query service. */
  private static final String[] WEBAPP_PACKAGES = {"org.camunda.bpm.cockpit.", "org.camunda.bpm.admin.", "org.camunda.bpm.tasklist.",
      "org.camunda.bpm.welcome.", "org.camunda.bpm.webapp."};

  private CommandPolicy() {}

  /** The verdict for a command a signed-in person sends to the engine. */
  public static Verdict of(Command<?> command) {
    Class<?> type = command.getClass();
    String name = type.getName();
    if (name.startsWith("kz.jospar.")) {
      return Verdict.READ; // Jospar's own commands: its services check the person before they call the engine
    }
    String simple = simpleName(type);
    if (DENIED_READS.contains(simple)) {
      return Verdict.DENY;
    }
    if (ADMIN_READS.contains(simple) || ADMIN.contains(simple)) {
      return Verdict.ADMIN;
    }
    if (WORK.contains(simple)) {
      return Verdict.WORK;
    }
    if (START.contains(simple)) {
      return Verdict.START;
    }
    if (command instanceof AbstractQuery<?, ?> || IDENTITY_READS.contains(simple) || OTHER_READS.contains(simple) || isRead(simple)) {
      return Verdict.READ;
    }
    for (String p : WEBAPP_PACKAGES) {
      if (name.startsWith(p)) {
        return Verdict.READ;
      }
    }
    return Verdict.DENY;
  }

  /**
   * Camunda names its reading commands Get…, Find…, Is…, Create…Query (the identity queries),
   * ExecuteFilter… (a saved query), and its reports …ReportImpl.
   */
  static boolean isRead(String simple) {
    return simple.startsWith("Get") // GetTaskVariableCmdTyped too
        || (simple.startsWith("Find") && simple.endsWith("Cmd"))
        || (simple.startsWith("Is") && simple.endsWith("Cmd"))
        || (simple.startsWith("Create") && simple.endsWith("QueryCmd"))
        || simple.startsWith("ExecuteFilter")
        || simple.endsWith("ReportImpl");
  }

  /** A nested class's own name (QueryServiceImpl$ExecuteListQueryCmd → ExecuteListQueryCmd); lambdas have none worth naming. */
  static String simpleName(Class<?> type) {
    String n = type.getName();
    int i = Math.max(n.lastIndexOf('.'), n.lastIndexOf('$'));
    return n.substring(i + 1);
  }
}
