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

  static AuthenticationEntryPoint unauthorized(String challenge, String what) {
    return (request, response, e) -> {
      response.setStatus(401);
      response.setHeader("WWW-Authenticate", challenge);
      write(response, 401, "Unauthorized", what + " (" + e.getMessage() + ")");
    };
  }

  static AccessDeniedHandler forbidden() {
    return (request, response, e) -> write(response, 403, "Forbidden", "not allowed for your role or body (" + e.getMessage() + ")");
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
