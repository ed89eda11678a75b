package kz.jospar.language;

import kz.jospar.language.UserSettings;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import kz.jospar.access.Caller;
import org.springframework.stereotype.Component;

/**
 * Which language to speak to a person: what the request asks for explicitly, else what they chose
 * in Jospar, else their Keycloak language, else their browser's first of Kazakh, Russian, English,
 * else Kazakh, the state language.
 */
@Component
public class Languages {

  public static final Locale KAZAKH = Locale.forLanguageTag("kk");

  /** A request attribute a page sets when it acts as the person: the language of its refusals is the page's. */
  public static final String PAGE_LANGUAGE = Languages.class.getName() + ".page";

  private final UserSettings settings;

  Languages(UserSettings settings) {
    this.settings = settings;
  }

  public Locale resolve(String explicit, Caller caller, HttpServletRequest request) {
    if (explicit != null && UserSettings.LANGUAGES.contains(explicit)) {
      return Locale.forLanguageTag(explicit);
    }
    if (caller != null) {
      var chosen = settings.of(caller.userId()).language();
      if (chosen.isPresent()) {
        return chosen.get();
      }
      if (caller.keycloakLocale().filter(UserSettings.LANGUAGES::contains).isPresent()) {
        return Locale.forLanguageTag(caller.keycloakLocale().get());
      }
    }
    return browser(request);
  }

  /**
   * The language of an API answer (a refusal): the person's choice, else the request's
   * Accept-Language, else English, the language of programs that call without saying.
   */
  public Locale forApi(String userId, HttpServletRequest request) {
    if (request != null && request.getAttribute(PAGE_LANGUAGE) instanceof Locale page) {
      return page;
    }
    if (userId != null) {
      var chosen = settings.of(userId).language();
      if (chosen.isPresent()) {
        return chosen.get();
      }
    }
    String header = request == null ? null : request.getHeader("Accept-Language");
    return header == null || header.isBlank() ? Locale.ENGLISH : browserOr(request, Locale.ENGLISH);
  }

  /** The browser's first language Jospar speaks (Accept-Language), else Kazakh. */
  public static Locale browser(HttpServletRequest request) {
    return browserOr(request, KAZAKH);
  }

  public static Locale browserOr(HttpServletRequest request, Locale otherwise) {
    String header = request == null ? null : request.getHeader("Accept-Language");
    if (header != null && !header.isBlank()) {
      try {
        for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
          String language = range.getRange().split("-")[0];
          if (UserSettings.LANGUAGES.contains(language)) {
            return Locale.forLanguageTag(language);
          }
        }
      } catch (IllegalArgumentException malformed) {
        // a malformed header is no choice
      }
    }
    return otherwise;
  }
}
