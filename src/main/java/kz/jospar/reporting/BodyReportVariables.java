package kz.jospar.reporting;

import java.util.Date;
import kz.jospar.reporting.ReportProcess.Vars;

/** The variables of BodyReport: one body's report, what its forms write, and its control dates. */
public final class BodyReportVariables {

  private BodyReportVariables() {}

  public static final Variable<String> BODY_CODE = Variable.text(Vars.BODY_CODE);
  public static final Variable<String> BODY_NAME = Variable.text(Vars.BODY_NAME);
  public static final Variable<Boolean> LEAD = Variable.flag(Vars.LEAD);
  public static final Variable<Boolean> BY_AGREEMENT = Variable.flag(Vars.BY_AGREEMENT);
  public static final Variable<Date> DUE_AT = Variable.date(Vars.DUE_AT);
  public static final Variable<Date> REMINDER_AT = Variable.date(Vars.REMINDER_AT);
  public static final Variable<Date> ESCALATION2_AT = Variable.date(Vars.ESCALATION2_AT);
  public static final Variable<Long> ESCALATION_LEVEL = Variable.count(Vars.ESCALATION_LEVEL);

  // written by the forms
  public static final Variable<String> REPORT_TEXT = Variable.text(Vars.REPORT_TEXT);
  public static final Variable<Long> ACHIEVED_COUNT = Variable.count(Vars.ACHIEVED_COUNT);
  public static final Variable<Boolean> DECLINED = Variable.flag(Vars.DECLINED);
  public static final Variable<String> DECLINE_REASON = Variable.text(Vars.DECLINE_REASON);
  public static final Variable<Boolean> APPROVED = Variable.flag(Vars.APPROVED);
  public static final Variable<Boolean> ACCEPTED = Variable.flag(Vars.ACCEPTED);
  public static final Variable<String> RETURN_REASON = Variable.text(Vars.RETURN_REASON);
  public static final Variable<String> LAST_RETURN_REASON = Variable.text(Vars.LAST_RETURN_REASON);
  public static final Variable<String> OVERDUE_ACTION = Variable.text(Vars.OVERDUE_ACTION);
}
