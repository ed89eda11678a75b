package kz.jospar.engine;

import kz.jospar.engine.WebappEngineApi;
import kz.jospar.engine.DatabaseUnavailable;
import kz.jospar.engine.DatabaseUnavailableFilter;

import kz.jospar.engine.CommandPolicyPlugin;

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
import kz.jospar.language.CompletionRefusedException;
import kz.jospar.language.FieldError;
import kz.jospar.engine.FormRejectedException;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kz.jospar.language.Languages;
import kz.jospar.language.Words;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.exception.NullValueException;
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
import jakarta.servlet.ServletRegistration;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
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

  static final Set<Class<?>> REPLACED = Set.of(ExceptionHandler.class, ProcessEngineExceptionHandler.class,
      RestExceptionHandler.class, JsonMappingExceptionHandler.class, JsonParseExceptionHandler.class);

  /** Jospar's answers to failures, on both doors of the engine's REST API. */
  static final Set<Class<?>> FAILURES = Set.of(AnyFailure.class, EngineFailure.class, RestFailure.class, JsonFailure.class);

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
        FAILURES.forEach(this::register);
        // Jersey's own JSON mappers would answer with Jackson's text, which names Java classes
        register(JacksonFeature.withoutExceptionMappers());
      }
    };
  }

  /**
   * The webapps' door to the engine (/camunda/api/engine) with Jospar's answers to failures. Registered
   * before Camunda's webapp initializer, which then keeps this registration (it adds its own only when
   * the servlet name is free); start-up fails if the door is missing or was registered by someone else.
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  ServletContextInitializer webappEngineApi(CamundaBpmProperties camunda) {
    return context -> {
      String path = camunda.getWebapp().getApplicationPath() + "/api/engine/*";
      ServletRegistration.Dynamic api = context.addServlet(WEBAPP_ENGINE_API, ServletContainer.class);
      if (api == null) {
        throw new IllegalStateException("servlet '" + WEBAPP_ENGINE_API + "' was registered before Jospar's: the webapps' engine API "
            + "would answer failures with Camunda's own mappers");
      }
      api.addMapping(path);
      api.setAsyncSupported(true); // fetchAndLock answers asynchronously (long polling); without this it fails with a 500
      api.setInitParameter("jakarta.ws.rs.Application", WebappEngineApi.class.getName());
    };
  }

  /** The name Camunda's webapp initializer gives the servlet (CamundaBpmWebappInitializer, 7.24). */
  static final String WEBAPP_ENGINE_API = "Engine Api";

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
    Response mistake = personsMistake(failure);
    return mistake != null ? mistake : camundaWithoutClassNames(failure);
  }

  /**
   * What Camunda answers with 500 although the request was at fault: a required value missing or naming
   * nothing (its NullValueException, or a NullPointerException in its REST layer reading a body without
   * that field), or a row that already exists (a unique key). Null when the failure is none of these.
   */
  static Response personsMistake(Throwable failure) {
    Locale lang = language();
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TaskAlreadyClaimedException) {
        // two people of a body took the same task at once: Camunda says 500
        return camundaShaped(409, "TaskAlreadyClaimedException", Words.in(Words.of("input.alreadyClaimed"), lang));
      }
      if (t instanceof BadUserRequestException || t.getClass().getSimpleName().endsWith("NotFoundException")) {
        // Camunda's resources wrap some of these in a 500 of their own (case executions, restarts)
        boolean notFound = t.getClass().getSimpleName().endsWith("NotFoundException");
        return camundaShaped(notFound ? 404 : 400, notFound ? "NotFoundException" : "InvalidRequestException",
            withoutClassNames(failure != t && failure.getMessage() != null ? failure.getMessage() : t.getMessage()));
      }
      if (t instanceof NullValueException missing) {
        String message = withoutClassNames(failure != t && failure.getMessage() != null ? failure.getMessage() : missing.getMessage());
        boolean notFound = NOT_FOUND.matcher(message).find();
        return camundaShaped(notFound ? 404 : 400, notFound ? "NotFoundException" : "InvalidRequestException", message);
      }
      if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
        return camundaShaped(409, "ConflictException", Words.in(Words.of("input.duplicate"), lang));
      }
      if (t instanceof NullPointerException npe && fromRestLayer(npe, false)) {
        Matcher field = NULL_FIELD.matcher(String.valueOf(npe.getMessage()));
        String name = field.find() ? (field.group(1) != null ? field.group(1) : decapitalize(field.group(2))) : "body";
        return camundaShaped(400, "InvalidRequestException", name + ": " + Words.in(Words.of("input.required"), lang));
      }
    }
    // a builder's check of the request before any command ran (ENGINE-13051 "You must specify at least one of …")
    if (failure.getClass() == ProcessEngineException.class && fromRestLayer(failure, true)) {
      return camundaShaped(400, "InvalidRequestException", withoutClassNames(failure.getMessage()));
    }
    return null;
  }

  /** "…this.type is null", "…the return value of "….getRetries()" is null": the field the body lacks. */
  private static final Pattern NULL_FIELD = Pattern.compile("\"(?:this\\.)?(\\w+)\" is null|\\.(?:get|is)(\\w+)\\(\\)\" is null");

  private static final Pattern NOT_FOUND = Pattern.compile("(?i)not found|no \\w[\\w ]* found|cannot find|can.t find|does not exist|doesn.t exist|no matching");

  /**
   * A failure raised while Camunda's REST layer read the request (a NullPointerException on a missing field,
   * anywhere but in Jospar's code), or, with {@code beforeAnyCommand}, while it checked the request before any
   * engine command ran.
   */
  static boolean fromRestLayer(Throwable failure, boolean beforeAnyCommand) {
    // from where it was thrown down to the REST resource that read the body: Jospar's code on the way means a fault of Jospar's
    for (StackTraceElement frame : failure.getStackTrace()) {
      String type = frame.getClassName();
      if (type.startsWith("org.camunda.bpm.engine.rest.")) {
        return true;
      }
      if (type.startsWith("kz.jospar.") && !type.startsWith(CommandPolicyPlugin.class.getName())) {
        return false;
      }
      if (beforeAnyCommand && type.startsWith("org.camunda.bpm.engine.impl.interceptor.")) {
        return false;
      }
    }
    return false;
  }

  private static String decapitalize(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private static Response camundaShaped(int status, String type, String message) {
    ExceptionDto dto = new ExceptionDto();
    dto.setType(type);
    dto.setMessage(message);
    return Response.status(status).entity(dto).type(MediaType.APPLICATION_JSON_TYPE).build();
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
