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

  static ProcessEngineConfigurationImpl configuration(ProcessEngine engine) {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }
}
