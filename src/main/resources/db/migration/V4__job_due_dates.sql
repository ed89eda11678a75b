-- From this release the engine gives every job a due date (ensureJobDueDateNotNull) and its job
-- acquisition then looks only at DUEDATE_ <= now: a job written by an earlier release without a due
-- date (an asynchronous continuation) would never run. They are due at once.
UPDATE ACT_RU_JOB SET DUEDATE_ = COALESCE(CREATE_TIME_, CURRENT_TIMESTAMP) WHERE DUEDATE_ IS NULL;
