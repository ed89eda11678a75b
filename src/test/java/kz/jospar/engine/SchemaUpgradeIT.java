package kz.jospar.engine;


import kz.jospar.ops.SchemaCommand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import kz.jospar.support.EmbeddedPostgresSupport;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The explicit schema step on a real PostgreSQL: create, upgrade, refuse, and the check a node runs at start. */
class SchemaUpgradeIT {

  static DriverManagerDataSource freshDatabase(String prefix) {
    return new DriverManagerDataSource(EmbeddedPostgresSupport.newDatabase(prefix), "postgres", "postgres");
  }

  @Test
  void createsEverythingOnAnEmptyDatabaseAndIsSafeToRunAgain() {
    DriverManagerDataSource db = freshDatabase("schema_fresh");
    SchemaUpgrade schema = new SchemaUpgrade(db);
    assertThatThrownBy(schema::verify).isInstanceOf(SchemaUpgrade.SchemaBehindException.class)
        .hasMessageContaining("no Jospar schema yet").hasMessageContaining("java -jar jospar.jar schema-upgrade");

    SchemaUpgrade.Result first = schema.run();
    assertThat(first.engineBefore()).isNull();
    assertThat(first.engineAfter()).isEqualTo(SchemaUpgrade.ENGINE_VERSION).startsWith("7.24");
    assertThat(first.engineScripts()).hasSize(7);
    assertThat(first.josparApplied()).isEqualTo(15);
    JdbcTemplate jdbc = new JdbcTemplate(db);
    assertThat(jdbc.queryForObject("select count(*) from jospar_cycle", Integer.class)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from ACT_RU_TASK", Integer.class)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from pg_indexes where indexname = 'jospar_ix_job_acquisition'", Integer.class))
        .isOne();
    schema.verify();

