package kz.jospar.completion;

import kz.jospar.completion.FormRules;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * When a task opens, the decisions of an earlier round (approve or return, accept or return, decline,
 * the overdue action, their reasons) are cleared: each round is decided by what is given in it.
 */
@Component("freshRound")
class FreshRound implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    FormRules.FRESH.forEach(task::removeVariable);
  }
}
