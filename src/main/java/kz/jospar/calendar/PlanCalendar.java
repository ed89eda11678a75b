package kz.jospar.calendar;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import kz.jospar.language.LocalizedText;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.catalog.PlanRow;
import kz.jospar.catalog.Schedule;

/**
 * Turns each row's schedule into concrete periods and deadlines. These are the plan's rules, all
 * in one place (the README repeats them):
 *
 * <ul>
 *   <li>ANNUAL and THROUGHOUT_YEAR: one period, the calendar year, due 31 December.
 *   <li>BEFORE_DATE d: one period from 1 January to the day before d, due the day before d.
 *   <li>FIXED_DATE d: one period from 1 January to d, due on d (the event is that day).
 *   <li>QUARTERLY: four quarters, each due on its last day. HALF_YEARLY: two halves, likewise.
 *   <li>TIMES_PER_YEAR n: n consecutive periods; period k ends on the last day of month
 *       ⌈12k/n⌉, so 2, 3 and 4 times give halves, thirds and quarters, and 9 times gives
 *       periods ending in Feb, Mar, Apr, Jun, Jul, Aug, Oct, Nov, Dec.
 *   <li>IN_QUARTER q / IN_HALF h: one period, that quarter or half, due on its last day.
 *   <li>"years": the row has periods only in those years.
 * </ul>
 *
 * A deadline that falls on a day off is due on the working day before it ({@link WorkingCalendar#deadlineOn}).
 */
public final class PlanCalendar {

  private final PlanCatalog catalog;
  private final WorkingCalendar workingCalendar;
  private final boolean primary;

  /** The calendar of the primary plan, whose cycle keys carry no plan code. */
  public PlanCalendar(PlanCatalog catalog, WorkingCalendar workingCalendar) {
    this(catalog, workingCalendar, true);
  }

  public PlanCalendar(PlanCatalog catalog, WorkingCalendar workingCalendar, boolean primary) {
    this.catalog = catalog;
    this.workingCalendar = workingCalendar;
    this.primary = primary;
  }

  public PlanCatalog catalog() {
    return catalog;
  }

  public WorkingCalendar workingCalendar() {
    return workingCalendar;
  }

  /** Every (row, period) of a plan year, by deadline, then in the decree's order. */
  public List<PlanPeriod> year(int year) {
    requirePlanYear(year);
    List<PlanPeriod> all = new ArrayList<>();
    catalog.rows().forEach(r -> all.addAll(periods(r, year)));
    java.util.Map<String, Integer> order = new java.util.HashMap<>();
    catalog.rows().forEach(r -> order.put(r.number(), order.size()));
    all.sort(Comparator.comparing(PlanPeriod::deadline).thenComparing(p -> order.get(p.row())));
    return all;
  }

  /** The periods of one row in one year; none when the row does not run that year. */
  public List<PlanPeriod> periods(PlanRow row, int year) {
    requirePlanYear(year);
    Schedule s = row.schedule();
    if (s == null || !s.runsIn(year)) {
      return List.of();
    }
    LocalDate jan1 = LocalDate.of(year, 1, 1);
    LocalDate dec31 = LocalDate.of(year, 12, 31);
    return switch (s.kind()) {
      case ANNUAL, THROUGHOUT_YEAR -> List.of(period(row, String.valueOf(year), yearLabel(year), jan1, dec31));
      case BEFORE_DATE -> {
        LocalDate dayBefore = s.monthDay().atYear(year).minusDays(1);
        yield List.of(period(row, String.valueOf(year), yearLabel(year), jan1, dayBefore));
      }
      case FIXED_DATE -> List.of(period(row, String.valueOf(year), yearLabel(year), jan1, s.monthDay().atYear(year)));
      case QUARTERLY -> split(row, year, 4);
      case HALF_YEARLY -> split(row, year, 2);
      case TIMES_PER_YEAR -> split(row, year, s.times());
      case IN_QUARTER -> List.of(split(row, year, 4).get(s.quarter() - 1));
      case IN_HALF -> List.of(split(row, year, 2).get(s.half() - 1));
    };
  }

  /** A period by row number and key, if the plan has it. */
  public Optional<PlanPeriod> find(String rowNumber, String key) {
    Optional<PlanRow> row = catalog.row(rowNumber);
    if (row.isEmpty() || key == null || key.length() < 4) {
      return Optional.empty();
    }
    int year;
    try {
      year = PlanPeriod.yearOfKey(key);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (!catalog.coversYear(year)) {
      return Optional.empty();
    }
    return periods(row.get(), year).stream().filter(p -> p.key().equals(key)).findFirst();
  }

  private List<PlanPeriod> split(PlanRow row, int year, int n) {
    List<PlanPeriod> out = new ArrayList<>();
    LocalDate start = LocalDate.of(year, 1, 1);
    for (int k = 1; k <= n; k++) {
      int month = (12 * k + n - 1) / n;
      LocalDate end = YearMonth.of(year, month).atEndOfMonth();
      String key;
      LocalizedText label;
      if (n == 4) {
        key = year + "-Q" + k;
        label = new LocalizedText(year + " жылғы " + roman(k) + " тоқсан", roman(k) + " квартал " + year + " года", "Q" + k + " " + year);
      } else if (n == 2) {
        key = year + "-H" + k;
        label = new LocalizedText(year + " жылғы " + roman(k) + " жартыжылдық", roman(k) + " полугодие " + year + " года", "H" + k + " " + year);
      } else if (n == 1) {
        key = String.valueOf(year);
        label = yearLabel(year);
      } else {
        key = year + "-P" + k + "of" + n;
        label = new LocalizedText(year + " жылғы " + n + " кезеңнің " + k + "-і", "период " + k + " из " + n + ", " + year + " год",
            "period " + k + " of " + n + ", " + year);
      }
      out.add(period(row, key, label, start, end));
      start = end.plusDays(1);
    }
    return out;
  }

  private PlanPeriod period(PlanRow row, String key, LocalizedText label, LocalDate start, LocalDate nominal) {
    return new PlanPeriod(row.number(), key, label, start, nominal, nominal, workingCalendar.deadlineOn(nominal), catalog.code(),
        PlanPeriod.cycleKey(primary ? null : catalog.code(), row.number(), key));
  }

  private static LocalizedText yearLabel(int year) {
    return new LocalizedText(year + " жыл", year + " год", String.valueOf(year));
  }

  private static String roman(int k) {
    return switch (k) {
      case 1 -> "I";
      case 2 -> "II";
      case 3 -> "III";
      default -> "IV";
    };
  }

  private void requirePlanYear(int year) {
    if (!catalog.coversYear(year)) {
      throw new IllegalArgumentException("year " + year + " is outside the plan's years " + catalog.firstYear() + "-" + catalog.lastYear());
    }
  }
}
