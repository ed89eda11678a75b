package kz.jospar.completion;

import kz.jospar.completion.FormRules;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One task's form, defined once: its fields in the order a person fills them, each with its kind,
 * when it must be filled in and its limit. {@link FormRules} checks every completion against it on
 * every door; the desk draws its page from it; the tests read it.
 */
public record TaskForm(String taskKey, List<Field> fields) {

  /** What a field holds, and so how it is checked and drawn. */
  public enum Kind { TEXT, COUNT, PERCENT, DATE, DOCUMENT, DECISION, FLAG }

  /**
   * When a field must be filled in: always, when given, or depending on the report (declined by a
   * body taking part by agreement, a quota on the item, a return, the item records indicators).
   */
  public enum Need {
    REQUIRED, OPTIONAL, UNLESS_DECLINED, IF_DECLINED, IF_QUOTA, IF_RETURNED, IF_INDICATORS,
    /** A flag only a body taking part by agreement may set (declining to report). */
    BY_AGREEMENT_ONLY
  }

  /** One field: its variable name, kind, need and, for a text, its most characters. */
  public record Field(String name, Kind kind, Need need, int max) {
    static Field text(String name, Need need, int max) {
      return new Field(name, Kind.TEXT, need, max);
    }

    static Field of(String name, Kind kind, Need need) {
      return new Field(name, kind, need, 0);
    }

    public boolean document() {
      return kind == Kind.DOCUMENT;
    }
  }

  /** The variable names a completion may carry: this form's fields and nothing else. */
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    fields.forEach(f -> names.add(f.name()));
    return Set.copyOf(names);
  }

  public Optional<Field> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Whether the form sends a document (the page is then a multipart form). */
  public boolean hasDocument() {
    return fields.stream().anyMatch(Field::document);
  }
}
