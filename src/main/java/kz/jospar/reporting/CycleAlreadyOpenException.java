package kz.jospar.reporting;

/** A (row, period) is opened once: a second attempt is refused, whoever makes it. */
public class CycleAlreadyOpenException extends RuntimeException {
  public CycleAlreadyOpenException(String cycleKey) {
    super("period " + cycleKey + " is already open; a period is opened once (look it up in GET /api/plan/status)");
  }
}
