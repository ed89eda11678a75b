package kz.jospar.ops;

import kz.jospar.engine.SchemaUpgrade;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code java -jar jospar.jar schema-upgrade}: the explicit schema step of a production upgrade.
 * Reads the same variables as the postgres profile, prints what it did, exits 0 on success and 1
 * (with the reason) on failure. Safe to run again.
 */
public final class SchemaCommand {

  public static final String NAME = "schema-upgrade";

  private SchemaCommand() {}

  public static int run(Map<String, String> env, PrintStream out, PrintStream err) {
    List<String> missing = new ArrayList<>();
    for (String name : new String[] {"JOSPAR_DB_URL", "JOSPAR_DB_USER", "JOSPAR_DB_PASSWORD"}) {
      if (env.get(name) == null || env.get(name).isBlank()) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      err.println("schema-upgrade: set " + String.join(", ", missing) + " (the database the postgres profile uses)");
      return 1;
    }
    try {
      DriverManagerDataSource dataSource = new DriverManagerDataSource(env.get("JOSPAR_DB_URL"), env.get("JOSPAR_DB_USER"),
          env.get("JOSPAR_DB_PASSWORD"));
      SchemaUpgrade.Result result = new SchemaUpgrade(dataSource).run();
      out.println("schema-upgrade: engine schema " + (result.engineBefore() == null ? "created" : "was " + result.engineBefore())
          + ", now " + result.engineAfter());
      for (String script : result.engineScripts()) {
        out.println("  ran " + script);
      }
      out.println("schema-upgrade: Jospar migrations applied now: " + result.josparApplied() + ", schema version "
          + result.josparVersion());
      return 0;
    } catch (RuntimeException e) {
      err.println("schema-upgrade failed: " + e.getMessage());
      return 1;
    }
  }
}
