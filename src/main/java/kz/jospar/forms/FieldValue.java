package kz.jospar.forms;

import java.math.BigDecimal;

/** A submitted variable as the form rules see it, whichever door it came through. */
sealed interface FieldValue {

  record Text(String value) implements FieldValue {}

  record Num(BigDecimal value) implements FieldValue {}

  record Bool(boolean value) implements FieldValue {}

  record Day(String iso) implements FieldValue {}

  record Document(String filename, long bytes) implements FieldValue {}

  /** A value of a type the field does not take, or that could not be read. */
  record Wrong(String description) implements FieldValue {}
}
