package kz.jospar.desk;

import java.util.Locale;
import kz.jospar.calendar.PlanCalendars;
import kz.jospar.calendar.PlanPeriod;
import kz.jospar.catalog.PlanRow;
import kz.jospar.catalog.Plans;
import org.springframework.stereotype.Component;

/**
 * What a cycle key stands for, in the reader's language, from its own plan: several plans may use
 * the same row numbers, so the row and period are looked up in the plan the key names (the primary
 * plan's keys name none). For the pages that hold only a key (notifications, what we sent).
 */
@Component
class CycleWords {

  /** The item's number, its name, the period's label, and the plan's years when several plans run (else null). */
  record Said(String rowNumber, String rowName, String period, String plan) {}

  private final Plans plans;
  private final PlanCalendars calendars;
  private final kz.jospar.catalog.PlanVersions versions;

  CycleWords(Plans plans, PlanCalendars calendars, kz.jospar.catalog.PlanVersions versions) {
    this.versions = versions;
    this.plans = plans;
    this.calendars = calendars;
  }

  Said of(String cycleKey, Locale locale) {
    if (cycleKey == null || !cycleKey.contains("/")) {
      return null;
    }
    String plan = PlanPeriod.planOf(cycleKey);
    String rowNumber = PlanPeriod.rowOf(cycleKey);
    String periodKey = cycleKey.substring(cycleKey.lastIndexOf('/') + 1);
    // a row an amendment removed is named as the version its cycle ran under had it
    String rowName = plans.row(plan, rowNumber).or(() -> versions.rowOfCycle(plan, rowNumber, periodKey)).map(PlanRow::name).map(t -> t.in(locale)).orElse("");
    String period = calendars.find(plan).flatMap(c -> c.find(rowNumber, periodKey)).map(p -> p.label().in(locale)).orElse(periodKey);
    String years = plans.all().size() < 2 ? null
        : plans.find(plan).map(p -> p.firstYear() + "–" + p.lastYear()).orElse(plan);
    return new Said(rowNumber, rowName, period, years);
  }
}
