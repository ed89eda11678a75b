package kz.jospar.absence;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;

/**
 * An absence that cannot be recorded or cancelled, with what is wrong per field: each a message key
 * and its arguments, said in the person's language by whoever shows it. {@code forbidden} when the
 * person asking may not do it at all (not their absence, not a body they supervise).
 */
public class AbsenceRefused extends RuntimeException {

  /** One field's problem: a message key of {@code jospar*.properties} and its arguments. */
  public record Problem(String key, List<Object> args) {

    /** In the reader's language; a day as that language writes it ("16 ноября 2026 г."). */
    public String in(MessageSource words, Locale locale) {
      Object[] shown = args.stream().map(a -> a instanceof LocalDate d
          ? d.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale))
          : a instanceof RoleNames r ? r.roles().stream().map(role -> words.getMessage("absence.role." + role, null, role, locale))
              .collect(java.util.stream.Collectors.joining(", "))
          : a).toArray();
      return words.getMessage(key, shown, locale);
    }
  }

  /** Roles (official, supervisor, coordinator) an error names, said in the reader's language. */
  public record RoleNames(List<String> roles) {}

  /** Every field's problem in the reader's language. */
  public Map<String, String> said(MessageSource words, Locale locale) {
    Map<String, String> said = new LinkedHashMap<>();
    problems.forEach((field, p) -> said.put(field, p.in(words, locale)));
    return said;
  }

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
