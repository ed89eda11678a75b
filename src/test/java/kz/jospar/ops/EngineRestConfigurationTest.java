package kz.jospar.ops;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.Test;

/** How the engine REST API answers failures once Jospar's mappers stand in for Camunda's. */
@SuppressWarnings("unchecked")
class EngineRestConfigurationTest {

  @Test
  void aTaskChangedAtTheSameMomentIs409WithWhatToDo() {
    // what TaskResource.complete throws when a deadline timer touched the same task (seen in CrashRecoveryIT)
    Response r = EngineRestConfiguration.respond(new RestException(Response.Status.INTERNAL_SERVER_ERROR,
        new OptimisticLockingException("ENGINE-03005 Execution of 'DELETE TimerEntity[1]' failed. Entity was updated by another transaction concurrently."),
        "Cannot complete task 1"));
    assertThat(r.getStatus()).isEqualTo(409);
    assertThat((Map<String, Object>) r.getEntity()).containsEntry("type", "ConcurrentChange").containsKey("message");
  }

  @Test
  void aDatabaseOutageIs503WithRetryAfter() {
    Response r = EngineRestConfiguration.respond(new ProcessEngineException("persistence", new SQLException("Connection refused", "08001")));
    assertThat(r.getStatus()).isEqualTo(503);
    assertThat(r.getHeaderString("Retry-After")).isEqualTo("30");
    assertThat((Map<String, Object>) r.getEntity()).containsEntry("type", "DatabaseUnavailable");
  }

  @Test
  void everythingElseIsCamundasOwnAnswer() {
    Response notFound = EngineRestConfiguration.respond(new RestException(Response.Status.NOT_FOUND, "Cannot find task 1"));
    assertThat(notFound.getStatus()).isEqualTo(404);
    Response other = EngineRestConfiguration.respond(new ProcessEngineException("something else"));
    assertThat(other.getStatus()).isEqualTo(500);
  }
}
