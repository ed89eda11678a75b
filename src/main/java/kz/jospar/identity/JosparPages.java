package kz.jospar.identity;

import static kz.jospar.identity.ApiErrors.path;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * Jospar's own pages and their data (/jospar/**: the plan monitor, exports, a person's settings)
 * run in the browser session of the webapps. What they change is guarded by a CSRF token of their
 * own: cookie {@value #CSRF_COOKIE}, echoed in header {@value #CSRF_HEADER} (not the webapps'
 * XSRF-TOKEN, which lives under /camunda and which a second cookie of the same name would shadow).
 */
final class JosparPages {

  static final String CSRF_COOKIE = "JOSPAR-XSRF";
  static final String CSRF_HEADER = "X-JOSPAR-XSRF";

  private JosparPages() {}

  static void csrf(HttpSecurity http) throws Exception {
    CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
    tokens.setCookieName(CSRF_COOKIE);
    tokens.setHeaderName(CSRF_HEADER);
    tokens.setCookieCustomizer(c -> c.path("/").sameSite("Lax"));
    CsrfTokenRequestAttributeHandler plain = new CsrfTokenRequestAttributeHandler();
    // the token is loaded on every page of the session, so the cookie is there before the first change
    plain.setCsrfRequestAttributeName(null);
    http.csrf(c -> c.csrfTokenRepository(tokens).csrfTokenRequestHandler(plain)
        // the webapps carry their own CSRF token (cookie + header) on everything they post
        .ignoringRequestMatchers(path("/camunda/**")));
  }

  /** A page is sent to the login, data gets 401 with what is missing. */
  static org.springframework.security.web.AuthenticationEntryPoint signIn() {
    return (request, response, e) -> {
      String accept = request.getHeader("Accept");
      if (accept != null && accept.contains("text/html")) {
        response.sendRedirect(request.getContextPath() + "/camunda/app/welcome/default/#!/login");
      } else {
        ApiErrors.write(response, 401, "Unauthorized", ApiErrors.say(request, "api.webappSession"));
      }
    };
  }
}
