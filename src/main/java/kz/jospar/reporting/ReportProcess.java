package kz.jospar.reporting;

import kz.jospar.catalog.PlanRow;
import kz.jospar.catalog.WorkKind;

/**
 * The models' keys, element ids and variable names, in one place: the BPMN, the Java and the
 * tests all refer to these, so none is a bare string twice.
 */
public final class ReportProcess {

  private ReportProcess() {}

  // ---- process keys -------------------------------------------------------------------------
  /** One model per kind of work, chosen by the catalog row's {@code kind}; see {@link WorkKind#processKey()}. */
  public static String processKey(PlanRow row) {
    return row.kind().processKey();
  }

  public static final String BODY_REPORT = "BodyReport";
  public static final String CONSOLIDATION = "Consolidation";
  public static final String PLAN_SCHEDULER = "PlanScheduler";
  public static final String OPEN_PERIOD = "OpenPeriod";

  // ---- element ids --------------------------------------------------------------------------
  public static final String TASK_SUBMIT_REPORT = "Task_SubmitReport";
  public static final String TASK_REVIEW_BY_SUPERVISOR = "Task_ReviewBySupervisor";
  public static final String TASK_REVIEW_BY_COORDINATOR = "Task_ReviewByCoordinator";
  public static final String TASK_ACT_ON_OVERDUE_LEVEL1 = "Task_ActOnOverdueLevel1";
  public static final String TASK_ACT_ON_OVERDUE_LEVEL2 = "Task_ActOnOverdueLevel2";
  public static final String TASK_CONSOLIDATE_REPORTS = "Task_ConsolidateReports";
  public static final String TASK_CLOSE_PERIOD = "Task_ClosePeriod";
  public static final String TASK_PREPARE_SESSION = "Task_PrepareSession";
  public static final String TASK_RECORD_SESSION_HELD = "Task_RecordSessionHeld";
  public static final String TASK_UPDATE_REGISTER = "Task_UpdateRegister";
  public static final String BOUNDARY_REMINDER_DUE = "BoundaryEvent_ReminderDue";
  public static final String BOUNDARY_DEADLINE_PASSED = "BoundaryEvent_DeadlinePassed";
  public static final String BOUNDARY_LEVEL2_DUE = "BoundaryEvent_Level2Due";
  /** The control deadlines of the other human steps: {@code BoundaryEvent_<Step>ReminderDue}, ...DeadlinePassed, ...Level2Due. */
  public static final String BOUNDARY_REVIEW_REMINDER_DUE = "BoundaryEvent_ReviewReminderDue";
  public static final String BOUNDARY_REVIEW_DEADLINE_PASSED = "BoundaryEvent_ReviewDeadlinePassed";
  public static final String BOUNDARY_REVIEW_LEVEL2_DUE = "BoundaryEvent_ReviewLevel2Due";
  public static final String BOUNDARY_ACCEPTANCE_REMINDER_DUE = "BoundaryEvent_AcceptanceReminderDue";
  public static final String BOUNDARY_ACCEPTANCE_DEADLINE_PASSED = "BoundaryEvent_AcceptanceDeadlinePassed";
  public static final String BOUNDARY_ACCEPTANCE_LEVEL2_DUE = "BoundaryEvent_AcceptanceLevel2Due";
  public static final String BOUNDARY_OVERDUE_LEVEL1_REMINDER_DUE = "BoundaryEvent_OverdueLevel1ReminderDue";
  public static final String BOUNDARY_OVERDUE_LEVEL1_DEADLINE_PASSED = "BoundaryEvent_OverdueLevel1DeadlinePassed";
  public static final String BOUNDARY_OVERDUE_LEVEL1_LEVEL2_DUE = "BoundaryEvent_OverdueLevel1Level2Due";
  public static final String BOUNDARY_OVERDUE_LEVEL2_REMINDER_DUE = "BoundaryEvent_OverdueLevel2ReminderDue";
  public static final String BOUNDARY_OVERDUE_LEVEL2_DEADLINE_PASSED = "BoundaryEvent_OverdueLevel2DeadlinePassed";
  public static final String BOUNDARY_OVERDUE_LEVEL2_LEVEL2_DUE = "BoundaryEvent_OverdueLevel2Level2Due";
  public static final String BOUNDARY_CONSOLIDATION_REMINDER_DUE = "BoundaryEvent_ConsolidationReminderDue";
  public static final String BOUNDARY_CONSOLIDATION_DEADLINE_PASSED = "BoundaryEvent_ConsolidationDeadlinePassed";
  public static final String BOUNDARY_CONSOLIDATION_LEVEL2_DUE = "BoundaryEvent_ConsolidationLevel2Due";
  public static final String BOUNDARY_CLOSING_REMINDER_DUE = "BoundaryEvent_ClosingReminderDue";
  public static final String BOUNDARY_CLOSING_DEADLINE_PASSED = "BoundaryEvent_ClosingDeadlinePassed";
  public static final String BOUNDARY_CLOSING_LEVEL2_DUE = "BoundaryEvent_ClosingLevel2Due";
  public static final String BOUNDARY_REGISTER_REMINDER_DUE = "BoundaryEvent_UpdateRegisterReminderDue";
  public static final String BOUNDARY_REGISTER_DEADLINE_PASSED = "BoundaryEvent_UpdateRegisterDeadlinePassed";
  public static final String BOUNDARY_REGISTER_LEVEL2_DUE = "BoundaryEvent_UpdateRegisterLevel2Due";
  public static final String CALL_BODY_REPORTS = "CallActivity_BodyReports";
  public static final String CALL_CONSOLIDATION = "CallActivity_Consolidation";

