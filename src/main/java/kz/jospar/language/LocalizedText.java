package kz.jospar.language;

import java.util.Locale;

/** A text in the plan's three languages: Kazakh (the decree's own), Russian and English. */
public record LocalizedText(String kk, String ru, String en) {

  public static final java.util.List<String> LANGUAGES = java.util.List.of("kk", "ru", "en");

  /** The text in the given language, falling back to Kazakh, the language of the decree. */
  public String in(Locale locale) {
    return switch (locale == null ? "kk" : locale.getLanguage()) {
      case "ru" -> ru;
      case "en" -> en;
      default -> kk;
    };
  }
}
