package kz.jospar.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * A task listener on every user task of every model, without a listener in each model: a parse listener adds each
 * {@link Created} bean after the model's own listeners (so the task has its name, due date and candidates when it
 * runs). It runs in the engine's transaction, like the task's own creation.
 */
@Component
public class EveryUserTask extends AbstractProcessEnginePlugin {

  /** Told when any user task of any model is created, in the engine's transaction. */
  public interface Created extends TaskListener {}

  private final List<Created> listeners;

  EveryUserTask(List<Created> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> parse = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    parse.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
          listeners.forEach(l -> userTask.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, l));
        }
      }
    });
    configuration.setCustomPostBPMNParseListeners(parse);
  }
}
