package kz.jospar.completion;

import kz.jospar.completion.DocumentTypes;

import java.math.BigDecimal;
import kz.jospar.completion.DocumentTypes.Checked;

/** A submitted variable as the form rules see it, whichever door it came through. */
sealed interface FieldValue {

  record Text(String value) implements FieldValue {}

  record Num(BigDecimal value) implements FieldValue {}

  record Bool(boolean value) implements FieldValue {}

  record Day(String iso) implements FieldValue {}

  /**
   * A document: its name, size and the verdict on it ({@link DocumentTypes#document} checks the
   * content; with the size alone only the name is judged).
   */
  record Document(String filename, long bytes, Checked checked) implements FieldValue {

    /** Size only, content not at hand: judged by the name's extension, as before content was checked. */
    Document(String filename, long bytes) {
      this(filename, bytes, DocumentTypes.byName(filename));
    }
  }

  /** A value of a type the field does not take, or that could not be read. */
  record Wrong(String description) implements FieldValue {}
}
