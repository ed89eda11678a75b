package kz.jospar.engine;

import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;

/** The node's job executor as the health check reads it: in memory, never a database read. */
public record JobExecutorState(boolean active, String lockOwner) {

  /** Empty when the engine has no job executor at all. */
  public static Optional<JobExecutorState> of(ProcessEngine engine) {
    JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    return executor == null ? Optional.empty() : Optional.of(new JobExecutorState(executor.isActive(), executor.getLockOwner()));
  }
}
