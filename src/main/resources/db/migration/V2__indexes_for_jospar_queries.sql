-- Indexes for Jospar's own queries, each with the query it serves. Portable SQL (PostgreSQL, H2).

-- ReportRepository.bodyReportOfProcess, run by every delegate of a body's report:
--   SELECT * FROM jospar_body_report WHERE process_instance_id = ?
CREATE INDEX ix_body_report_process ON jospar_body_report (process_instance_id);

-- The overdue gauge (OperationsMetrics) and the monitor's overdue filter:
--   SELECT count(*) FROM jospar_body_report WHERE state IN ('open', 'returned') AND due_at < ?
CREATE INDEX ix_body_report_waiting ON jospar_body_report (state, due_at);

-- The escalation counts (OperationsMetrics):
--   SELECT event, count(*) FROM jospar_report_event WHERE event IN ('ESCALATED_1', 'ESCALATED_2') GROUP BY event
CREATE INDEX ix_report_event_kind ON jospar_report_event (event, occurred_at);
