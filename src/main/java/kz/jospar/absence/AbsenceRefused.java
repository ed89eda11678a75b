package kz.jospar.absence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An absence that cannot be recorded or cancelled, with what is wrong per field: each a message key
 * and its arguments, said in the person's language by whoever shows it. {@code forbidden} when the
 * person asking may not do it at all (not their absence, not a body they supervise).
 */
public class AbsenceRefused extends RuntimeException {

  /** One field's problem: a message key of {@code jospar*.properties} and its arguments. */
  public record Problem(String key, List<Object> args) {}

  private final Map<String, Problem> problems;
  private final boolean forbidden;

  AbsenceRefused(Map<String, Problem> problems, boolean forbidden) {
    super(problems.toString());
    this.problems = new LinkedHashMap<>(problems);
    this.forbidden = forbidden;
  }

  static AbsenceRefused forbidden(String field, String key, Object... args) {
    return new AbsenceRefused(Map.of(field, new Problem(key, List.of(args))), true);
  }

  /** Field name (person, deputy, from, to, absence) to its problem, in the form's order. */
  public Map<String, Problem> problems() {
    return problems;
  }

  public boolean forbidden() {
    return forbidden;
  }
}
