package kz.jospar.language;

import java.util.Arrays;
import java.util.Locale;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Jospar's own words (i18n/jospar*.properties, kk/ru/en) for what is said to a person: a key and
 * its arguments, translated when answered; {@link #english} for logs and exception messages.
 */
public final class Words {

  /** The same files as Spring's MessageSource, for code that runs outside the application context (filters, exceptions). */
  private static final ResourceBundleMessageSource SOURCE = source();

  private Words() {}

  /** A message by key; numbers are written as they are (no grouping), nested resolvables are translated too. */
  public static MessageSourceResolvable of(String key, Object... args) {
    Object[] plain = Arrays.stream(args).map(a -> a instanceof Number ? String.valueOf(a) : a).toArray();
    return new DefaultMessageSourceResolvable(new String[] {key}, plain);
  }

  public static String english(MessageSourceResolvable words) {
    return in(words, Locale.ENGLISH);
  }

  public static String in(MessageSourceResolvable words, Locale locale) {
    return SOURCE.getMessage(words, locale);
  }

  private static ResourceBundleMessageSource source() {
    ResourceBundleMessageSource source = new ResourceBundleMessageSource();
    source.setBasename("i18n/jospar");
    // Jospar's own class loader, not whatever thread first loads this class: a thread whose context
    // class loader cannot see the files (seen on the REST layer's threads) left every later lookup "not found"
    source.setBundleClassLoader(Words.class.getClassLoader());
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    return source;
  }
}
