package kz.jospar.ops;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * A task listener on every user task of every model, without a listener in each model: a parse
 * listener adds it after the model's own (so the task has its name, due date and candidates when it
 * runs). It runs in the engine's transaction, like the task's own change.
 */
public final class EveryUserTask {

  private EveryUserTask() {}

  /** Call from a plugin's preInit. */
  public static void listen(ProcessEngineConfigurationImpl configuration, TaskListener listener, String... events) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
          for (String event : events) {
            userTask.getTaskDefinition().addTaskListener(event, listener);
          }
        }
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }
}
