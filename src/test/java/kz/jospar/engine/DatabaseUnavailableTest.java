package kz.jospar.engine;


import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** The failures seen when PostgreSQL went away under load (PostgresOperationsIT), and ones that are not an outage. */
class DatabaseUnavailableTest {

  @Test
  void recognisesTheWaysAnOutageSurfaces() {
    assertThat(DatabaseUnavailable.isCause(new ProcessEnginePersistenceException("An exception occurred in the persistence layer", new TransactionSystemException("JDBC rollback failed",
        new SQLException("Connection is closed"))))).isTrue();
    assertThat(DatabaseUnavailable.isCause(new ProcessEnginePersistenceException("An exception occurred in the persistence layer", new PersistenceException(
        new SQLException("FATAL: terminating connection due to administrator command", "57P01"))))).isTrue();
    assertThat(DatabaseUnavailable.isCause(new CannotCreateTransactionException("Could not open JDBC Connection",
        new SQLTransientConnectionException("jospar-db - Connection is not available, request timed out after 5000ms.")))).isTrue();
    assertThat(DatabaseUnavailable.isCause(new ProcessEngineException("Exception while invoking TaskListener",
        new RuntimeException(new ConnectException("Connection refused"))))).isTrue();
  }

  @Test
  void otherFailuresAreNotAnOutage() {
    assertThat(DatabaseUnavailable.isCause(new ProcessEngineException("Cannot find task with id x"))).isFalse();
    assertThat(DatabaseUnavailable.isCause(new ProcessEnginePersistenceException("An exception occurred in the persistence layer", new PersistenceException(
        new SQLException("duplicate key value violates unique constraint", "23505"))))).isFalse();
    assertThat(DatabaseUnavailable.isCause(null)).isFalse();
  }
}
