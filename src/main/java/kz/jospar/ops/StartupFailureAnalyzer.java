package kz.jospar.ops;

import kz.jospar.engine.SchemaUpgrade;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The start-up failures an administrator causes (a setting missing, the database's password, the
 * database not reachable, the schema step not run, Keycloak not reachable), each said as what
 * happened and what to do, instead of the outermost exception of a stack trace ("Error starting
 * Tomcat context"). Looks through the whole chain of causes, so it finds them however deep.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class StartupFailureAnalyzer implements FailureAnalyzer {

  static final String GUIDE = "docs/operations.md";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(JOSPAR_[A-Z0-9_]+)");
  private static final Pattern ISSUER = Pattern.compile("provided Issuer of \"?([^\"\\s]+)\"?");
  /** What Spring's REST client says when a request to Keycloak got no answer (the identity plugin's token request). */
  private static final Pattern KEYCLOAK_REQUEST = Pattern.compile("I/O error on [A-Z]+ request for \"(https?://[^\"]+?/realms/[^/\"]+)");
  private static final Pattern UNAUTHORIZED = Pattern.compile("^401\\b");

  @Override
  public FailureAnalysis analyze(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RequiredSettings.MissingSettingsException missing) {
        return missingSettings(String.join(", ", missing.variables()), failure);
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SchemaUpgrade.SchemaBehindException behind) {
        return new FailureAnalysis("Jospar did not start: the database's schema is not at this version of Jospar ("
            + behind.getMessage() + ").",
            "Stop every node, back up the database, run the schema step once: java -jar jospar.jar " + SchemaCommand.NAME
                + " (with the same JOSPAR_DB_* variables), then start the nodes. See " + GUIDE + ", 'Schema step'.",
            failure);
      }
      String message = String.valueOf(t.getMessage());
      Matcher placeholder = PLACEHOLDER.matcher(message);
      if (placeholder.find()) {
        return missingSettings(placeholder.group(1), failure);
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        FailureAnalysis database = database(sql, failure);
        if (database != null) {
          return database;
        }
      }
      Matcher issuer = ISSUER.matcher(message);
      if (!issuer.find()) {
        issuer = KEYCLOAK_REQUEST.matcher(message);
      }
      if (issuer.reset().find()) {
        return new FailureAnalysis("Jospar did not start: Keycloak did not answer for the realm at " + issuer.group(1)
            + " (" + rootMessage(t) + ").",
            "Check that Keycloak runs and that JOSPAR_KEYCLOAK_URL (its address as this server reaches it, without /realms) "
                + "and JOSPAR_KEYCLOAK_REALM are right: curl " + issuer.group(1) + "/.well-known/openid-configuration "
                + "must answer. See " + GUIDE + ", 'Keycloak for production'.",
            failure);
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getClass().getSimpleName().equals("IdentityProviderException") && t.getCause() != null
          && UNAUTHORIZED.matcher(String.valueOf(t.getCause().getMessage())).find()) {
        return new FailureAnalysis("Jospar did not start: Keycloak refused the client camunda-identity-service ("
            + rootMessage(t) + ").",
            "Set JOSPAR_IDENTITY_CLIENT_SECRET to that client's secret in the realm (keycloak/production.sh secrets "
                + "prints where to read it). See " + GUIDE + ", 'Keycloak for production'.",
            failure);
      }
    }
    return null;
  }

  private static FailureAnalysis missingSettings(String variables, Throwable failure) {
    return new FailureAnalysis("Jospar did not start: " + variables + (variables.contains(",") ? " are" : " is")
        + " not set.",
        "Set " + variables + " in /etc/jospar/jospar.env (deploy/jospar.env.example names each setting) or in the "
            + "environment of the command, then start again. See " + GUIDE + ", 'Install'.",
        failure);
  }

  private static FailureAnalysis database(SQLException sql, Throwable failure) {
    String state = sql.getSQLState();
    if (state.equals("28P01") || state.equals("28000")) {
      return new FailureAnalysis("Jospar did not start: the database refused JOSPAR_DB_USER with JOSPAR_DB_PASSWORD ("
          + sql.getMessage() + ").",
          "Set the password of the database role in JOSPAR_DB_PASSWORD (or give the role this password: "
              + "ALTER ROLE jospar PASSWORD '...'; as the postgres user), and check that pg_hba.conf lets it in over TCP "
              + "with scram-sha-256. See " + GUIDE + ", 'Database'.",
          failure);
    }
    if (state.equals("3D000")) {
      return new FailureAnalysis("Jospar did not start: the database named in JOSPAR_DB_URL does not exist ("
          + sql.getMessage() + ").",
          "Create it (createdb --owner=jospar jospar, as the postgres user) or correct JOSPAR_DB_URL, run the schema step, "
              + "and start again. See " + GUIDE + ", 'Database'.",
          failure);
    }
    if (state.startsWith("08") || hasCause(sql, ConnectException.class) || hasCause(sql, UnknownHostException.class)) {
      return new FailureAnalysis("Jospar did not start: the database at JOSPAR_DB_URL cannot be reached ("
          + sql.getMessage() + ").",
          "Check that PostgreSQL runs (systemctl status postgresql), that JOSPAR_DB_URL names its host and port, and that "
              + "it listens there (listen_addresses, port in postgresql.conf; a firewall between). See " + GUIDE
              + ", 'Database'.",
          failure);
    }
    return null;
  }

  private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
