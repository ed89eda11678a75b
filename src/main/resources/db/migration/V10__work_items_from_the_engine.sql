-- The desk's list is read from the engine's own tasks and identity links (kz.jospar.desk.MyWork):
-- the copy V9 made, kept by task listeners, cost three statements per completion and could drift.
DROP TABLE IF EXISTS jospar_work_item;
