package kz.jospar.reporting;

import kz.jospar.reporting.ReportProcess.Vars;

/** The variables of a kind's model (ReportCycle, AnnualSession, …): the cycle, set when it is opened. */
public final class CycleVariables {

  private CycleVariables() {}

  public static final Variable<String> CYCLE_KEY = Variable.text(Vars.CYCLE_KEY);
  public static final Variable<String> PLAN_CODE = Variable.text(Vars.PLAN_CODE);
  public static final Variable<String> ROW_NUMBER = Variable.text(Vars.ROW_NUMBER);
  public static final Variable<String> ROW_NAME = Variable.text(Vars.ROW_NAME);
  public static final Variable<String> PERIOD_KEY = Variable.text(Vars.PERIOD_KEY);
  public static final Variable<String> PERIOD_LABEL = Variable.text(Vars.PERIOD_LABEL);
  public static final Variable<String> LEAD_GROUP = Variable.text(Vars.LEAD_GROUP);
  public static final Variable<Boolean> RECORDS_INDICATORS = Variable.flag(Vars.RECORDS_INDICATORS);
  public static final Variable<Boolean> HAS_QUOTA = Variable.flag(Vars.HAS_QUOTA);
}
