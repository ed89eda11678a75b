package kz.jospar.desk;

import java.sql.Timestamp;
import java.util.List;
import kz.jospar.ops.EveryUserTask;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.spring.boot.starter.event.PostDeployEvent;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code jospar_work_item} equal to the engine's open human tasks: a row per task and candidate
 * group, written by task listeners that every user task of every model gets ({@link EveryUserTask}),
 * in the engine's transaction, so a task and its row appear and go together.
 * At start the table is reconciled with the engine's tasks (tasks of a database from before the desk,
 * or of a node that stopped mid-way).
 */
@Component
class WorkItems extends AbstractProcessEnginePlugin implements TaskListener {

  private static final Logger log = LoggerFactory.getLogger(WorkItems.class);

  // resolved at the first task: the data source is ready by then, and this plugin configures the engine that needs it
  private final ObjectProvider<JdbcTemplate> jdbc;

  WorkItems(ObjectProvider<JdbcTemplate> jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EveryUserTask.listen(configuration, this, EVENTNAME_CREATE, EVENTNAME_ASSIGNMENT, EVENTNAME_UPDATE, EVENTNAME_COMPLETE,
        EVENTNAME_DELETE);
  }

  @Override
  public void notify(DelegateTask task) {
    JdbcTemplate sql = jdbc.getObject();
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> {
        for (IdentityLink link : task.getCandidates()) {
          if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
            sql.update("INSERT INTO jospar_work_item (task_id, candidate_group, task_key, process_instance_id, cycle_key, "
                    + "assignee, due_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", task.getId(), link.getGroupId(),
                task.getTaskDefinitionKey(), task.getProcessInstanceId(), task.getExecution().getProcessBusinessKey(),
                task.getAssignee(), timestamp(task.getDueDate()), timestamp(task.getCreateTime()));
          }
        }
      }
      case EVENTNAME_ASSIGNMENT, EVENTNAME_UPDATE -> sql.update("UPDATE jospar_work_item SET assignee = ?, due_at = ? WHERE task_id = ?",
          task.getAssignee(), timestamp(task.getDueDate()), task.getId());
      default -> sql.update("DELETE FROM jospar_work_item WHERE task_id = ?", task.getId());
    }
  }

  private static Timestamp timestamp(java.util.Date date) {
    return date == null ? null : new Timestamp(date.getTime());
  }

  /** Rows for open tasks that have none, no rows for tasks that are gone: once at start, after the models are deployed. */
  @EventListener(PostDeployEvent.class)
  void reconcile() {
    JdbcTemplate sql = jdbc.getObject();
    int gone = sql.update("DELETE FROM jospar_work_item w WHERE NOT EXISTS (SELECT 1 FROM ACT_RU_TASK t WHERE t.ID_ = w.task_id)");
    int added = 0;
    try {
      added = sql.update("""
          INSERT INTO jospar_work_item (task_id, candidate_group, task_key, process_instance_id, cycle_key, assignee, due_at,
            created_at)
          SELECT t.ID_, l.GROUP_ID_, t.TASK_DEF_KEY_, t.PROC_INST_ID_, e.BUSINESS_KEY_, t.ASSIGNEE_, t.DUE_DATE_, t.CREATE_TIME_
          FROM ACT_RU_TASK t
          JOIN ACT_RU_IDENTITYLINK l ON l.TASK_ID_ = t.ID_ AND l.TYPE_ = 'candidate' AND l.GROUP_ID_ IS NOT NULL
          JOIN ACT_RU_EXECUTION e ON e.ID_ = t.PROC_INST_ID_
          WHERE NOT EXISTS (SELECT 1 FROM jospar_work_item w WHERE w.task_id = t.ID_ AND w.candidate_group = l.GROUP_ID_)""");
    } catch (DuplicateKeyException e) {
      // another node reconciled the same tasks at the same moment: its rows are the same rows
      log.info("Work items reconciled by another node at the same time");
    }
    if (gone > 0 || added > 0) {
      log.info("Work items reconciled with the engine's open tasks: {} added, {} removed", added, gone);
    }
  }
}
