package kz.jospar.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which days are worked in Kazakhstan. Built from data (weekend, fixed and movable holidays,
 * decreed transfers), so each year's decree is a data change, not a code change.
 */
public final class WorkingCalendar {

  /** A holiday every year on the same day. */
  public record FixedHoliday(MonthDay date, String name, boolean carriedOver) {}

  /** A holiday whose date is announced each year. */
  public record MovableHoliday(String name, boolean carriedOver, List<LocalDate> dates) {}

  /** A decreed move: {@code dayOff} is not worked; {@code workday}, if given, is worked instead. */
  public record Transfer(LocalDate dayOff, LocalDate workday) {}

  private final Set<DayOfWeek> weekend;
  private final List<FixedHoliday> fixed;
  private final List<MovableHoliday> movable;
  private final List<Transfer> transfers;
  private final Map<Integer, Set<LocalDate>> daysOffByYear = new HashMap<>();

  public WorkingCalendar(Set<DayOfWeek> weekend, List<FixedHoliday> fixed, List<MovableHoliday> movable, List<Transfer> transfers) {
    this.weekend = Set.copyOf(weekend);
    this.fixed = List.copyOf(fixed);
    this.movable = List.copyOf(movable);
    this.transfers = List.copyOf(transfers);
  }

  /** The years for which every movable holiday has a date, so the calendar is complete. */
  public boolean knowsYear(int year) {
    return movable.stream().allMatch(m -> m.dates().stream().anyMatch(d -> d.getYear() == year));
  }

  public boolean isWorkingDay(LocalDate date) {
    return !daysOff(date.getYear()).contains(date);
  }

  /**
   * Where a deadline falls: the date itself when it is a working day, else the last working day
   * before it. Moving earlier, never later, keeps a body that meets our date within the plan's.
   */
  public LocalDate deadlineOn(LocalDate nominal) {
    LocalDate d = nominal;
    while (!isWorkingDay(d)) {
      d = d.minusDays(1);
    }
    return d;
  }

  /** The date {@code days} working days before {@code date} (for reminders). */
  public LocalDate workingDaysBefore(LocalDate date, int days) {
    LocalDate d = date;
    for (int left = days; left > 0; ) {
      d = d.minusDays(1);
      if (isWorkingDay(d)) {
        left--;
      }
    }
    return d;
  }

  /** The date {@code days} working days after {@code date} (for escalation levels and new due dates). */
  public LocalDate workingDaysAfter(LocalDate date, int days) {
    LocalDate d = date;
    for (int left = days; left > 0; ) {
      d = d.plusDays(1);
      if (isWorkingDay(d)) {
        left--;
      }
    }
    return d;
  }

  /** Every day off of a year: weekends, holidays, carried-over holidays and decreed transfers. */
  public synchronized Set<LocalDate> daysOff(int year) {
    return daysOffByYear.computeIfAbsent(year, this::computeDaysOff);
  }

  private Set<LocalDate> computeDaysOff(int year) {
    TreeSet<LocalDate> holidays = new TreeSet<>();
    TreeSet<LocalDate> carried = new TreeSet<>();
    for (FixedHoliday h : fixed) {
      LocalDate d = h.date().atYear(year);
      holidays.add(d);
      if (h.carriedOver() && weekend.contains(d.getDayOfWeek())) {
        carried.add(d);
      }
    }
    for (MovableHoliday h : movable) {
      for (LocalDate d : h.dates()) {
        if (d.getYear() == year) {
          holidays.add(d);
          if (h.carriedOver() && weekend.contains(d.getDayOfWeek())) {
            carried.add(d);
          }
        }
      }
    }
    TreeSet<LocalDate> off = new TreeSet<>(holidays);
    // Each holiday lost to a weekend gives the next day that is neither weekend nor already off.
    for (LocalDate lost : carried) {
      LocalDate d = lost.plusDays(1);
      while (weekend.contains(d.getDayOfWeek()) || off.contains(d)) {
        d = d.plusDays(1);
      }
      off.add(d);
    }
    for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
      if (weekend.contains(d.getDayOfWeek())) {
        off.add(d);
      }
    }
    for (Transfer t : transfers) {
      if (t.dayOff().getYear() == year) {
        off.add(t.dayOff());
      }
      if (t.workday() != null && t.workday().getYear() == year) {
        off.remove(t.workday());
      }
    }
    return java.util.Collections.unmodifiableSet(off);
  }
}