  // ---- variables ----------------------------------------------------------------------------
  public static final class Vars {
    private Vars() {}

    // the cycle, set when it is opened
    public static final String CYCLE_KEY = "cycleKey";
    public static final String PLAN_CODE = "planCode";
    public static final String ROW_NUMBER = "rowNumber";
    public static final String ROW_NAME = "rowName";
    public static final String PERIOD_KEY = "periodKey";
    public static final String PERIOD_LABEL = "periodLabel";
    public static final String LEAD_GROUP = "leadGroup";
    public static final String COORDINATOR_GROUP = "coordinatorGroup";
    public static final String RECORDS_INDICATORS = "recordsIndicators";
    public static final String HAS_QUOTA = "hasQuota";
    public static final String COMPLETION_FORM = "completionForm";

    // one body's report
    public static final String BODY_CODE = "bodyCode";
    public static final String BODY_NAME = "bodyName";
    public static final String SUPERVISOR_GROUP = "supervisorGroup";
    public static final String LEAD = "lead";
    public static final String BY_AGREEMENT = "byAgreement";
    public static final String DUE_AT = "dueAt";
    public static final String REMINDER_AT = "reminderAt";
    public static final String ESCALATION2_AT = "escalation2At";
    public static final String QUOTA_COUNT = "quotaCount";
    public static final String QUOTA_UNIT = "quotaUnit";
    public static final String QUOTA_MINIMUM = "quotaMinimum";
    public static final String LAST_RETURN_REASON = "lastReturnReason";

    // written by the forms
    public static final String REPORT_TEXT = "reportText";
    public static final String ACHIEVED_COUNT = "achievedCount";
    public static final String REPORT_DOCUMENT = "reportDocument";
    public static final String DECLINED = "declined";
    public static final String DECLINE_REASON = "declineReason";
    public static final String APPROVED = "approved";
    public static final String ACCEPTED = "accepted";
    public static final String RETURN_REASON = "returnReason";
    public static final String OVERDUE_ACTION = "overdueAction";
    public static final String CONSOLIDATED_SUMMARY = "consolidatedSummary";
    public static final String CONSOLIDATED_DOCUMENT = "consolidatedDocument";
    public static final String CLOSING_NOTE = "closingNote";
    public static final String INDICATOR_VALUE_PREFIX = "indicator";
    public static final String INDICATOR_VALUE_SUFFIX = "Value";
    public static final String SESSION_PLAN = "sessionPlan";
    public static final String SESSION_DATE = "sessionDate";
    public static final String SESSION_HELD_ON = "sessionHeldOn";
    public static final String SESSION_MINUTES = "sessionMinutes";
    public static final String REGISTER_DOCUMENT = "registerDocument";
    public static final String ASSOCIATIONS_COUNT = "associationsCount";
    public static final String REGISTER_NOTE = "registerNote";
    public static final String OPEN_ROW = "openRow";
    public static final String OPEN_PERIOD = "openPeriod";
    public static final String OPEN_DUE_DATE = "openDueDate";

    // written by the services
    public static final String SUBMITTED_BY = "submittedBy";
    public static final String SUBMITTED_AT = "submittedAt";
    public static final String LATE = "late";
    public static final String BELOW_QUOTA = "belowQuota";
    public static final String APPROVED_BY = "approvedBy";
    public static final String ESCALATION_LEVEL = "escalationLevel";
    public static final String ACCEPTED_COUNT = "acceptedCount";
    public static final String DECLINED_COUNT = "declinedCount";
    public static final String BODIES_COUNT = "bodiesCount";
    public static final String QUOTA_ACHIEVED = "quotaAchieved";

    public static String indicatorValue(int number) {
      return INDICATOR_VALUE_PREFIX + number + INDICATOR_VALUE_SUFFIX;
    }
  }

  /** The steps recorded in the audit trail ({@code jospar_report_event.event}). */
  public enum Event {
    OPENED, REMINDED, SUBMITTED, DECLINED, APPROVED, RETURNED_BY_SUPERVISOR, ACCEPTED, RETURNED_BY_COORDINATOR,
    ESCALATED_1, ESCALATED_2, OVERDUE_ACTED_1, OVERDUE_ACTED_2, QUOTA_COUNTED, CONSOLIDATED, CLOSED,
    SESSION_PREPARED, SESSION_HELD, REGISTER_UPDATED, INDICATORS_COMPARED,
    /** a controlled step's reminder, deadline and level 2 (the reason names the step's task) */
    STEP_REMINDED, STEP_OVERDUE_1, STEP_OVERDUE_2,
    /** an extension request: asked, granted (the reason says both dates), refused */
    EXTENSION_ASKED, EXTENSION_GRANTED, EXTENSION_REFUSED
  }

  /** A body's report as the status API and the monitor show it. */
  public enum State {
    open, submitted, approved, returned, accepted, declined, overdue
  }
}
