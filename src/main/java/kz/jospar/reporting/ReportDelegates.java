package kz.jospar.reporting;

import kz.jospar.engine.EngineClock;

import java.math.BigDecimal;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.jospar.language.FieldError;
import kz.jospar.engine.FormRejectedException;
import kz.jospar.language.Languages;
import kz.jospar.language.RejectedInput;
import kz.jospar.reporting.ReportProcess.Event;
import kz.jospar.reporting.ReportProcess.Vars;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The models' service tasks, wired as {@code camunda:delegateExpression="${name}"}. Each maps
 * variables in, makes one call to a service, and maps the answer out.
 */
@Configuration
class ReportDelegates {

  @Bean
  JavaDelegate openReportDelegate(ReportService reports) {
    return x -> {
      ReportService.ReportContext c = reports.open(cycle(x), row(x), body(x), x.getProcessInstanceId());
      x.setVariable(Vars.BODY_NAME, c.bodyName());
      x.setVariable(Vars.SUPERVISOR_GROUP, c.supervisorGroup());
      x.setVariable(Vars.LEAD, c.lead());
      x.setVariable(Vars.BY_AGREEMENT, c.byAgreement());
      setDue(x, c.due());
      x.setVariable(Vars.COMPLETION_FORM, c.completionForm());
      if (c.quota() != null) {
        x.setVariable(Vars.QUOTA_COUNT, (long) c.quota().count());
        x.setVariable(Vars.QUOTA_UNIT, c.quotaUnitName());
        x.setVariable(Vars.QUOTA_MINIMUM, c.quota().minimum());
      }
    };
  }

  @Bean
  JavaDelegate recordSubmissionDelegate(ReportService reports, Decisions decisions) {
    return x -> {
      boolean declined = decisions.take(x, ReportProcess.TASK_SUBMIT_REPORT).outcome() == Decisions.Outcome.DECLINED;
      ReportService.Facts report = report(reports, x);
      ReportService.Submission s = reports.submitted(report.cycleKey(), row(x), report.body(), declined, BodyReportVariables.DECLINE_REASON.from(x),
          BodyReportVariables.REPORT_TEXT.from(x), BodyReportVariables.ACHIEVED_COUNT.from(x));
      x.setVariable(Vars.DECLINED, declined);
      x.setVariable(Vars.SUBMITTED_BY, s.actor());
      x.setVariable(Vars.SUBMITTED_AT, Date.from(s.at().toInstant()));
      x.setVariable(Vars.LATE, s.late());
      x.setVariable(Vars.BELOW_QUOTA, s.belowQuota());
    };
  }

  @Bean
  JavaDelegate recordSupervisorDecisionDelegate(ReportService reports, Decisions decisions) {
    return x -> {
      boolean approved = decisions.take(x, ReportProcess.TASK_REVIEW_BY_SUPERVISOR).outcome() == Decisions.Outcome.APPROVED;
      ReportService.Facts report = report(reports, x);
      DueDates.Schedule due = reports.supervisorDecided(report.cycleKey(), report.body(), approved, BodyReportVariables.RETURN_REASON.from(x));
      if (approved) {
        x.setVariable(Vars.APPROVED_BY, reports.actor());
      } else {
        returned(x, due);
      }
    };
  }

  @Bean
  JavaDelegate recordCoordinatorDecisionDelegate(ReportService reports, Decisions decisions) {
    return x -> {
      boolean accepted = decisions.take(x, ReportProcess.TASK_REVIEW_BY_COORDINATOR).outcome() == Decisions.Outcome.ACCEPTED;
      ReportService.Facts report = report(reports, x);
      DueDates.Schedule due = reports.coordinatorDecided(report.cycleKey(), report.body(), accepted, BodyReportVariables.RETURN_REASON.from(x));
      if (!accepted) {
        returned(x, due);
      }
    };
  }

  @Bean
  JavaDelegate sendReminderDelegate(ReportService reports) {
    return x -> {
      ReportService.Facts report = report(reports, x);
      reports.reminded(report.cycleKey(), report.body());
    };
  }

