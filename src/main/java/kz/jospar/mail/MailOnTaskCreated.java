package kz.jospar.mail;

import kz.jospar.engine.EveryUserTask;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every user task of every model tells its people by e-mail when it is created ({@link EveryUserTask}),
 * in the engine's transaction, like the task's creation.
 */
@Component
class MailOnTaskCreated implements EveryUserTask.Created {

  // resolved when the first task is created: the notifications need the engine the plugin configures
  private final ObjectProvider<MailNotifications> notifications;

  MailOnTaskCreated(ObjectProvider<MailNotifications> notifications) {
    this.notifications = notifications;
  }

  @Override
  public void notify(DelegateTask task) {
    notifications.getObject().taskCreated(task);
  }
}
