package kz.jospar.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import kz.jospar.engine.SchemaUpgrade;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL server (zonky's embedded binaries from Maven Central; no Docker, no root),
 * started once per test JVM. Each test class gets a database of its own, so they cannot see each
 * other's data.
 */
public final class EmbeddedPostgresSupport {

  private static EmbeddedPostgres server;
  private static final AtomicInteger databases = new AtomicInteger();

  private EmbeddedPostgresSupport() {}

  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
      }
      // No shutdown hook of ours: zonky stops the server with the JVM, after Spring has closed its pools.
    }
    return server;
  }

  /** The production schema step ({@code java -jar jospar.jar schema-upgrade}) on a database of this server. */
  public static SchemaUpgrade.Result upgradeSchema(String url) {
    return new SchemaUpgrade(new DriverManagerDataSource(url, "postgres", "postgres")).run();
  }

  /** Creates a fresh database and returns its JDBC URL. */
  public static String newDatabase(String prefix) {
    String name = prefix + "_" + databases.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return server().getJdbcUrl("postgres", name);
  }

  /**
   * Restores a plain SQL dump (gzipped, on the class path) into a database, as {@code psql -f} would: the database a
   * release made, for upgrade tests. On a connection of its own: the dump empties its search path.
   */
  public static void restore(String url, String classpathGz) {
    try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new org.springframework.core.io.ClassPathResource(classpathGz).getInputStream());
        Connection c = java.sql.DriverManager.getConnection(url, "postgres", "postgres")) {
      org.springframework.jdbc.datasource.init.ScriptUtils.executeSqlScript(c,
          new org.springframework.core.io.support.EncodedResource(new org.springframework.core.io.ByteArrayResource(in.readAllBytes()),
              java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("cannot restore " + classpathGz + " into " + url, e);
    }
  }

  /**
   * Points the application's postgres profile at a fresh database, through the same variables
   * production uses, after running the schema step on it as an administrator would.
   */
  public static void register(DynamicPropertyRegistry registry, String prefix) {
    String url = newDatabase(prefix);
    upgradeSchema(url);
    registry.add("JOSPAR_DB_URL", () -> url);
    registry.add("JOSPAR_DB_USER", () -> "postgres");
    registry.add("JOSPAR_DB_PASSWORD", () -> "postgres");
  }
}