  /** The level comes from the model: an input parameter {@code escalationLevel} on the service task. */
  @Bean
  JavaDelegate recordEscalationDelegate(ReportService reports) {
    return x -> {
      ReportService.Facts report = report(reports, x);
      reports.escalated(report.cycleKey(), report.body(), level(x));
    };
  }

  @Bean
  JavaDelegate recordOverdueActionDelegate(ReportService reports, Decisions decisions) {
    return x -> {
      decisions.take(x, level(x) == 1 ? ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL1 : ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL2);
      ReportService.Facts report = report(reports, x);
      reports.overdueActed(report.cycleKey(), report.body(), level(x), BodyReportVariables.OVERDUE_ACTION.from(x));
    };
  }

  @Bean
  JavaDelegate prepareConsolidationDelegate(ReportService reports) {
    return x -> {
      ReportService.Consolidation c = reports.consolidation(cycle(x));
      x.setVariable(Vars.BODIES_COUNT, (long) c.bodies());
      x.setVariable(Vars.ACCEPTED_COUNT, (long) c.accepted());
      x.setVariable(Vars.DECLINED_COUNT, (long) c.declined());
      x.setVariable(Vars.QUOTA_ACHIEVED, c.quotaAchieved() == null ? null : (long) c.quotaAchieved());
    };
  }

  @Bean
  JavaDelegate countQuotaDelegate(ReportService reports) {
    return x -> {
      Integer achieved = reports.quotaCounted(cycle(x), row(x));
      x.setVariable(Vars.QUOTA_ACHIEVED, achieved == null ? null : (long) achieved);
    };
  }

  @Bean
  JavaDelegate recordConsolidationDelegate(ReportService reports, Decisions decisions) {
    return x -> {
      decisions.take(x, ReportProcess.TASK_CONSOLIDATE_REPORTS);
      reports.consolidated(cycle(x), ConsolidationVariables.CONSOLIDATED_SUMMARY.from(x));
    };
  }

  @Bean
  JavaDelegate closePeriodDelegate(ReportService reports, Decisions decisions) {
    return x -> {
      decisions.take(x, ReportProcess.TASK_CLOSE_PERIOD);
      Map<Integer, BigDecimal> values = new LinkedHashMap<>();
      kz.jospar.catalog.PlanCatalog plan = reports.plan(cycle(x));
      if (plan.row(row(x)).map(kz.jospar.catalog.PlanRow::recordsIndicators).orElse(false)) {
        plan.indicators().forEach(i -> {
          Number v = ConsolidationVariables.indicatorValue(i.number()).from(x);
          if (v != null) {
            values.put(i.number(), new BigDecimal(v.toString()));
          }
        });
      }
      reports.closed(cycle(x), ConsolidationVariables.CLOSING_NOTE.from(x), values);
    };
  }

  @Bean
  JavaDelegate compareIndicatorsDelegate(ReportService reports) {
    return x -> reports.indicatorsCompared(cycle(x));
  }

  /** Item steps of their own (item 2's session, item 5's register); the event comes from an input parameter {@code step}. */
  @Bean
  JavaDelegate recordStepDelegate(ReportService reports, Decisions decisions) {
    return x -> {
      Event step = Event.valueOf(ConsolidationVariables.STEP.from(x));
      decisions.take(x, switch (step) {
        case SESSION_PREPARED -> ReportProcess.TASK_PREPARE_SESSION;
        case SESSION_HELD -> ReportProcess.TASK_RECORD_SESSION_HELD;
        case REGISTER_UPDATED -> ReportProcess.TASK_UPDATE_REGISTER;
        default -> throw new IllegalStateException("no form records the step " + step);
      });
      String detail = switch (step) {
        case SESSION_PREPARED -> ConsolidationVariables.SESSION_PLAN.from(x);
        case SESSION_HELD -> "held on " + ConsolidationVariables.SESSION_HELD_ON.from(x);
        case REGISTER_UPDATED -> ConsolidationVariables.ASSOCIATIONS_COUNT.from(x) + " associations; " + ConsolidationVariables.REGISTER_NOTE.from(x);
        default -> null;
      };
      reports.step(cycle(x), step, detail);
    };
  }

