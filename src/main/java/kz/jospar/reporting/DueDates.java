package kz.jospar.reporting;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import kz.jospar.calendar.WorkingCalendar;
import org.springframework.stereotype.Component;

/** When a report is due, reminded and escalated: working days in Kazakhstan, in the plan's zone. */
@Component
public class DueDates {

  /** The moments the timers of one report wait for. */
  public record Schedule(OffsetDateTime dueAt, OffsetDateTime reminderAt, OffsetDateTime escalation2At) {
    public Date dueDate() {
      return Date.from(dueAt.toInstant());
    }

    public Date reminderDate() {
      return Date.from(reminderAt.toInstant());
    }

    public Date escalation2Date() {
      return Date.from(escalation2At.toInstant());
    }
  }

  private final WorkingCalendar calendar;
  private final CycleProperties properties;

  DueDates(WorkingCalendar calendar, CycleProperties properties) {
    this.calendar = calendar;
    this.properties = properties;
  }

  /** Due at the end of the working day of {@code deadline}; reminder and level 2 counted in working days. */
  public Schedule forDeadline(LocalDate deadline) {
    return forDueAt(at(calendar.deadlineOn(deadline)));
  }

  /** Due on a day the coordinator chose (catch-up), at the end of its working day. */
  public Schedule onDay(LocalDate day) {
    return forDueAt(at(day));
  }

  /** For a given due moment (a coordinator's override, or a return's new date). */
  public Schedule forDueAt(OffsetDateTime dueAt) {
    LocalDate day = dueAt.atZoneSameInstant(properties.zone()).toLocalDate();
    OffsetDateTime reminder = at(calendar.workingDaysBefore(day, properties.reminderWorkingDays()));
    if (!reminder.isBefore(dueAt)) {
      reminder = dueAt.minusHours(1);
    }
    return new Schedule(dueAt, reminder, at(calendar.workingDaysAfter(day, properties.escalationLevel2WorkingDays())));
  }

  /** A returned report's new due date: so many working days from now. */
  public Schedule afterReturn(OffsetDateTime now) {
    LocalDate today = now.atZoneSameInstant(properties.zone()).toLocalDate();
    return forDueAt(at(calendar.workingDaysAfter(today, properties.returnWorkingDays())));
  }

  /**
   * A step's control deadline: at the end of the working day so many working days after {@code now}; the reminder
   * and level 2 so many working days before and after it (a reminder that would come before the step is an hour before).
   */
  public Schedule forStep(OffsetDateTime now, int workingDays, int reminderWorkingDays, int level2WorkingDays) {
    LocalDate today = now.atZoneSameInstant(properties.zone()).toLocalDate();
    LocalDate day = calendar.workingDaysAfter(today, workingDays);
    OffsetDateTime dueAt = at(day);
    OffsetDateTime reminder = at(calendar.workingDaysBefore(day, reminderWorkingDays));
    if (!reminder.isAfter(now) || !reminder.isBefore(dueAt)) {
      reminder = dueAt.minusHours(1);
    }
    return new Schedule(dueAt, reminder, at(calendar.workingDaysAfter(day, level2WorkingDays)));
  }

  /** The end of the working day of {@code day} in the plan's zone. */
  public OffsetDateTime endOf(LocalDate day) {
    return at(day);
  }

  /** When the engine opens a period with this deadline. */
  public LocalDate openingDay(LocalDate deadline) {
    return deadline.minusDays(properties.leadTime().toDays());
  }

  private OffsetDateTime at(LocalDate day) {
    return day.atTime(properties.dueTime()).atZone(properties.zone()).toOffsetDateTime();
  }
}
