package kz.jospar.identity;

import static kz.jospar.identity.ApiErrors.path;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import kz.jospar.language.UserSettings;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Jospar's own pages and their data (/jospar/**: the desk, the plan monitor, exports, a person's
 * settings) run in the browser session of the webapps. What they change is guarded by a CSRF token of
 * their own: cookie {@value #CSRF_COOKIE}, echoed in header {@value #CSRF_HEADER} or sent as the
 * form field {@code _csrf} (not the webapps' XSRF-TOKEN, which lives under /camunda and which a second
 * cookie of the same name would shadow).
 */
final class JosparPages {

  static final String CSRF_COOKIE = "JOSPAR-XSRF";
  static final String CSRF_HEADER = "X-JOSPAR-XSRF";

  /**
   * Jospar's pages run no inline script or style and are framed by nobody: a script injected into a
   * page would not run. The webapps under /camunda keep their own, looser policy (Camunda's header
   * filter, with its nonces), untouched here.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
      + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

  private JosparPages() {}

  static CookieCsrfTokenRepository tokens() {
    CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
    tokens.setCookieName(CSRF_COOKIE);
    tokens.setHeaderName(CSRF_HEADER);
    tokens.setCookieCustomizer(c -> c.path("/").sameSite("Lax"));
    return tokens;
  }

  static void csrf(HttpSecurity http) throws Exception {
    CsrfTokenRequestAttributeHandler plain = new CsrfTokenRequestAttributeHandler();
    // the token is loaded on every page of the session, so the cookie is there before the first change
    plain.setCsrfRequestAttributeName(null);
    http.csrf(c -> c.csrfTokenRepository(tokens()).csrfTokenRequestHandler(plain)
        // the webapps carry their own CSRF token (cookie + header) on everything they post
        .ignoringRequestMatchers(path("/camunda/**")));
  }

  /**
   * The secure headers of /jospar/**: the policy above ({@code alsoPostTo}: another origin a form may
   * end at, Keycloak's for its sign-out, or null), no MIME sniffing, the address of a page told to
   * Jospar itself only. Spring Security's defaults (nosniff, X-Frame-Options DENY, no-store) stay
   * on every answer.
   */
  static void headers(HttpSecurity http, String alsoPostTo) throws Exception {
    String policy = alsoPostTo == null ? CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY + " " + alsoPostTo;
    var pages = path("/jospar/**");
    http.headers(h -> h
        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(pages, new StaticHeadersWriter("Content-Security-Policy", policy)))
        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(pages,
            new ReferrerPolicyHeaderWriter(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(pages, new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin")))
        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(pages,
            new StaticHeadersWriter("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"))));
  }

  /** A page is sent to the desk's sign-in (coming back to it after), data gets 401 with what is missing. */
  static org.springframework.security.web.AuthenticationEntryPoint signIn() {
    return (request, response, e) -> {
      String accept = request.getHeader("Accept");
      if (accept != null && accept.contains("text/html")) {
        response.sendRedirect(request.getContextPath() + signInAddress(request));
      } else {
        ApiErrors.write(response, 401, "Unauthorized", ApiErrors.say(request, "api.webappSession"));
      }
    };
  }

  /** Back to the sign-in, saying so in the language of the page the person left. */
  static org.springframework.security.web.authentication.logout.LogoutSuccessHandler signedOut() {
    return (request, response, authentication) -> {
      String lang = request.getParameter("lang");
      response.sendRedirect(request.getContextPath() + SignInAddress.SIGN_IN + "?out"
          + (lang != null && UserSettings.LANGUAGES.contains(lang) ? "&lang=" + lang : ""));
    };
  }

  /** The sign-in with the page asked for (a GET's path and query; the desk needs no return) and the page's language. */
  static String signInAddress(HttpServletRequest request) {
    StringBuilder to = new StringBuilder(SignInAddress.SIGN_IN);
    char glue = '?';
    String lang = request.getParameter("lang");
    if ("GET".equals(request.getMethod())) {
      String asked = request.getRequestURI().substring(request.getContextPath().length())
          + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
      if (!asked.equals(SignInAddress.LANDING) && SignInAddress.safe(asked) != null) {
        to.append(glue).append("to=").append(URLEncoder.encode(asked, StandardCharsets.UTF_8));
        glue = '&';
      }
    }
    if (lang != null && UserSettings.LANGUAGES.contains(lang)) {
      to.append(glue).append("lang=").append(lang);
    }
    return to.toString();
  }
}
