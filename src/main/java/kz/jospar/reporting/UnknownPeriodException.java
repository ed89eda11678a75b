package kz.jospar.reporting;

/** A request named a row or period the plan does not have. */
public class UnknownPeriodException extends RuntimeException {
  private final String field;

  public UnknownPeriodException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
