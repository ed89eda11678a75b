package kz.jospar.calendar;

import java.util.List;
import java.util.Optional;
import kz.jospar.catalog.Plans;


/** The calendar of each plan the application runs, in the order of {@link Plans}; the first is the primary plan's. */
public final class PlanCalendars {

  private final List<PlanCalendar> all;

  public PlanCalendars(Plans plans, WorkingCalendar workingCalendar) {
    this.all = plans.all().stream().map(p -> new PlanCalendar(p, workingCalendar, p == plans.primary())).toList();
  }

  public List<PlanCalendar> all() {
    return all;
  }

  /** A plan's calendar by its code; null means the primary plan. */
  public Optional<PlanCalendar> find(String planCode) {
    return planCode == null ? Optional.of(all.get(0)) : all.stream().filter(c -> c.catalog().code().equals(planCode)).findFirst();
  }
}
