package kz.jospar.language;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's own choices, kept by Jospar (table {@code jospar_user_setting}): their language and how
 * they want e-mail. One place for every part that speaks to a person: the webapps' language switch
 * writes here, e-mails and API errors read here.
 */
@Service
public class UserSettings {

  /** The languages Jospar speaks, the state language first. */
  public static final List<String> LANGUAGES = kz.jospar.language.LocalizedText.LANGUAGES;

  /** How a person gets e-mail: one per event, a daily digest, or none. */
  public enum MailMode {
    each, digest, off
  }

  public record Setting(String userId, String locale, MailMode mailMode) {

    /** The chosen language, or empty when the person has not chosen one. */
    public Optional<Locale> language() {
      return Optional.ofNullable(locale).map(Locale::forLanguageTag);
    }
  }

  private final JdbcTemplate jdbc;

  public UserSettings(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The person's settings, or the defaults (no language chosen, one e-mail per event). */
  public Setting of(String userId) {
    return jdbc.query("SELECT user_id, locale, mail_mode FROM jospar_user_setting WHERE user_id = ?",
            (rs, i) -> new Setting(rs.getString(1), rs.getString(2), MailMode.valueOf(rs.getString(3))), userId)
        .stream().findFirst().orElse(new Setting(userId, null, MailMode.each));
  }

  /** The person's language, Kazakh (the state language) when they have not chosen one. */
  public Locale locale(String userId) {
    return of(userId).language().orElse(Locale.forLanguageTag("kk"));
  }

  /**
   * Stores the language (one of {@link #LANGUAGES}); null keeps the present one.
   *
   * @throws IllegalArgumentException naming what is accepted, for an unknown language
   */
  @Transactional
  public Setting save(String userId, String locale, MailMode mailMode) {
    if (locale != null && !LANGUAGES.contains(locale)) {
      throw new IllegalArgumentException("locale: expected one of " + LANGUAGES + ", got '" + locale + "'");
    }
    Setting present = of(userId);
    Setting next = new Setting(userId, locale != null ? locale : present.locale(), mailMode != null ? mailMode : present.mailMode());
    Timestamp now = Timestamp.from(Instant.now());
    int updated = jdbc.update("UPDATE jospar_user_setting SET locale = ?, mail_mode = ?, updated_at = ? WHERE user_id = ?",
        next.locale(), next.mailMode().name(), now, userId);
    if (updated == 0) {
      jdbc.update("INSERT INTO jospar_user_setting (user_id, locale, mail_mode, updated_at) VALUES (?, ?, ?, ?)",
          userId, next.locale(), next.mailMode().name(), now);
    }
    return next;
  }
}
