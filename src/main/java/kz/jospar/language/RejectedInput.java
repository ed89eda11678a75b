package kz.jospar.language;

import kz.jospar.language.ApiErrorAdvice;

import kz.jospar.language.Words;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpStatus;

/**
 * A request Jospar refuses because of what it sent: the status, the field at fault and the reason in
 * Jospar's words, answered in the caller's language by {@link ApiErrorAdvice}.
 */
public class RejectedInput extends RuntimeException {
  private final HttpStatus status;
  private final String field;
  private final transient MessageSourceResolvable words;

  public RejectedInput(HttpStatus status, String field, String key, Object... args) {
    this(status, field, Words.of(key, args));
  }

  private RejectedInput(HttpStatus status, String field, MessageSourceResolvable words) {
    super((field == null ? "" : field + ": ") + Words.english(words));
    this.status = status;
    this.field = field;
    this.words = words;
  }

  /** A 400 for one field. */
  public static RejectedInput badRequest(String field, String key, Object... args) {
    return new RejectedInput(HttpStatus.BAD_REQUEST, field, key, args);
  }

  public HttpStatus status() {
    return status;
  }

  /** The field or parameter at fault, or null when it is the request as a whole. */
  public String field() {
    return field;
  }

  public MessageSourceResolvable words() {
    return words;
  }
}
