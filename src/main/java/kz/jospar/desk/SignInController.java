package kz.jospar.desk;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import kz.jospar.identity.PasswordSignIn;
import kz.jospar.identity.SignInAddress;
import kz.jospar.language.UserSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Where everyone lands: {@code /} leads to the desk, and the desk's own sign-in page (embedded default
 * and postgres profile) signs a person into Jospar's pages and the webapps at once. With Keycloak the
 * person is signed in before reaching this page and goes straight on.
 */
@Controller
class SignInController {

  private final ObjectProvider<PasswordSignIn> passwords;
  private final MessageSource words;

  SignInController(ObjectProvider<PasswordSignIn> passwords, MessageSource words) {
    this.passwords = passwords;
    this.words = words;
  }

  @GetMapping("/")
  View root() {
    return redirect(SignInAddress.LANDING);
  }

  @GetMapping(SignInAddress.SIGN_IN)
  Object page(@RequestParam(required = false) String to, @RequestParam(required = false) String out,
      @RequestParam(required = false) String lang, Authentication authentication, HttpServletRequest request, Model model) {
    if (signedIn(authentication)) {
      return redirect(landing(to, lang));
    }
    model.addAttribute("signedOut", out != null);
    return form(model, request, to, lang, "", Map.of());
  }

  @PostMapping(SignInAddress.SIGN_IN)
  Object signIn(@RequestParam(required = false) String username, @RequestParam(required = false) String password,
      @RequestParam(required = false) String to, @RequestParam(required = false) String lang, HttpServletRequest request,
      HttpServletResponse response, Model model) {
    PasswordSignIn signIn = passwords.getIfAvailable();
    if (signIn == null) {
      return redirect(landing(to, lang)); // Keycloak signed the person in on the way here
    }
    Locale locale = RequestContextUtils.getLocale(request);
    String user = username == null ? "" : username.strip();
    Map<String, String> errors = new LinkedHashMap<>();
    if (user.isEmpty()) {
      errors.put("username", say("desk.signIn.error.username", locale));
    }
    if (password == null || password.isEmpty()) {
      errors.put("password", say("desk.signIn.error.password", locale));
    }
    if (errors.isEmpty()) {
      PasswordSignIn.Result result = signIn.signIn(request, response, user, password);
      switch (result.kind()) {
        case SIGNED_IN -> {
          return redirect(landing(to, lang));
        }
        case WRONG -> errors.put("password", say("desk.signIn.error.wrong", locale));
        case WAIT -> {
          response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(result.seconds()));
          errors.put("password", words.getMessage("desk.signIn.error.wait", new Object[] {result.seconds()}, locale));
        }
        case LOCKED -> errors.put("password", say("desk.signIn.error.locked", locale));
      }
      response.setStatus(switch (result.kind()) {
        case WAIT -> HttpStatus.TOO_MANY_REQUESTS.value();
        case LOCKED -> HttpStatus.FORBIDDEN.value();
        default -> HttpStatus.BAD_REQUEST.value();
      });
    } else {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
    }
    model.addAttribute("signedOut", false);
    return form(model, request, to, lang, user, errors);
  }

  private String form(Model model, HttpServletRequest request, String to, String lang, String user, Map<String, String> errors) {
    model.addAttribute("lang", RequestContextUtils.getLocale(request).getLanguage());
    model.addAttribute("chosenLang", chosen(lang));
    model.addAttribute("to", SignInAddress.safe(to));
    model.addAttribute("username", user);
    model.addAttribute("errors", errors);
    return "desk/sign-in";
  }

  /** The page asked for, else the desk in the language chosen on the sign-in page. */
  static String landing(String to, String lang) {
    String safe = SignInAddress.safe(to);
    if (safe != null) {
      return safe;
    }
    return chosen(lang) == null ? SignInAddress.LANDING : SignInAddress.LANDING + "?lang=" + chosen(lang);
  }

  private static String chosen(String lang) {
    return lang != null && UserSettings.LANGUAGES.contains(lang) ? lang : null;
  }

  private static boolean signedIn(Authentication authentication) {
    return authentication != null && authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken);
  }

  /** A redirect to a path as it is: no template expansion, no model in the query. */
  static View redirect(String path) {
    RedirectView view = new RedirectView(path, true);
    view.setExpandUriTemplateVariables(false);
    view.setExposeModelAttributes(false);
    return view;
  }

  private String say(String key, Locale locale) {
    return words.getMessage(key, null, locale);
  }
}
