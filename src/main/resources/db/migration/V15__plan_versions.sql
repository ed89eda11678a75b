-- Every version of every plan Jospar has opened a cycle under (issue 15): the plan file's text and the bodies directory
-- beside it, as they were. An open cycle reads its row (executors, quota, completion form, indicators) from the version
-- it was opened under, not from today's file: an amendment applies to periods not yet opened, and a row or a whole plan
-- an amendment removes still finishes its open cycles and stays readable in the monitor. Rows are never deleted.
-- Portable SQL: PostgreSQL in production, H2 for the demo.
CREATE TABLE jospar_plan_version (
  plan_code   VARCHAR(64)  NOT NULL,
  version     VARCHAR(32)  NOT NULL,   -- the first 12 hex digits of the plan file's SHA-256, as jospar_cycle.plan_version
  source      VARCHAR(500) NOT NULL,   -- where the file was read from, for a person
  plan_text   TEXT         NOT NULL,
  bodies_text TEXT         NOT NULL,
  stored_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (plan_code, version)
);
