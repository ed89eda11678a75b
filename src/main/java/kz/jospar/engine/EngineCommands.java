package kz.jospar.engine;

import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/** Work run as an engine command of Jospar's own. */
public final class EngineCommands {

  private EngineCommands() {}

  /**
   * Runs work as one engine command in a new transaction: what it writes to Jospar's tables and to the engine's commit
   * together or not at all, whatever becomes of the caller's transaction.
   */
  public static <T> T inNewTransaction(ProcessEngine engine, Supplier<T> work) {
    return configuration(engine).getCommandExecutorTxRequiresNew().execute(commandContext -> work.get());
  }

  /** Runs work as one engine command, joining the caller's transaction when there is one. */
  public static <T> T inCommand(ProcessEngine engine, Supplier<T> work) {
    return configuration(engine).getCommandExecutorTxRequired().execute(commandContext -> work.get());
  }

  /** Runs work as one engine command without the acting person's authorizations: Jospar has already decided who may. */
  public static <T> T withoutAuthorization(ProcessEngine engine, Supplier<T> work) {
    return configuration(engine).getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(work::get));
  }

  /**
   * Moves a waiting step's dates in one engine command, without the person's authorizations (a coordinator holds no
   * UPDATE on tasks or jobs, and should not; Jospar decided who may): the instance's variables, the due date of its
   * open tasks of {@code taskKey}, and the due date of its timers by the activity they sit on. Timers that have
   * fired are gone and are not re-created.
   */
  public static void moveDates(ProcessEngine engine, String processInstanceId, java.util.Map<String, ?> variables, String taskKey,
      java.util.Date taskDue, java.util.Map<String, java.util.Date> timers) {
    configuration(engine).getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
      org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity instance =
          context.getExecutionManager().findExecutionById(processInstanceId);
      instance.setVariables(variables);
      for (org.camunda.bpm.engine.impl.persistence.entity.TaskEntity task : context.getTaskManager()
          .findTasksByProcessInstanceId(processInstanceId)) {
        if (taskKey.equals(task.getTaskDefinitionKey())) {
          task.setDueDate(taskDue);
        }
      }
      for (org.camunda.bpm.engine.impl.persistence.entity.JobEntity job : context.getJobManager()
          .findJobsByProcessInstanceId(processInstanceId)) {
        java.util.Date to = timers.get(job.getActivityId());
        if (to != null) {
          job.setDuedate(to);
        }
      }
      return null;
    }));
  }

  static ProcessEngineConfigurationImpl configuration(ProcessEngine engine) {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }
}
