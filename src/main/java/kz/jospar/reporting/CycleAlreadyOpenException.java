package kz.jospar.reporting;

/** A (row, period) is opened once: a second attempt is refused, whoever makes it. */
public class CycleAlreadyOpenException extends RuntimeException {
  private final String cycleKey;

  public CycleAlreadyOpenException(String cycleKey) {
    super(kz.jospar.people.Words.english(kz.jospar.people.Words.of("period.alreadyOpen", cycleKey)));
    this.cycleKey = cycleKey;
  }

  public String cycleKey() {
    return cycleKey;
  }
}
