package kz.jospar.engine;

import kz.jospar.engine.CommandPolicy;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kz.jospar.language.CompletionRefusedException;
import kz.jospar.engine.FormRejectedException;
import kz.jospar.engine.FormSubmission;
import kz.jospar.access.Roles;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.GroupQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobsRetriesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Puts {@link CommandPolicy} in front of every engine command a signed-in person sends, whatever the
 * door: one check for the REST API in both path forms, the webapps' API and Jospar's own code. The
 * engine's own work (timers, the job executor, Jospar's start-up and scheduler) runs with nobody
 * signed in and is not judged; commands nested inside an allowed one are part of it.
 */
@Component
class CommandPolicyPlugin extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(CommandPolicyPlugin.class);

  private final MessageSource words;

  CommandPolicyPlugin(MessageSource words) {
    this.words = words;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPreCommandInterceptorsTxRequired(with(configuration.getCustomPreCommandInterceptorsTxRequired(), configuration));
    configuration.setCustomPreCommandInterceptorsTxRequiresNew(
        with(configuration.getCustomPreCommandInterceptorsTxRequiresNew(), configuration));
  }

  private List<CommandInterceptor> with(List<CommandInterceptor> existing, ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> all = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
    all.add(0, new Gate(configuration, words));
    return all;
  }

  /** The interceptor: judges the outermost command of a signed-in person, then lets it run. */
  static final class Gate extends CommandInterceptor {
    private final ProcessEngineConfigurationImpl configuration;
    private final MessageSource words;

    Gate(ProcessEngineConfigurationImpl configuration, MessageSource words) {
      this.configuration = configuration;
      this.words = words;
    }

    @Override
    public <T> T execute(Command<T> command) {
      IdentityService identity = configuration.getIdentityService();
      Authentication auth = identity.getCurrentAuthentication();
      if (auth == null || auth.getUserId() == null || Context.getCommandContext() != null) {
        return next.execute(command);
      }
      boolean admin = auth.getGroupIds() != null && auth.getGroupIds().contains(Roles.ADMIN);
      CommandPolicy.Verdict verdict = CommandPolicy.of(command);
      switch (verdict) {
        case READ -> {
          if (!admin && command instanceof GroupQueryImpl groups && groups.getUserId() != null && !groups.getUserId().equals(auth.getUserId())) {
            // the groups every person may read are the bodies and roles; who is in which is each person's own business
            throw refused(auth, command, "engine.policy.othersGroups");
          }
          return next.execute(command);
        }
        case ADMIN -> {
          if (!admin) {
            throw refused(auth, command, "engine.policy.adminOnly");
          }
          if ((command instanceof SetJobRetriesCmd || command instanceof AbstractSetJobsRetriesBatchCmd)
              && Boolean.TRUE.equals(field(command, "isDueDateSet"))) {
            // a retry with a due date would move a deadline's or a reminder's timer: deadlines come from the plan alone
            throw refused(auth, command, "engine.policy.retryDueDate");
          }
          return next.execute(command);
        }
        case START -> {
          if (admin) {
            throw refused(auth, command, "engine.policy.adminDecidesNothing");
          }
          return next.execute(command);
        }
        case WORK -> {
          if (admin) {
            // claiming, giving back and completing are a body's work; an administrator repairs and decides nothing
            throw refused(auth, command, "engine.policy.adminWorksNothing");
          }
          return work(command, auth, identity);
        }
        default -> throw refused(auth, command, "engine.policy.denied");
      }
    }

    private <T> T work(Command<T> command, Authentication auth, IdentityService identity) {
      if (command instanceof ClaimTaskCmd) {
        Object user = field(command, "userId");
        if (user == null) {
          // a claim for nobody takes the task from whoever holds it: only the holder gives it back
          return giveBackOwnOnly(command, (String) field(command, "taskId"), auth) ? null : next.execute(command);
        }
        if (!auth.getUserId().equals(user)) {
          throw refused(auth, command, "engine.policy.claimForOthers");
        }
        return next.execute(command);
      }
      if (command instanceof AssignTaskCmd) {
        // only giving back one's own claim; assigning work to someone else is not a person's to do
        if (field(command, "userId") != null) {
          throw refused(auth, command, "engine.policy.assign");
        }
        if (giveBackOwnOnly(command, (String) field(command, "taskId"), auth)) {
          return null;
        }
        // a candidate holds TASK_WORK, not TASK_ASSIGN: the give-back runs after Jospar's own check above
        identity.clearAuthentication();
        try {
          return next.execute(command);
        } finally {
          identity.setAuthentication(auth);
        }
      }
      Map<String, Object> submitted = command instanceof CompleteTaskCmd ? map(field(command, "variables"))
          : command instanceof SubmitTaskFormCmd ? map(field(command, "properties")) : Map.of();
      try {
        return FormSubmission.with(submitted.keySet(), () -> next.execute(command));
      } catch (RuntimeException e) {
        throw refusalIn(e);
      }
    }

    /** Who is giving a task back: its holder, a person who may work on it while nobody holds it, or someone else. */
    private enum GiveBack { HOLDER, NOTHING_HELD, REFUSED }

    /**
     * Giving a task back is for the person who holds it; everyone else is refused. True when there is
     * nothing to give back: nobody holds the task and the person may work on it (a second click, two tabs).
     */
    private boolean giveBackOwnOnly(Command<?> command, String taskId, Authentication auth) {
      GiveBack who = configuration.getCommandExecutorTxRequired().execute(ctx -> {
        var task = ctx.getTaskManager().findTaskById(taskId);
        if (task == null) {
          return GiveBack.REFUSED;
        }
        if (task.getAssignee() != null) {
          return auth.getUserId().equals(task.getAssignee()) ? GiveBack.HOLDER : GiveBack.REFUSED;
        }
        boolean mayWork = ctx.getAuthorizationManager().isAuthorized(auth.getUserId(), auth.getGroupIds(), TaskPermissions.TASK_WORK,
            Resources.TASK, taskId);
        return mayWork ? GiveBack.NOTHING_HELD : GiveBack.REFUSED;
      });
      if (who == GiveBack.REFUSED) {
        throw refused(auth, command, "engine.policy.assign");
      }
      return who == GiveBack.NOTHING_HELD;
    }

    /** The engine wraps a listener's exception twice; every door should see the completion check's own answer (400 or 403). */
    private static RuntimeException refusalIn(RuntimeException failure) {
      for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof FormRejectedException || t instanceof CompletionRefusedException) {
          return (RuntimeException) t;
        }
      }
      return failure;
    }

    private AuthorizationException refused(Authentication auth, Command<?> command, String key) {
      String what = CommandPolicy.simpleName(command.getClass());
      log.info("Refused {} to {} ({})", what, auth.getUserId(), key);
      Locale locale = LocaleContextHolder.getLocale();
      return new AuthorizationException(words.getMessage(key, new Object[] {what}, locale));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  private static final Map<String, Field> FIELDS = new java.util.concurrent.ConcurrentHashMap<>();

  /** Camunda's commands keep their arguments in protected fields; read them to judge the request, never to change it. */
  static Object field(Object command, String name) {
    Field f = FIELDS.computeIfAbsent(command.getClass().getName() + "#" + name, k -> find(command.getClass(), name));
    try {
      return f.get(command);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + name + " of " + command.getClass().getSimpleName(), e);
    }
  }

  private static Field find(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    throw new IllegalStateException(type.getSimpleName() + " has no field " + name + ": Camunda changed; review CommandPolicyPlugin");
  }

  /** Fails at start-up, not at the first completion, if Camunda renamed the fields read above. */
  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    for (var check : Set.of(Map.entry(CompleteTaskCmd.class, "variables"), Map.entry(SubmitTaskFormCmd.class, "properties"),
        Map.entry(ClaimTaskCmd.class, "userId"), Map.entry(ClaimTaskCmd.class, "taskId"), Map.entry(AssignTaskCmd.class, "userId"), Map.entry(AssignTaskCmd.class, "taskId"),
        Map.entry(SetJobRetriesCmd.class, "isDueDateSet"), Map.entry(AbstractSetJobsRetriesBatchCmd.class, "isDueDateSet"))) {
      find(check.getKey(), check.getValue());
    }
  }
}