  @Bean
  JavaDelegate openDuePeriodsDelegate(CycleService cycles, CycleProperties properties) {
    return x -> cycles.openDue(EngineClock.now(properties.zone()).toLocalDate());
  }

  /** The form's due date counts as a day in Kazakhstan; the report is due at the end of its working day. */
  @Bean
  JavaDelegate openPeriodDelegate(CycleService cycles, ReportService reports, CycleProperties properties, DueDates dueDates,
      MessageSource words, Languages languages) {
    return x -> {
      String actor = reports.actor();
      // a start form sent by hand (REST, Tasklist) may lack a field or name no period: a 400 naming the form's field, never a 500
      Map<String, String> formField = Map.of("row", Vars.OPEN_ROW, "period", Vars.OPEN_PERIOD, "dueAt", Vars.OPEN_DUE_DATE);
      try {
        String row = required(x, Vars.OPEN_ROW);
        String period = required(x, Vars.OPEN_PERIOD);
        Date due = ConsolidationVariables.OPEN_DUE_DATE.from(x);
        cycles.open(row, period, actor, due == null ? null : dueDates.onDay(due.toInstant().atZone(properties.zone()).toLocalDate()).dueAt());
      } catch (UnknownPeriodException e) {
        throw rejected(formField.getOrDefault(e.field(), e.field()), e.words(), actor, words, languages);
      } catch (RejectedInput e) {
        throw rejected(formField.getOrDefault(e.field(), e.field()), e.words(), actor, words, languages);
      }
    };
  }

  private static String required(DelegateExecution x, String name) {
    if (x.getVariable(name) instanceof String value && !value.isBlank()) {
      return value.strip();
    }
    throw new UnknownPeriodException(name, "input.required");
  }

  private static FormRejectedException rejected(String field, MessageSourceResolvable said, String actor, MessageSource words,
      Languages languages) {
    Locale locale = languages.forApi(actor, RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a
        ? a.getRequest() : null);
    return new FormRejectedException(List.of(new FieldError.Said(field, words.getMessage(said, locale), locale.getLanguage())));
  }

  private static void returned(DelegateExecution x, DueDates.Schedule due) {
    setDue(x, due);
    BodyReportVariables.LAST_RETURN_REASON.set(x, BodyReportVariables.RETURN_REASON.from(x));
  }

  private static void setDue(DelegateExecution x, DueDates.Schedule due) {
    x.setVariable(Vars.DUE_AT, due.dueDate());
    x.setVariable(Vars.REMINDER_AT, due.reminderDate());
    x.setVariable(Vars.ESCALATION2_AT, due.escalation2Date());
  }

  /** A body's report, found by its process instance in Jospar's records: variables can be written by callers, these rows cannot. */
  private static ReportService.Facts report(ReportService reports, DelegateExecution x) {
    return reports.facts(x.getProcessInstanceId())
        .orElseThrow(() -> new IllegalStateException("process instance " + x.getProcessInstanceId() + " runs no body's report"));
  }

  /** The cycle of an item, consolidation or report instance: its business key, which callers cannot change. */
  private static String cycle(DelegateExecution x) {
    return x.getProcessBusinessKey();
  }

  /** The plan row of the cycle: the part of the business key before "/" ("4.8/2026-H2" → "4.8"). */
  private static String row(DelegateExecution x) {
    return kz.jospar.calendar.PlanPeriod.rowOf(cycle(x));
  }

  private static String body(DelegateExecution x) {
    return BodyReportVariables.BODY_CODE.from(x);
  }

  private static int level(DelegateExecution x) {
    return Math.toIntExact(BodyReportVariables.ESCALATION_LEVEL.from(x));
  }
}
