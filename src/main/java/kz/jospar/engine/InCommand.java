package kz.jospar.engine;

import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;

/**
 * What a listener or delegate reads inside the engine's running command (a completion, a timer job): the instance's
 * tasks by the plain statement (the general task query builds its SQL at a cost that made it an eighth of the job
 * threads' CPU in an escalation burst, JFR), and queries without the acting person's authorizations.
 */
public final class InCommand {

  private InCommand() {}

  /** An open task as a control deadline needs it: its id, due date and candidate groups. */
  public record OpenTask(String id, Date dueDate, Set<String> candidateGroups) {}

  /** Whether the caller runs inside an engine command. */
  public static boolean active() {
    return Context.getCommandContext() != null;
  }

  /** The instance's open tasks, read by the engine's plain statement; empty outside a command. */
  public static Optional<List<? extends Task>> tasksOf(String processInstanceId) {
    CommandContext command = Context.getCommandContext();
    return command == null ? Optional.empty() : Optional.of(command.getTaskManager().findTasksByProcessInstanceId(processInstanceId));
  }

  /** The open task of a key in an instance, with its candidate groups; inside a command only. */
  public static Optional<OpenTask> openTask(String processInstanceId, String taskKey) {
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      throw new IllegalStateException("InCommand.openTask runs inside an engine command only");
    }
    return command.getTaskManager().findTasksByProcessInstanceId(processInstanceId).stream()
        .filter(t -> taskKey.equals(t.getTaskDefinitionKey())).findFirst().map(InCommand::shown);
  }

  private static OpenTask shown(TaskEntity task) {
    Set<String> groups = new LinkedHashSet<>();
    for (IdentityLink link : task.getCandidates()) {
      if (link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    return new OpenTask(task.getId(), task.getDueDate(), groups);
  }

  /** Inside the engine's command, with the acting person's authorizations switched off: telling a group is not reading it. */
  public static <T> T withoutAuthorization(Callable<T> query) {
    CommandContext command = Context.getCommandContext();
    try {
      return command != null ? command.runWithoutAuthorization(query) : query.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
