package kz.jospar.language;

import java.util.Locale;
import kz.jospar.language.Words;
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

  public static MessageSourceResolvable words(String key, Object... args) {
    return Words.of(key, args);
  }

  public String message() {
    return Words.english(text);
  }

  public String in(MessageSource source, Locale locale) {
    return source.getMessage(text, locale);
  }

  /** An error as said to one person: the field, and the words in their language. */
  public record Said(String field, String message, String language) {

    /** "field: what is wrong; …": the message of a refusal on every door. */
    public static String joined(java.util.List<Said> said) {
      return String.join("; ", said.stream().map(s -> s.field() + ": " + s.message()).toList());
    }
  }

  @Override
  public String toString() {
    return field + ": " + message();
  }
}
