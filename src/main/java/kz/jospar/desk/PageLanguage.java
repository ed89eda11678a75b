package kz.jospar.desk;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import kz.jospar.access.Caller;
import kz.jospar.language.Languages;
import kz.jospar.language.UserSettings;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of a page (what {@code #{…}} in a template and every formatted date speak): a
 * {@code lang} parameter (kept in the session for the pages after it), else the person's own choice in their settings, else Keycloak's, else the
 * browser's, else Kazakh. The same order as the monitor's ({@link Languages#resolve}).
 */
@Component("localeResolver")
class PageLanguage implements LocaleResolver {

  private final Languages languages;

  PageLanguage(Languages languages) {
    this.languages = languages;
  }

  @Override
  public Locale resolveLocale(HttpServletRequest request) {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    Caller caller = auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated() ? null : Caller.of(auth);
    return languages.resolve(asked(request), caller, request);
  }

  /** The session's attribute that keeps a language asked for by a link ({@code ?lang=ru}) for the pages after it. */
  static final String ASKED = PageLanguage.class.getName() + ".asked";

  /**
   * A {@code lang} parameter, kept in the session so that the next pages (a redirect after a
   * completion, the header's links) speak it too; else the one kept; else none.
   */
  private static String asked(HttpServletRequest request) {
    String asked = request.getParameter("lang");
    HttpSession session = request.getSession(false);
    if (asked != null && UserSettings.LANGUAGES.contains(asked)) {
      if (session != null) {
        session.setAttribute(ASKED, asked);
      }
      return asked;
    }
    return session != null && session.getAttribute(ASKED) instanceof String kept ? kept : asked;
  }

  @Override
  public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    throw new UnsupportedOperationException("a person chooses their language in their settings");
  }
}
