package kz.jospar.language;

import kz.jospar.language.RejectedInput;

import kz.jospar.language.Words;

import kz.jospar.language.Languages;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What Jospar's own controllers answer to input they cannot use: a 4xx in the caller's language
 * that names the field, shaped like every other Jospar refusal ({@code status, error, field, message}),
 * and never an exception's own text (it names Java classes). Failures of Jospar itself are left to
 * /error (JosparErrorAttributes) so the database-outage filter still turns them into 503.
 */
@RestControllerAdvice(basePackages = "kz.jospar")
class ApiErrorAdvice {

  private final Languages languages;
  private final MessageSource words;

  ApiErrorAdvice(Languages languages, MessageSource words) {
    this.languages = languages;
    this.words = words;
  }

  @ExceptionHandler(RejectedInput.class)
  ResponseEntity<Map<String, Object>> rejected(RejectedInput e, HttpServletRequest request) {
    Locale lang = language(request);
    return answer(e.status(), e.field(), words.getMessage(e.words(), lang), lang);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
    Locale lang = language(request);
    if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = mapping.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      return answer(HttpStatus.BAD_REQUEST, field, say(lang, "input.bodyField"), lang);
    }
    boolean empty = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing");
    return answer(HttpStatus.BAD_REQUEST, "body", say(lang, empty ? "input.bodyMissing" : "input.body"), lang);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> wrongType(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    Locale lang = language(request);
    return answer(HttpStatus.BAD_REQUEST, e.getName(), say(lang, "input.type", shown(e.getValue()), kind(e.getRequiredType(), lang)), lang);
  }

  /** A query record (the monitor's {@code ?year=}) whose field could not be bound. */
  @ExceptionHandler(BindException.class)
  ResponseEntity<Map<String, Object>> unbound(BindException e, HttpServletRequest request) {
    Locale lang = language(request);
    FieldError first = e.getFieldError();
    if (first == null) {
      return answer(HttpStatus.BAD_REQUEST, "body", say(lang, "input.body"), lang);
    }
    Class<?> type = e.getFieldType(first.getField());
    return answer(HttpStatus.BAD_REQUEST, first.getField(), say(lang, "input.type", shown(first.getRejectedValue()), kind(type, lang)), lang);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Map<String, Object>> missing(MissingServletRequestParameterException e, HttpServletRequest request) {
    Locale lang = language(request);
    return answer(HttpStatus.BAD_REQUEST, e.getParameterName(), say(lang, "input.missing"), lang);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> contentType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    Locale lang = language(request);
    String supported = e.getSupportedMediaTypes().isEmpty() ? MediaType.APPLICATION_JSON_VALUE
        : e.getSupportedMediaTypes().stream().map(MediaType::toString).distinct().collect(Collectors.joining(", "));
    return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type", say(lang, "input.contentType", supported), lang);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    Locale lang = language(request);
    String allowed = e.getSupportedHttpMethods() == null ? "" : e.getSupportedHttpMethods().stream().map(Object::toString)
        .collect(Collectors.joining(", "));
    return answer(HttpStatus.METHOD_NOT_ALLOWED, null, say(lang, "input.method", e.getMethod(), allowed), lang);
  }

  private Locale language(HttpServletRequest request) {
    Principal caller = request.getUserPrincipal();
    return languages.forApi(caller == null ? null : caller.getName(), request);
  }

  private String say(Locale lang, String key, Object... args) {
    return words.getMessage(Words.of(key, args), lang);
  }

  /** How the expected type reads to a person: no Java class names. */
  private String kind(Class<?> type, Locale lang) {
    boolean number = type != null && (Number.class.isAssignableFrom(type) || type == int.class || type == long.class);
    return say(lang, number ? "input.number" : "input.value");
  }

  /** The value as sent, cut short: a refusal does not echo a megabyte back. */
  private static String shown(Object value) {
    String text = String.valueOf(value);
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String field, String message, Locale lang) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status.value());
    body.put("error", status.getReasonPhrase());
    if (field != null) {
      body.put("field", field);
    }
    body.put("message", field == null ? message : field + ": " + message);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
        .header(HttpHeaders.CONTENT_LANGUAGE, lang.getLanguage()).body(body);
  }
}
