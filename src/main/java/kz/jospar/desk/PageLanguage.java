package kz.jospar.desk;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import kz.jospar.identity.Caller;
import kz.jospar.people.Languages;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of a page (what {@code #{…}} in a template and every formatted date speak): a
 * {@code lang} parameter, else the person's own choice in their settings, else Keycloak's, else the
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
    return languages.resolve(request.getParameter("lang"), caller, request);
  }

  @Override
  public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    throw new UnsupportedOperationException("a person chooses their language in their settings");
  }
}
