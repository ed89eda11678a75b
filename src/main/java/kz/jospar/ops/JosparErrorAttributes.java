package kz.jospar.ops;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import kz.jospar.language.Languages;
import kz.jospar.language.Words;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;

/**
 * The body of Spring Boot's /error page: never an exception's text (it names Java classes; see
 * server.error.include-message), and for a failure of Jospar itself a sentence in the caller's
 * language with an error number that the log line carrying the stack trace also has.
 */
@Component
class JosparErrorAttributes extends DefaultErrorAttributes {

  private static final Logger log = LoggerFactory.getLogger(JosparErrorAttributes.class);

  private final Languages languages;

  JosparErrorAttributes(Languages languages) {
    this.languages = languages;
  }

  @Override
  public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
    Map<String, Object> attributes = super.getErrorAttributes(request, options.excluding(ErrorAttributeOptions.Include.MESSAGE,
        ErrorAttributeOptions.Include.EXCEPTION, ErrorAttributeOptions.Include.STACK_TRACE));
    // the status from the request itself: the options may leave it out of the attributes
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE, RequestAttributes.SCOPE_REQUEST);
    if (status instanceof Integer code && code >= 500) {
      String id = UUID.randomUUID().toString().substring(0, 8);
      log.error("Error {}: {} answered {} {}", id, request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI, RequestAttributes.SCOPE_REQUEST),
          code, attributes.get("error"), getError(request));
      attributes.put("id", id);
      attributes.put("message", Words.in(Words.of("input.serverError", id), language(request)));
    }
    return attributes;
  }

  private Locale language(WebRequest request) {
    HttpServletRequest http = request instanceof ServletWebRequest servlet ? servlet.getRequest() : null;
    Principal caller = request.getUserPrincipal();
    return languages.forApi(caller == null ? null : caller.getName(), http);
  }
}
