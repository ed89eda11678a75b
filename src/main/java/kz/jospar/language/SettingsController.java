package kz.jospar.language;

import kz.jospar.language.RejectedInput;

import kz.jospar.language.UserSettings;

import kz.jospar.access.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's own settings, for the language switch of the webapps and Jospar's pages and the
 * e-mail choice: {@code GET /jospar/me/settings}, {@code PUT /jospar/me/settings}. The language
 * chosen in Keycloak's account console counts until one is chosen in Jospar.
 */
@RestController
class SettingsController {

  record SettingsView(String userId, String locale, String mailMode, boolean chosen) {}

  record SettingsChange(String locale, String mailMode) {}

  private final UserSettings settings;

  SettingsController(UserSettings settings) {
    this.settings = settings;
  }

  @GetMapping("/jospar/me/settings")
  SettingsView get(Authentication authentication) {
    Caller caller = Caller.of(authentication);
    return view(caller, settings.of(caller.userId()));
  }

  @PutMapping("/jospar/me/settings")
  ResponseEntity<?> put(@RequestBody(required = false) SettingsChange change, Authentication authentication) {
    Caller caller = Caller.of(authentication);
    if (change == null || (change.locale() == null && change.mailMode() == null)) {
      throw new RejectedInput(HttpStatus.BAD_REQUEST, null, "input.settingsEmpty");
    }
    UserSettings.MailMode mode = null;
    if (change.mailMode() != null) {
      try {
        mode = UserSettings.MailMode.valueOf(change.mailMode());
      } catch (IllegalArgumentException e) {
        throw RejectedInput.badRequest("mailMode", "input.mailMode", shown(change.mailMode()));
      }
    }
    if (change.locale() != null && !UserSettings.LANGUAGES.contains(change.locale())) {
      throw RejectedInput.badRequest("locale", "input.locale", shown(change.locale()));
    }
    return ResponseEntity.ok(view(caller, settings.save(caller.userId(), change.locale(), mode)));
  }

  private static String shown(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }

  private static SettingsView view(Caller caller, UserSettings.Setting setting) {
    String keycloak = caller.keycloakLocale().filter(UserSettings.LANGUAGES::contains).orElse(null);
    String locale = setting.locale() != null ? setting.locale() : keycloak;
    return new SettingsView(caller.userId(), locale, setting.mailMode().name(), setting.locale() != null);
  }
}
