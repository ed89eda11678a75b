package kz.jospar.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.jospar.forms.CompletionRefusedException;
import kz.jospar.forms.FieldError;
import kz.jospar.forms.FormRejectedException;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kz.jospar.people.Languages;
import kz.jospar.people.Words;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.camunda.bpm.engine.rest.exception.JsonMappingExceptionHandler;
import org.camunda.bpm.engine.rest.exception.JsonParseExceptionHandler;
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
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The engine REST API as Camunda configures it, except for its three exception mappers: Jospar's
 * answer a database outage with 503 and Retry-After, a concurrent change of the same task (an
 * optimistic locking conflict, which Camunda answers with 500) with 409 and what to do, any other
 * 500 with a sentence in the caller's language and an error number (the log has the exception), a
 * body that is no JSON or of the wrong shape with Camunda's 400 naming the field, and every other
 * failure with Camunda's own answer, its message stripped of Java class names.
 */
@Configuration
class EngineRestConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EngineRestConfiguration.class);

  private static final Set<Class<?>> REPLACED = Set.of(ExceptionHandler.class, ProcessEngineExceptionHandler.class,
      RestExceptionHandler.class, JsonMappingExceptionHandler.class, JsonParseExceptionHandler.class);

  /** A qualified Java class name (java.lang.Long, org.camunda...ProcessEngineException): a 4xx message says none. */
  private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:java|javax|jakarta|org|com|kz|sun|jdk)\\.(?:[a-z_$][\\w$]*\\.)+([A-Z][\\w$]*)");

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
        register(JsonFailure.class);
        // Jersey's own JSON mappers would answer with Jackson's text, which names Java classes
        register(JacksonFeature.withoutExceptionMappers());
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
        return camundaWithoutClassNames(refused);
      }
    }
    return camundaWithoutClassNames(failure);
  }

  /** Camunda's own answer, a 500 replaced by a sentence and an error number, a 4xx message without Java class names. */
  private static Response camundaWithoutClassNames(Throwable failure) {
    Response camunda = ExceptionHandlerHelper.getInstance().getResponse(failure);
    if (camunda.getStatus() >= 500) {
      return serverError(failure);
    }
    if (camunda.getEntity() instanceof ExceptionDto dto) {
      dto.setMessage(withoutClassNames(dto.getMessage()));
    }
    return camunda;
  }

  /** A failure of the engine or of Jospar: a sentence in the caller's language and an error number; the log has the rest. */
  static Response serverError(Throwable failure) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    log.error("Engine REST error {}: answered 500", id, failure);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "ServerError");
    body.put("message", Words.in(Words.of("input.serverError", id), language()));
    body.put("id", id);
    return Response.status(500).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
  }

  /** A body that is no JSON, or JSON of the wrong shape: 400 in Camunda's shape, naming the field and no Java type. */
  static Response unreadable(JsonProcessingException failure) {
    if (failure instanceof InvalidDefinitionException) {
      // a type Jackson cannot handle at all is Jospar's fault, not the caller's
      return serverError(failure);
    }
    Locale lang = language();
    String message;
    if (failure instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = mapping.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      message = field + ": " + Words.in(Words.of("input.bodyField"), lang);
    } else {
      message = "body: " + Words.in(Words.of("input.body"), lang);
    }
    ExceptionDto dto = new ExceptionDto();
    dto.setType(InvalidRequestException.class.getSimpleName());
    dto.setMessage(message);
    return Response.status(400).entity(dto).type(MediaType.APPLICATION_JSON_TYPE).build();
  }

  static String withoutClassNames(String message) {
    return message == null ? null : CLASS_NAME.matcher(message).replaceAll("$1");
  }

  /** The request's Accept-Language (kk, ru, en), else English: the engine REST API's callers are programs and the webapps. */
  private static Locale language() {
    HttpServletRequest request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet
        ? servlet.getRequest() : null;
    return Languages.browserOr(request, Locale.ENGLISH);
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
  public static class JsonFailure implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException failure) {
      return unreadable(failure);
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
