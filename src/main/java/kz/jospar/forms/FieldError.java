package kz.jospar.forms;

import java.util.Arrays;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * What is wrong with one field of a form, in words a person can act on, in their language: a key of
 * Jospar's messages (i18n/jospar*.properties) and its arguments; {@link #message()} is the English.
 */
public record FieldError(String field, MessageSourceResolvable text) {

  /** Jospar's messages, for the English text of logs and exceptions (the same files Spring serves). */
  private static final ResourceBundleMessageSource WORDS = words();

  /** A message by key; numbers are written as they are (no grouping), nested resolvables are translated too. */
  public static FieldError of(String field, String key, Object... args) {
    return new FieldError(field, words(key, args));
  }

  static MessageSourceResolvable words(String key, Object... args) {
    Object[] plain = Arrays.stream(args).map(a -> a instanceof Number ? String.valueOf(a) : a).toArray();
    return new DefaultMessageSourceResolvable(new String[] {key}, plain);
  }

  public String message() {
    return in(WORDS, Locale.ENGLISH);
  }

  public String in(MessageSource source, Locale locale) {
    return source.getMessage(text, locale);
  }

  @Override
  public String toString() {
    return field + ": " + message();
  }

  private static ResourceBundleMessageSource words() {
    ResourceBundleMessageSource source = new ResourceBundleMessageSource();
    source.setBasename("i18n/jospar");
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    return source;
  }
}
