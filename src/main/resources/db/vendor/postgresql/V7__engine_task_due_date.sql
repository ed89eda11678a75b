-- The task list (Tasklist's filters and GET /engine-rest/task) shows a person's tasks sorted by due date,
-- 15 to a page. With this index PostgreSQL can walk the open tasks in due order and stop at the page's
-- last task (an incremental sort) instead of fetching and sorting every task the person may see; which
-- of the two is cheaper it decides from the statistics (docs/benchmarks.md, part 4).
CREATE INDEX jospar_ix_task_due_date ON ACT_RU_TASK (DUE_DATE_);
