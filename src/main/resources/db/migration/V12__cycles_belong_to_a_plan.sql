-- Several plans side by side (issue 15). A cycle belongs to a plan and records the version of the plan (a hash of
-- its catalog file) it was opened under. Cycle keys stay opaque ids: those made before keep their form, so running
-- instances (whose business key they are) and history stay valid. Exactly-once rests on (plan, row, period).
ALTER TABLE jospar_cycle ADD COLUMN plan_code VARCHAR(64);
ALTER TABLE jospar_cycle ADD COLUMN plan_version VARCHAR(32);
-- every cycle before this release ran the 2022-2026 plan, the only plan there was; its version was not recorded
UPDATE jospar_cycle SET plan_code = 'qha-2022-2026' WHERE plan_code IS NULL;
ALTER TABLE jospar_cycle ALTER COLUMN plan_code SET NOT NULL;
CREATE UNIQUE INDEX ux_cycle_plan_row_period ON jospar_cycle (plan_code, plan_row, period_key);