    SchemaUpgrade.Result again = schema.run();
    assertThat(again.engineScripts()).isEmpty();
    assertThat(again.josparApplied()).isZero();
    assertThat(again.josparVersion()).isEqualTo(first.josparVersion()).isEqualTo("15");
  }

  /**
   * Issue 15: a database of the release before several plans (migrations up to V11) with the 2022-2026 plan's cycles,
   * reports, events and indicator facts keeps them all; each cycle now belongs to that plan, and a period opens once
   * per plan whatever form its key has.
   */
  @Test
  void theOnePlanDatabaseOfTheLastReleaseKeepsItsCyclesWhichNowBelongToThe2022To2026Plan() {
    DriverManagerDataSource db = freshDatabase("schema_one_plan");
    assertThat(new SchemaUpgrade(db, "11").run().josparVersion()).isEqualTo("11");
    JdbcTemplate jdbc = new JdbcTemplate(db);
    // what that release wrote when it opened 4.8's second half of 2026 and closed 15.1's last quarter
    for (String[] cycle : new String[][] {{"4.8/2026-H2", "4.8", "2026-H2", "open"}, {"15.1/2026-Q4", "15.1", "2026-Q4", "closed"}}) {
      jdbc.update("INSERT INTO jospar_cycle (cycle_key, plan_row, period_key, plan_year, deadline, due_at, opened_at, opened_by, "
          + "process_instance_id, state) VALUES (?, ?, ?, 2026, DATE '2026-12-31', now(), now(), 'scheduler', 'pi-' || ?, ?)",
          cycle[0], cycle[1], cycle[2], cycle[1], cycle[3]);
      jdbc.update("INSERT INTO jospar_body_report (cycle_key, body_code, lead_body, by_agreement, state, due_at, late, escalation_level, "
          + "updated_at) VALUES (?, 'akimat-turkistan', FALSE, FALSE, 'submitted', now(), FALSE, 0, now())", cycle[0]);
      jdbc.update("INSERT INTO jospar_report_event (cycle_key, body_code, event, actor, occurred_at) VALUES (?, NULL, 'OPENED', "
          + "'scheduler', now())", cycle[0]);
    }
    jdbc.update("INSERT INTO jospar_indicator_fact (indicator_number, plan_year, cycle_key, fact_value, recorded_by, recorded_at) "
        + "VALUES (1, 2026, '15.1/2026-Q4', 80.5, 'coordinator', now())");

    SchemaUpgrade.Result upgrade = new SchemaUpgrade(db, "12").run();

    assertThat(upgrade.josparApplied()).isOne();
    assertThat(upgrade.josparVersion()).isEqualTo("12");
    assertThat(jdbc.queryForList("SELECT cycle_key, plan_code, state, process_instance_id FROM jospar_cycle ORDER BY cycle_key"))
        .containsExactly(
            Map.of("cycle_key", "15.1/2026-Q4", "plan_code", "qha-2022-2026", "state", "closed", "process_instance_id", "pi-15.1"),
            Map.of("cycle_key", "4.8/2026-H2", "plan_code", "qha-2022-2026", "state", "open", "process_instance_id", "pi-4.8"));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jospar_cycle WHERE plan_version IS NULL", Integer.class))
        .as("the version a cycle ran under was not recorded before this release").isEqualTo(2);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jospar_body_report", Integer.class)).isEqualTo(2);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jospar_report_event", Integer.class)).isEqualTo(2);
    assertThat(jdbc.queryForObject("SELECT fact_value FROM jospar_indicator_fact WHERE cycle_key = '15.1/2026-Q4'", Double.class))
        .isEqualTo(80.5);
    // the same period of the same plan under a key of the new form is refused; another plan's same row and period is not
    String insert = "INSERT INTO jospar_cycle (cycle_key, plan_code, plan_version, plan_row, period_key, plan_year, deadline, due_at, "
        + "opened_at, opened_by, state) VALUES (?, ?, 'abc', '4.8', '2026-H2', 2026, DATE '2026-12-31', now(), now(), 'x', 'open')";
    assertThatThrownBy(() -> jdbc.update(insert, "qha-2022-2026/4.8/2026-H2", "qha-2022-2026"))
        .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
    assertThat(jdbc.update(insert, "next-plan/4.8/2026-H2", "next-plan")).isOne();
  }

  @Test
  void theJobAcquisitionReadsTheDueJobsThroughTheIndexInsteadOfScanningTheFutureTimers() {
    DriverManagerDataSource db = freshDatabase("schema_acquisition");
    new SchemaUpgrade(db).run();
    JdbcTemplate jdbc = new JdbcTemplate(db);
    // a plan in full swing: 50,000 timers far ahead (reminders and escalations of open reports), 200 due now
    jdbc.update("insert into ACT_RU_JOB (ID_, REV_, TYPE_, EXCLUSIVE_, PROCESS_INSTANCE_ID_, RETRIES_, DUEDATE_, HANDLER_TYPE_, "
        + "SUSPENSION_STATE_, PRIORITY_) select 'j' || g, 1, 'timer', true, 'p' || g, 3, "
        + "case when g % 250 = 0 then now() - interval '1 minute' else now() + (g || ' minutes')::interval end, "
        + "'timer-transition', 1, 0 from generate_series(1, 50000) g");
    jdbc.execute("analyze ACT_RU_JOB");
    // the statement Camunda 7.24 sends (Job.xml selectNextJobsToExecute, acquisition by due date, due dates never null)
    String acquisition = "select RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_ from ACT_RU_JOB RES "
        + "where (RES.RETRIES_ > 0) and (RES.DUEDATE_ <= now()) and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < now()) "
        + "and RES.SUSPENSION_STATE_ = 1 and ((RES.EXCLUSIVE_ = true and not exists (select J2.ID_ from ACT_RU_JOB J2 "
        + "where J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ and (J2.EXCLUSIVE_ = true) and (J2.LOCK_OWNER_ is not null "
        + "and J2.LOCK_EXP_TIME_ >= now()))) or RES.EXCLUSIVE_ = false) order by RES.DUEDATE_ asc limit 8";
    String plan = String.join("\n", jdbc.queryForList("explain " + acquisition, String.class));
    assertThat(plan).as(plan).contains("jospar_ix_job_acquisition").doesNotContain("Seq Scan on act_ru_job res");
    assertThat(jdbc.queryForList(acquisition)).hasSize(8);
  }

  @Test
  void upgradesAnOlderEngineSchemaWithCamundasScripts() {
    DriverManagerDataSource db = freshDatabase("schema_older");
    SchemaUpgrade schema = new SchemaUpgrade(db);
    schema.run();
    // what a 7.23 schema differs in for 7.24: its log says 7.23
    new JdbcTemplate(db).update("update ACT_GE_SCHEMA_LOG set VERSION_ = '7.23.0'");
    assertThatThrownBy(schema::verify).hasMessageContaining("engine schema is 7.23.0").hasMessageContaining("schema-upgrade");

    SchemaUpgrade.Result result = schema.run();
    assertThat(result.engineBefore()).isEqualTo("7.23.0");
    assertThat(result.engineScripts()).containsExactly("org/camunda/bpm/engine/db/upgrade/postgres_engine_7.23_to_7.24.sql");
    assertThat(result.engineAfter()).isEqualTo("7.24.0");
    schema.verify();
  }

  /** Issue 18: Camunda's patch scripts, within the bounds of the update path, in the order its update guide gives. */
  @Test
  void patchScriptsRunWithinTheUpdatePathBeforeEachMinorScript() {
    String u = "org/camunda/bpm/engine/db/upgrade/postgres_engine_";
    // read from this build's camunda-engine jar: 7.13 and 7.14 are the last minors with patch scripts in the community edition
    assertThat(SchemaUpgrade.engineScripts("postgres", "7.13.4", "7.15.0", SchemaUpgrade::shipped)).containsExactly(
        u + "7.13_patch_7.13.4_to_7.13.5_1.sql", u + "7.13_patch_7.13.4_to_7.13.5_2.sql", u + "7.13_patch_7.13.5_to_7.13.6.sql",
        u + "7.13_to_7.14.sql",
        u + "7.14_to_7.15.sql");
    assertThat(SchemaUpgrade.engineScripts("postgres", "7.13.5", "7.13.6", SchemaUpgrade::shipped))
        .as("a patch-level update").containsExactly(u + "7.13_patch_7.13.5_to_7.13.6.sql");
    assertThat(SchemaUpgrade.engineScripts("postgres", "7.14.3", "7.14.9", SchemaUpgrade::shipped))
        .as("the patches below the schema's level already ran").isEmpty();
    assertThat(SchemaUpgrade.engineScripts("h2", "7.22.0", "7.24.0", SchemaUpgrade::shipped)).containsExactly(
        "org/camunda/bpm/engine/db/upgrade/h2_engine_7.22_to_7.23.sql", "org/camunda/bpm/engine/db/upgrade/h2_engine_7.23_to_7.24.sql");
    assertThatThrownBy(() -> SchemaUpgrade.engineScripts("postgres", "7.25.0", "7.24.0", SchemaUpgrade::shipped))
        .hasMessageContaining("newer than this Jospar's engine");
    assertThatThrownBy(() -> SchemaUpgrade.engineScripts("postgres", "7.22.0", "7.24.0", name -> !name.contains("7.22_to_7.23")))
        .hasMessageContaining("Camunda ships no upgrade script " + u + "7.22_to_7.23.sql");
  }

  @Test
  void aFailedCreationLeavesNothingBehindAndTheNextRunCompletesIt() {
    DriverManagerDataSource db = freshDatabase("schema_failed_create");
    JdbcTemplate jdbc = new JdbcTemplate(db);
    jdbc.execute("create table act_hi_procinst (blocker int)"); // something in the way of the history script
    SchemaUpgrade schema = new SchemaUpgrade(db);
    assertThatThrownBy(schema::run).hasMessageContaining("failed, nothing of it was kept");
    assertThat(schema.engineVersion()).as("no schema log claiming a whole schema").isNull();
    assertThat(jdbc.queryForObject("select count(*) from pg_tables where tablename = 'act_ru_execution'", Integer.class)).isZero();

    jdbc.execute("drop table act_hi_procinst");
    assertThat(schema.run().engineScripts()).hasSize(7);
    schema.verify();
  }

  @Test
  void aNodeRefusesAnEngineSchemaWithAComponentMissing() {
    DriverManagerDataSource db = freshDatabase("schema_partial");
    SchemaUpgrade schema = new SchemaUpgrade(db);
    schema.run();
    new JdbcTemplate(db).execute("drop table ACT_HI_PROCINST");
    assertThatThrownBy(schema::verify).hasMessageContaining("incomplete, tables missing: ACT_HI_PROCINST");
  }

  @Test
  void refusesASchemaNewerThanThisBuild() {
    DriverManagerDataSource db = freshDatabase("schema_newer");
    SchemaUpgrade schema = new SchemaUpgrade(db);
    schema.run();
    new JdbcTemplate(db).update("update ACT_GE_SCHEMA_LOG set VERSION_ = '7.25.0'");
    assertThatThrownBy(schema::run).hasMessageContaining("7.25.0, newer than this Jospar's engine");
    assertThatThrownBy(schema::verify).hasMessageContaining("7.25.0");
  }

  @Test
  void theCommandSaysWhichVariablesAreMissingAndReportsWhatItDid() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = SchemaCommand.run(Map.of("JOSPAR_DB_URL", "jdbc:postgresql://localhost/x"), new PrintStream(out), new PrintStream(err));
    assertThat(code).isOne();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("set JOSPAR_DB_USER, JOSPAR_DB_PASSWORD");

    String url = EmbeddedPostgresSupport.newDatabase("schema_command");
    code = SchemaCommand.run(Map.of("JOSPAR_DB_URL", url, "JOSPAR_DB_USER", "postgres", "JOSPAR_DB_PASSWORD", "postgres"),
        new PrintStream(out), new PrintStream(err));
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("engine schema created, now 7.24.0").contains("Jospar migrations applied now: 15");

    code = SchemaCommand.run(Map.of("JOSPAR_DB_URL", url.replace("/schema_command", "/no_such_database"), "JOSPAR_DB_USER", "postgres",
        "JOSPAR_DB_PASSWORD", "postgres"), new PrintStream(out), new PrintStream(err));
    assertThat(code).isOne();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("schema-upgrade failed: ").contains("no_such_database");
  }
}
