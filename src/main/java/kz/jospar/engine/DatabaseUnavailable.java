package kz.jospar.engine;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a database outage from other failures, and the answer a caller gets for one: 503 with a
 * Retry-After and a sentence saying what happened, never a stack trace or a hanging request (the
 * pool gives up after its connection timeout).
 */
public final class DatabaseUnavailable {

  public static final int RETRY_AFTER_SECONDS = 30;
  public static final String TYPE = "DatabaseUnavailable";
  public static final String MESSAGE = "The database is unavailable at the moment, so this request was not completed. "
      + "Try again in a minute; if it changed something, check whether the change is there before repeating it.";

  private DatabaseUnavailable() {}

  /** True when the failure, or anything that caused it, is the database being out of reach. */
  public static boolean isCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof CannotGetJdbcConnectionException
          || t instanceof CannotCreateTransactionException || t instanceof ConnectException) {
        return true;
      }
      // the pool closed a connection the server dropped (HikariCP gives no SQL state), or a rollback
      // could not even be sent: both only happen when the connection is gone
      if (t instanceof SQLException && "Connection is closed".equals(t.getMessage())) {
        return true;
      }
      if (t instanceof TransactionSystemException && t.getCause() instanceof SQLException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        // 08: connection exceptions; 57P01-57P03: the server is shutting down, restarting or not yet accepting
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The JSON body of the 503 (the shape of the engine REST API's errors, plus the status). */
  public static Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", TYPE);
    body.put("status", 503);
    body.put("message", MESSAGE);
    return body;
  }
}
