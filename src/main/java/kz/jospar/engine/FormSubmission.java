package kz.jospar.engine;

import java.util.Set;
import java.util.function.Supplier;

/**
 * The field names a person's completion carries, handed from the engine's command gate to the
 * completion check in the same thread: once the engine has written them, the check could no longer
 * tell a submitted field from one that was already there.
 */
public final class FormSubmission {

  private static final ThreadLocal<Set<String>> SUBMITTED = new ThreadLocal<>();

  private FormSubmission() {}

  /** Runs a completion whose request carried these fields. */
  public static <T> T with(Set<String> fields, Supplier<T> completion) {
    Set<String> before = SUBMITTED.get();
    SUBMITTED.set(Set.copyOf(fields));
    try {
      return completion.get();
    } finally {
      if (before == null) {
        SUBMITTED.remove();
      } else {
        SUBMITTED.set(before);
      }
    }
  }

  /** The fields of the person's completion running now, or null when the completion came from Jospar's own code. */
  public static Set<String> current() {
    return SUBMITTED.get();
  }
}
