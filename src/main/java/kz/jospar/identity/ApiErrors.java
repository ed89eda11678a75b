package kz.jospar.identity;

import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/** Refusals an API caller can act on: what is missing, in JSON, with the right status. */
final class ApiErrors {

  private ApiErrors() {}

  static RequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }

  /** {@code whatKey}: a key of Jospar's words saying what is missing, answered in the request's language. */
  static AuthenticationEntryPoint unauthorized(String challenge, String whatKey) {
    return (request, response, e) -> {
      response.setStatus(401);
      response.setHeader("WWW-Authenticate", challenge);
      write(response, 401, "Unauthorized", say(request, whatKey) + " (" + e.getMessage() + ")");
    };
  }

  static AccessDeniedHandler forbidden() {
    return (request, response, e) -> write(response, 403, "Forbidden", say(request, "api.forbidden") + " (" + e.getMessage() + ")");
  }

  /**
   * Who is refused is not known yet (or not trusted): the request's Accept-Language (kk, ru, en)
   * decides, English for programs that say nothing.
   */
  static String say(jakarta.servlet.http.HttpServletRequest request, String key) {
    java.util.Locale lang = request.getHeader("Accept-Language") == null ? java.util.Locale.ENGLISH
        : kz.jospar.language.Languages.browserOr(request, java.util.Locale.ENGLISH);
    return kz.jospar.language.Words.in(kz.jospar.language.Words.of(key), lang);
  }

  static void write(jakarta.servlet.http.HttpServletResponse response, int status, String error, String message)
      throws java.io.IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + error + "\",\"message\":\""
        + message.replace("\\", "\\\\").replace("\"", "'") + "\"}");
  }
}
