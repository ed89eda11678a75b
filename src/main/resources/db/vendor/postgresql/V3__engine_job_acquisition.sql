-- The engine's job acquisition (Job.xml, selectNextJobsToExecute), as Jospar configures it
-- (jobExecutorAcquireByDueDate and ensureJobDueDateNotNull are on, so every job has a due date):
--   select ... from ACT_RU_JOB RES
--   where RES.RETRIES_ > 0 and RES.DUEDATE_ <= ? and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < ?)
--     and RES.SUSPENSION_STATE_ = 1 and (exclusive-job conditions) order by RES.DUEDATE_ limit ?
-- A plan of five years keeps many timers far in the future (reminders, escalations of open reports);
-- this index lets every node read only the jobs that are due, in due order, instead of scanning them all.
-- Jobs without retries (incidents) and suspended ones are left out of it.
CREATE INDEX jospar_ix_job_acquisition ON ACT_RU_JOB (DUEDATE_) WHERE RETRIES_ > 0 AND SUSPENSION_STATE_ = 1;
