package kz.jospar.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import kz.jospar.catalog.CatalogException;
import kz.jospar.calendar.WorkingCalendarLoader;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** Kazakhstan's days off, and where a deadline lands when it meets one. */
class WorkingCalendarTest {

  final WorkingCalendar calendar = WorkingCalendarLoader.load(new ClassPathResource("catalog/working-calendar-kz.yaml"), 2022, 2026);

  @Test
  void holidaysSetByLawAreDaysOff() {
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 3, 21))).isFalse(); // Nauryz, Friday
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 23))).isFalse(); // Nauryz, Monday
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 7, 7))).isFalse(); // Capital Day 2025 is a Sunday: Monday is off
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 7, 8))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2024, 10, 25))).isFalse(); // Republic Day, Friday
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 12, 16))).isFalse(); // Independence Day, Tuesday
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 6, 6))).isFalse(); // first day of Kurban Ait 2025
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 6, 5))).isTrue();
  }

  @Test
  void aHolidayOnAWeekendGivesTheNextWorkingDayOff() {
    // 1 and 2 January 2022 were Saturday and Sunday: 3 and 4 January were off.
    assertThat(calendar.isWorkingDay(LocalDate.of(2022, 1, 3))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2022, 1, 4))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2022, 1, 5))).isTrue();
    // Nauryz 2026: 21 March is a Saturday, 22 a Sunday, 23 a Monday: 24 and 25 March are off.
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 24))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 25))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 26))).isTrue();
  }

  @Test
  void religiousHolidaysAreNotCarriedOver() {
    // Kurban Ait 2024 fell on Sunday 16 June; Monday 17 June was worked.
    assertThat(calendar.isWorkingDay(LocalDate.of(2024, 6, 16))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2024, 6, 17))).isTrue();
    // Orthodox Christmas on Sunday 7 January 2024: Monday 8 January was worked.
    assertThat(calendar.isWorkingDay(LocalDate.of(2024, 1, 8))).isTrue();
  }

  @Test
  void aDeadlineOnADayOffMovesToTheWorkingDayBefore() {
    // 1 March 2025 is a Saturday: due Friday 28 February.
    assertThat(calendar.deadlineOn(LocalDate.of(2025, 3, 1))).isEqualTo(LocalDate.of(2025, 2, 28));
    // 31 December 2022 is a Saturday: due Friday 30 December.
    assertThat(calendar.deadlineOn(LocalDate.of(2022, 12, 31))).isEqualTo(LocalDate.of(2022, 12, 30));
    // 9 May 2025 (Victory Day, Friday), 8 May Thursday is worked.
    assertThat(calendar.deadlineOn(LocalDate.of(2025, 5, 9))).isEqualTo(LocalDate.of(2025, 5, 8));
    // Across a run of days off: 25 March 2026 (carried-over Nauryz) back past 21-24 March to Friday 20 March.
    assertThat(calendar.deadlineOn(LocalDate.of(2026, 3, 25))).isEqualTo(LocalDate.of(2026, 3, 20));
    // A working day stays.
    assertThat(calendar.deadlineOn(LocalDate.of(2025, 4, 30))).isEqualTo(LocalDate.of(2025, 4, 30));
  }

  @Test
  void workingDaysAreCountedOverDaysOff() {
    // Nauryz 2025: 21 March a Friday, 22-23 on the weekend, so 24 and 25 March are off too.
    LocalDate due = LocalDate.of(2025, 3, 27);
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 3, 24))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 3, 25))).isFalse();
    assertThat(calendar.workingDaysBefore(due, 2)).isEqualTo(LocalDate.of(2025, 3, 20));
    assertThat(calendar.workingDaysAfter(LocalDate.of(2025, 3, 20), 2)).isEqualTo(LocalDate.of(2025, 3, 27));
  }

  @Test
  void decreedTransfersAreData() {
    WorkingCalendar withTransfer = WorkingCalendarLoader.load("test-calendar.yaml", () -> stream("""
        weekend: [SATURDAY, SUNDAY]
        holidays: []
        movableHolidays: []
        transfers:
          - {dayOff: 2025-01-03, workday: 2025-01-05, decree: "test"}
        """), 2025, 2025);
    assertThat(withTransfer.isWorkingDay(LocalDate.of(2025, 1, 3))).isFalse();
    assertThat(withTransfer.isWorkingDay(LocalDate.of(2025, 1, 5))).isTrue();
  }

  @Test
  void aCalendarMissingAYearOfThePlanIsRefused() {
    assertThatThrownBy(() -> WorkingCalendarLoader.load("test-calendar.yaml", () -> stream("""
        weekend: [SATURDAY, SUNDAY]
        holidays: []
        movableHolidays:
          - name: {kk: Құрбан айт, ru: Курбан айт, en: Kurban Ait}
            carriedOver: false
            dates: [2025-06-06]
        """), 2025, 2026))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("test-calendar.yaml:4: movableHolidays[0]: no date of 'Kurban Ait' for 2026");
  }

  @Test
  void aBadHolidayDateNamesItsLine() {
    assertThatThrownBy(() -> WorkingCalendarLoader.load("test-calendar.yaml", () -> stream("""
        weekend: [SATURDAY, SUNDAY]
        holidays:
          - {date: "13-01", name: {kk: a, ru: b, en: c}, carriedOver: true}
        """), 2025, 2025))
        .hasMessageContaining("test-calendar.yaml:3: holidays[0].date: expected a day of the year as MM-DD");
  }

  private static ByteArrayInputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
