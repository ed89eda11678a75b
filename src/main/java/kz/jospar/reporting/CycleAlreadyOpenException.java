package kz.jospar.reporting;

/** A (row, period) is opened once: a second attempt is refused, whoever makes it. */
public class CycleAlreadyOpenException extends RuntimeException {
  private final String cycleKey;

  public CycleAlreadyOpenException(String cycleKey) {
    super(kz.jospar.language.Words.english(kz.jospar.language.Words.of("period.alreadyOpen", cycleKey)));
    this.cycleKey = cycleKey;
  }

  public String cycleKey() {
    return cycleKey;
  }
}
