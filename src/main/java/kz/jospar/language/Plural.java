package kz.jospar.language;

import java.util.Locale;

/**
 * Which plural form a count takes: Russian has three (1 день, 2 дня, 5 дней; 21 день, 11 дней),
 * English two, Kazakh one (the noun after a number stays singular). The message keys end in it.
 */
public final class Plural {

  private Plural() {}

  public static String of(int n, Locale locale) {
    return switch (locale.getLanguage()) {
      case "ru" -> {
        int mod10 = Math.abs(n) % 10;
        int mod100 = Math.abs(n) % 100;
        if (mod10 == 1 && mod100 != 11) {
          yield "one";
        }
        yield mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? "few" : "many";
      }
      case "en" -> Math.abs(n) == 1 ? "one" : "many";
      default -> "many";
    };
  }
}
