package kz.jospar.reporting;

import java.util.Date;
import kz.jospar.reporting.ReportProcess.Vars;

/** The variables of Consolidation and of the kinds' own steps: what their forms write. */
public final class ConsolidationVariables {

  private ConsolidationVariables() {}

  public static final Variable<String> CONSOLIDATED_SUMMARY = Variable.text(Vars.CONSOLIDATED_SUMMARY);
  public static final Variable<String> CLOSING_NOTE = Variable.text(Vars.CLOSING_NOTE);
  public static final Variable<String> SESSION_PLAN = Variable.text(Vars.SESSION_PLAN);
  public static final Variable<Date> SESSION_HELD_ON = Variable.date(Vars.SESSION_HELD_ON);
  public static final Variable<Long> ASSOCIATIONS_COUNT = Variable.count(Vars.ASSOCIATIONS_COUNT);
  public static final Variable<String> REGISTER_NOTE = Variable.text(Vars.REGISTER_NOTE);
  public static final Variable<Date> OPEN_DUE_DATE = Variable.date(Vars.OPEN_DUE_DATE);
  /** The input parameter that names an item step's event (SESSION_PREPARED, SESSION_HELD, REGISTER_UPDATED). */
  public static final Variable<String> STEP = Variable.text("step");

  /** A measured indicator's value as the closing form writes it (a number of any kind). */
  public static Variable<Number> indicatorValue(int number) {
    return new Variable<>(Vars.indicatorValue(number), Number.class);
  }
}
