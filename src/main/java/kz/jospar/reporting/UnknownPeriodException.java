package kz.jospar.reporting;

import kz.jospar.language.Words;
import org.springframework.context.MessageSourceResolvable;

/** A request named a row or period the plan does not have. */
public class UnknownPeriodException extends RuntimeException {
  private final String field;
  private final transient MessageSourceResolvable words;

  public UnknownPeriodException(String field, String key, Object... args) {
    this(field, Words.of(key, args));
  }

  private UnknownPeriodException(String field, MessageSourceResolvable words) {
    super(field + ": " + Words.english(words));
    this.field = field;
    this.words = words;
  }

  public String field() {
    return field;
  }

  /** The reason, to be said in the reader's language. */
  public MessageSourceResolvable words() {
    return words;
  }
}
