package kz.jospar.engine;



import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
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
    assertThat(((ExceptionDto) notFound.getEntity()).getMessage()).isEqualTo("Cannot find task 1");
    Response other = EngineRestConfiguration.respond(new ProcessEngineException("something else"));
    assertThat(other.getStatus()).isEqualTo(500);
  }

  @Test
  void a500SaysAGenericSentenceAndAnErrorNumberButNotTheException() {
    // given a failure whose text names Java classes and internals
    ProcessEngineException failure = new ProcessEngineException("ENGINE-16004 java.lang.IllegalStateException: secret internals");

    // when the engine REST API answers it
    Response r = EngineRestConfiguration.respond(failure);

    // then the body has a sentence and an id, nothing of the exception
    assertThat(r.getStatus()).isEqualTo(500);
    Map<String, Object> body = (Map<String, Object>) r.getEntity();
    assertThat(body).containsEntry("type", "ServerError").containsKey("id");
    assertThat((String) body.get("message")).contains((String) body.get("id")).doesNotContain("secret", "java.lang", "ENGINE-");
  }

  @Test
  void a4xxMessageKeepsItsTextWithoutQualifiedClassNames() {
    // given Camunda's 400 whose message names Java types
    RestException failure = new RestException(Response.Status.BAD_REQUEST,
        "Cannot convert value 'abc' of type java.lang.String to org.camunda.bpm.engine.variable.type.IntegerValue: "
            + "java.lang.NumberFormatException: For input string");

    // when it is answered
    Response r = EngineRestConfiguration.respond(failure);

    // then the message still says what is wrong, in simple names only
    assertThat(r.getStatus()).isEqualTo(400);
    String message = ((ExceptionDto) r.getEntity()).getMessage();
    assertThat(message).isEqualTo("Cannot convert value 'abc' of type String to IntegerValue: NumberFormatException: For input string");
  }

  @Test
  void aBodyOfTheWrongShapeIs400NamingTheFieldWithoutJacksonsText() throws Exception {
    // given what Jackson throws for {"priority": "high"} where a number belongs
    record Task(int priority) {}
    JsonProcessingException failure;
    try {
      new ObjectMapper().readValue("{\"priority\":\"high\"}", Task.class);
      throw new AssertionError("Jackson accepted a word for a number");
    } catch (JsonProcessingException e) {
      failure = e;
    }

    // when the engine REST API answers it
    Response r = EngineRestConfiguration.unreadable(failure);

    // then Camunda's 400 names the field and no Java type
    assertThat(r.getStatus()).isEqualTo(400);
    ExceptionDto dto = (ExceptionDto) r.getEntity();
    assertThat(dto.getType()).isEqualTo("InvalidRequestException");
    assertThat(dto.getMessage()).startsWith("priority: ").doesNotContain("java.", "int", "Cannot deserialize");
  }
}
