package kz.jospar.forms;

/** What is wrong with one field of a form, in words a person can act on. */
public record FieldError(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
