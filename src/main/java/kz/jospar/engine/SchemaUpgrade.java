package kz.jospar.engine;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ProductPropertiesUtil;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The database schema step: creates the engine's tables on an empty database, brings an older
 * engine schema up to this build's Camunda version with Camunda's own upgrade scripts, then applies
 * Jospar's migrations ({@code db/migration} and {@code db/vendor/<database>}). In production it is run
 * on purpose ({@code java -jar jospar.jar schema-upgrade}) before the new version starts; a node
 * started on a schema that is behind refuses to start and says so ({@link #verify}). The demo runs
 * it on every start.
 *
 * <p>Creating the engine's tables is one transaction; each upgrade script and each migration commits
 * on its own: a failure leaves the schema at the last complete step, and running the step again
 * continues from there.
 */
public final class SchemaUpgrade {

  /** What a run did, for the command's output and for tests. */
  public record Result(String engineBefore, String engineAfter, List<String> engineScripts, int josparApplied,
      String josparVersion) {}

  /** The schema is not at this build's level; the message says what to run. */
  public static final class SchemaBehindException extends IllegalStateException {
    SchemaBehindException(String message) {
      super(message);
    }
  }

  static final String HISTORY_TABLE = "jospar_schema_history";
  static final String HOW_TO_UPGRADE = "run the schema step first: java -jar jospar.jar schema-upgrade "
      + "(with the same JOSPAR_DB_URL, JOSPAR_DB_USER, JOSPAR_DB_PASSWORD); see docs/production.md, Schema";

  /** The engine's components in the order its own schema creation uses. */
  private static final String[] ENGINE_COMPONENTS = {
    "engine", "case.engine", "decision.engine", "history", "case.history", "decision.history", "identity"
  };

  /** This build's Camunda version, such as "7.24.0" ({@code ProcessEngine.VERSION} is a legacy "fox"). */
  static final String ENGINE_VERSION = ProductPropertiesUtil.getProductVersion();

  private final DataSource dataSource;
  private final String vendor;
  /** The last Jospar migration to apply, null for all: a test makes a database as an earlier release left it. */
  private final String target;

  public SchemaUpgrade(DataSource dataSource) {
    this(dataSource, null);
  }

  SchemaUpgrade(DataSource dataSource, String target) {
    this.dataSource = dataSource;
    this.vendor = vendorOf(dataSource);
    this.target = target;
  }

  /** Creates or upgrades everything; safe to run again at any time. */
  public Result run() {
    String before = engineVersion();
    List<String> scripts = new ArrayList<>();
    if (before == null) {
      // all seven in one transaction (PostgreSQL's DDL is transactional): a failure leaves no half
      // schema whose log would claim it complete
      List<Resource> create = new ArrayList<>();
      for (String component : ENGINE_COMPONENTS) {
        String name = "org/camunda/bpm/engine/db/create/activiti." + camundaDatabaseType() + ".create." + component + ".sql";
        create.add(new ClassPathResource(name, ProcessEngine.class.getClassLoader()));
        scripts.add(name);
      }
      execute(create.toArray(Resource[]::new));
    } else {
      int[] from = minor(before);
      int[] to = minor(ENGINE_VERSION);
      if (compare(from, to) > 0) {
        throw new SchemaBehindException("the database's engine schema is " + before + ", newer than this Jospar's engine "
            + ENGINE_VERSION + "; run the Jospar release that upgraded it");
      }
      for (String name : engineScripts(camundaDatabaseType(), before, ENGINE_VERSION, SchemaUpgrade::shipped)) {
        execute(new ClassPathResource(name, ProcessEngine.class.getClassLoader()));
        scripts.add(name);
      }
      // a patch script that did not say so in the schema log would run again at the next step: say it for them
      if (!scripts.isEmpty() && !ENGINE_VERSION.equals(engineVersion())) {
        recordEngineVersion(ENGINE_VERSION);
      }
    }
    MigrateResult migrated = flyway().migrate();
    return new Result(before, engineVersion(), scripts, migrated.migrationsExecuted, flyway().info().current() == null
        ? null : flyway().info().current().getVersion().getVersion());
  }

  /**
   * Camunda's scripts from an engine schema at {@code from} to {@code to}, in the order Camunda's update guide gives:
   * within each minor version, its patch scripts in ascending order ({@code postgres_engine_7.13_patch_7.13.4_to_7.13.5_1.sql},
   * then {@code _2}), those of the first minor only from the schema's patch level on and those of the last only up to
   * this build's; then the minor script to the next minor version. Refused when a minor step has no script.
   */
  static List<String> engineScripts(String database, String from, String to, java.util.function.Predicate<String> shipped) {
    int[] start = version(from);
    int[] end = version(to);
    if (compare(new int[] {start[0], start[1]}, new int[] {end[0], end[1]}) > 0) {
      throw new SchemaBehindException("the database's engine schema is " + from + ", newer than this Jospar's engine "
          + to + "; run the Jospar release that upgraded it");
    }
    List<String> names = new ArrayList<>();
    String prefix = "org/camunda/bpm/engine/db/upgrade/" + database + "_engine_";
    for (int m = start[1]; start[0] == end[0] && m <= end[1]; m++) {
      String minor = start[0] + "." + m;
      int firstPatch = m == start[1] ? start[2] : 0;
      int lastPatch = m == end[1] ? end[2] : MAX_PATCH;
      for (int a = firstPatch; a < lastPatch; a++) {
        String patch = prefix + minor + "_patch_" + minor + "." + a + "_to_" + minor + "." + (a + 1);
        for (String suffix : new String[] {"", "_1", "_2", "_3", "_4"}) {
          if (shipped.test(patch + suffix + ".sql")) {
            names.add(patch + suffix + ".sql");
          }
        }
      }
      if (m < end[1]) {
        String name = prefix + minor + "_to_" + start[0] + "." + (m + 1) + ".sql";
        if (!shipped.test(name)) {
          throw new SchemaBehindException("Camunda ships no upgrade script " + name + "; upgrade the engine schema by hand "
              + "as Camunda's update guide says, then run this step again");
        }
        names.add(name);
      }
    }
    return names;
  }

  /** Patch levels looked for in each minor version (Camunda's went up to .19 in 7.11). */
  private static final int MAX_PATCH = 40;

  static boolean shipped(String name) {
    return new ClassPathResource(name, ProcessEngine.class.getClassLoader()).exists();
  }

  private void recordEngineVersion(String version) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("insert into ACT_GE_SCHEMA_LOG (ID_, TIMESTAMP_, VERSION_) select cast(cast(max(cast(ID_ as integer)) + 1 as integer) "
          + "as varchar(64)), CURRENT_TIMESTAMP, '" + version + "' from ACT_GE_SCHEMA_LOG");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record the engine schema's version " + version + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a schema that is not at this build's level: no engine tables, an engine schema of another
   * minor version, or Jospar migrations not yet applied. Changes nothing.
   */
  public void verify() {
    String engine = engineVersion();
    if (engine == null) {
      throw new SchemaBehindException("the database has no Jospar schema yet; " + HOW_TO_UPGRADE);
    }
    if (compare(minor(engine), minor(ENGINE_VERSION)) != 0) {
      throw new SchemaBehindException("the database's engine schema is " + engine + " but this Jospar runs Camunda "
          + ENGINE_VERSION + "; " + HOW_TO_UPGRADE);
    }
    List<String> missing = missingComponentTables();
    if (!missing.isEmpty()) {
      throw new SchemaBehindException("the engine schema is incomplete, tables missing: " + String.join(", ", missing)
          + "; restore the database from its last backup, or drop the partial schema and run the schema step again");
    }
    MigrationInfo[] pending = flyway().info().pending();
    if (pending.length > 0) {
      List<String> names = new ArrayList<>();
      for (MigrationInfo m : pending) {
        names.add("V" + m.getVersion() + " " + m.getDescription());
      }
      throw new SchemaBehindException("Jospar migrations not yet applied: " + String.join(", ", names) + "; " + HOW_TO_UPGRADE);
    }
    flyway().validate();
  }

  /** The engine schema's version from its schema log, or null when the engine has no tables here. */
  public String engineVersion() {
    try (Connection c = dataSource.getConnection()) {
      if (!tableExists(c, "act_ge_schema_log")) {
        return null;
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select VERSION_ from ACT_GE_SCHEMA_LOG order by cast(ID_ as integer) desc")) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the engine's schema log: " + e.getMessage(), e);
    }
  }

  /** One table of each engine component: a schema that has its log but lacks one of these is not whole. */
  private static final String[] COMPONENT_TABLES = {
    "act_ru_execution", "act_re_case_def", "act_re_decision_def", "act_hi_procinst", "act_hi_caseinst", "act_hi_decinst", "act_id_user"
  };

  List<String> missingComponentTables() {
    List<String> missing = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      for (String table : COMPONENT_TABLES) {
        if (!tableExists(c, table)) {
          missing.add(table.toUpperCase(Locale.ROOT));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the schema: " + e.getMessage(), e);
    }
    return missing;
  }

  Flyway flyway() {
    return Flyway.configure()
        .dataSource(dataSource)
        .table(HISTORY_TABLE)
        // the engine's tables share the schema and come first; Jospar's history starts after a baseline of 0
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
        .target(target == null ? "latest" : target)
        .load();
  }

  private void execute(Resource... script) {
    ResourceDatabasePopulator populator = new ResourceDatabasePopulator(script);
    populator.setSqlScriptEncoding("UTF-8");
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        populator.populate(c);
        c.commit();
      } catch (RuntimeException e) {
        c.rollback();
        throw new IllegalStateException("the schema script " + describe(script) + " failed, nothing of it was kept: "
            + e.getMessage(), e);
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + describe(script) + ": " + e.getMessage(), e);
    }
  }

  private static String describe(Resource... scripts) {
    List<String> names = new ArrayList<>();
    for (Resource r : scripts) {
      names.add(r.getFilename());
    }
    return String.join(", ", names);
  }

  private String camundaDatabaseType() {
    return vendor.equals("postgresql") ? "postgres" : vendor;
  }

  private static String vendorOf(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      if (product.contains("postgres")) {
        return "postgresql";
      }
      if (product.contains("h2")) {
        return "h2";
      }
      throw new IllegalStateException("Jospar runs on PostgreSQL (or H2 for the demo), not on " + product);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
    }
  }

  private static boolean tableExists(Connection c, String name) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    for (String candidate : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
      try (ResultSet rs = meta.getTables(null, null, candidate, new String[] {"TABLE"})) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private static int[] minor(String version) {
    String[] parts = version.split("[.-]");
    return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
  }

  /** "7.13.4" (or "7.24.0-ee") as {7, 13, 4}. */
  private static int[] version(String version) {
    String[] parts = version.split("[.-]");
    return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), parts.length > 2 ? Integer.parseInt(parts[2]) : 0};
  }

  private static int compare(int[] a, int[] b) {
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] != b[i]) {
        return Integer.compare(a[i], b[i]);
      }
    }
    return 0;
  }
}
