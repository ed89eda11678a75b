package kz.jospar.mail;

import org.camunda.bpm.engine.delegate.DelegateTask;
import kz.jospar.ops.EveryUserTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every user task of every model tells its people by e-mail when it is created ({@link EveryUserTask}),
 * in the engine's transaction, like the task's creation.
 */
@Component
class MailOnTaskCreated extends AbstractProcessEnginePlugin implements TaskListener {

  // resolved when the first task is created: the notifications need the engine this plugin configures
  private final ObjectProvider<MailNotifications> notifications;

  MailOnTaskCreated(ObjectProvider<MailNotifications> notifications) {
    this.notifications = notifications;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EveryUserTask.listen(configuration, this, TaskListener.EVENTNAME_CREATE);
  }

  @Override
  public void notify(DelegateTask task) {
    notifications.getObject().taskCreated(task);
  }
}
