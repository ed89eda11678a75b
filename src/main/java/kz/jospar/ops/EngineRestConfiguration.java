package kz.jospar.ops;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.jospar.forms.CompletionRefusedException;
import kz.jospar.forms.FieldError;
import kz.jospar.forms.FormRejectedException;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine REST API as Camunda configures it, except for its three exception mappers: Jospar's
 * answer a database outage with 503 and Retry-After, a concurrent change of the same task (an
 * optimistic locking conflict, which Camunda answers with 500) with 409 and what to do, and hand
 * every other failure to Camunda's own handling unchanged.
 */
@Configuration
class EngineRestConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EngineRestConfiguration.class);

  private static final Set<Class<?>> REPLACED = Set.of(ExceptionHandler.class, ProcessEngineExceptionHandler.class,
      RestExceptionHandler.class);

  @Bean
  CamundaJerseyResourceConfig camundaJerseyResourceConfig() {
    return new CamundaJerseyResourceConfig() {
      @Override
      protected void registerCamundaRestResources() {
        registerClasses(CamundaRestResources.getResourceClasses());
        for (Class<?> c : CamundaRestResources.getConfigurationClasses()) {
          if (!REPLACED.contains(c)) {
            register(c);
          }
        }
        register(AnyFailure.class);
        register(EngineFailure.class);
        register(RestFailure.class);
        register(JacksonFeature.class);
      }
    };
  }

  static Response respond(Throwable failure) {
    if (DatabaseUnavailable.isCause(failure)) {
      log.warn("Engine REST answered 503: database unavailable ({})", DatabaseUnavailableFilter.rootMessage(failure));
      return Response.status(503).header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS)
          .entity(DatabaseUnavailable.body()).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
    if (concurrentChange(failure)) {
      // a timer or another person changed the same report in the same instant; Camunda says 500
      return Response.status(409).entity(Map.of("type", "ConcurrentChange", "status", 409, "message", CONCURRENT_CHANGE))
          .type(MediaType.APPLICATION_JSON_TYPE).build();
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof FormRejectedException rejected) {
        return refusal(400, "InvalidRequestException", rejected.errors());
      }
      if (t instanceof CompletionRefusedException refused) {
        return refusal(403, "AuthorizationException", refused.errors());
      }
      if (t instanceof AuthorizationException refused && t != failure) {
        // some of Camunda's resources (comments) answer any engine failure with 400: a refusal stays a 403
        return ExceptionHandlerHelper.getInstance().getResponse(refused);
      }
    }
    return ExceptionHandlerHelper.getInstance().getResponse(failure);
  }

  /** A completion's refusal: the message and each field's error, in the person's language, the same on both path forms. */
  private static Response refusal(int status, String type, List<FieldError.Said> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", FieldError.Said.joined(errors));
    body.put("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
    Response.ResponseBuilder answer = Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE);
    if (!errors.isEmpty()) {
      answer.header("Content-Language", errors.get(0).language());
    }
    return answer.build();
  }

  static final String CONCURRENT_CHANGE = "This task changed at the same moment (a deadline passed, or someone else acted on it), so "
      + "nothing of this request was saved. Open the task again and repeat.";

  static boolean concurrentChange(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OptimisticLockingException) {
        return true;
      }
    }
    return false;
  }

  @Provider
  public static class AnyFailure implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable failure) {
      return respond(failure);
    }
  }

  @Provider
  public static class EngineFailure implements ExceptionMapper<ProcessEngineException> {
    @Override
    public Response toResponse(ProcessEngineException failure) {
      return respond(failure);
    }
  }

  @Provider
  public static class RestFailure implements ExceptionMapper<RestException> {
    @Override
    public Response toResponse(RestException failure) {
      return respond(failure);
    }
  }
}
