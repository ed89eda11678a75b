-- The desk's "my work": every open human task once per candidate group, kept by the engine's task
-- listeners in the engine's own transaction (kz.jospar.desk.WorkItems). A person's list is the rows
-- of their groups, read by one index instead of Camunda's task query with its per-task checks.
CREATE TABLE jospar_work_item (
  task_id             VARCHAR(64)  NOT NULL,
  candidate_group     VARCHAR(255) NOT NULL,
  task_key            VARCHAR(255) NOT NULL,
  process_instance_id VARCHAR(64)  NOT NULL,
  cycle_key           VARCHAR(64),               -- the instance's business key, "4.8/2026-H2"
  assignee            VARCHAR(255),
  due_at              TIMESTAMP WITH TIME ZONE,
  created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (task_id, candidate_group)
);
CREATE INDEX ix_work_item_group_due ON jospar_work_item (candidate_group, due_at);
