package kz.jospar.forms;

import java.util.Locale;
import kz.jospar.people.Words;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;

/**
 * What is wrong with one field of a form, in words a person can act on, in their language: a key of
 * Jospar's messages (i18n/jospar*.properties) and its arguments; {@link #message()} is the English.
 */
public record FieldError(String field, MessageSourceResolvable text) {

  public static FieldError of(String field, String key, Object... args) {
    return new FieldError(field, Words.of(key, args));
  }

  static MessageSourceResolvable words(String key, Object... args) {
    return Words.of(key, args);
  }

  public String message() {
    return Words.english(text);
  }

  public String in(MessageSource source, Locale locale) {
    return source.getMessage(text, locale);
  }

  @Override
  public String toString() {
    return field + ": " + message();
  }
}
