package kz.jospar.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import kz.jospar.catalog.CatalogLoader;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.catalog.PlanRow;
import kz.jospar.calendar.WorkingCalendarLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** Each schedule kind becomes the periods and deadlines the README promises, on the real plan. */
class PlanCalendarTest {

  static PlanCatalog catalog;
  static PlanCalendar calendar;

  @BeforeAll
  static void load() {
    catalog = CatalogLoader.load(new ClassPathResource("catalog/bodies.yaml"), new ClassPathResource("catalog/plan-2022-2026.yaml"));
    calendar = new PlanCalendar(catalog,
        WorkingCalendarLoader.load(new ClassPathResource("catalog/working-calendar-kz.yaml"), 2022, 2026));
  }

  static List<PlanPeriod> periods(String row, int year) {
    PlanRow r = catalog.row(row).orElseThrow();
    return calendar.periods(r, year);
  }

  @Test
  void annualIsTheYearDueOnItsLastWorkingDay() {
    assertThat(periods("1", 2025)).singleElement().satisfies(p -> {
      assertThat(p.key()).isEqualTo("2025");
      assertThat(p.start()).isEqualTo(LocalDate.of(2025, 1, 1));
      assertThat(p.deadline()).isEqualTo(LocalDate.of(2025, 12, 31)); // a Wednesday
    });
    // 31 December 2022 is a Saturday
    assertThat(periods("1", 2022).get(0).deadline()).isEqualTo(LocalDate.of(2022, 12, 30));
    assertThat(periods("1", 2022).get(0).deadlineMoved()).isTrue();
  }

  @Test
  void beforeFirstMayIsDueOn30AprilOrTheWorkingDayBefore() {
    assertThat(periods("2", 2025)).singleElement().satisfies(p -> assertThat(p.deadline()).isEqualTo(LocalDate.of(2025, 4, 30)));
    // 30 April 2022 was a Saturday
    assertThat(periods("2", 2022).get(0).deadline()).isEqualTo(LocalDate.of(2022, 4, 29));
    assertThat(periods("2", 2022).get(0).nominalDeadline()).isEqualTo(LocalDate.of(2022, 4, 30));
  }

  @Test
  void firstMarchIsDueOnTheDayOrTheWorkingDayBefore() {
    assertThat(periods("11.1", 2024).get(0).deadline()).isEqualTo(LocalDate.of(2024, 3, 1)); // Friday
    assertThat(periods("11.1", 2025).get(0).deadline()).isEqualTo(LocalDate.of(2025, 2, 28)); // 1 March is a Saturday
  }

  @Test
  void quarterlyGivesFourQuarters() {
    assertThat(periods("16.6", 2025)).extracting(PlanPeriod::key).containsExactly("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4");
    assertThat(periods("16.6", 2025)).extracting(PlanPeriod::nominalDeadline).containsExactly(
        LocalDate.of(2025, 3, 31), LocalDate.of(2025, 6, 30), LocalDate.of(2025, 9, 30), LocalDate.of(2025, 12, 31));
  }

  @Test
  void halfYearlyGivesTwoHalves() {
    List<PlanPeriod> halves = periods("4.8", 2026);
    assertThat(halves).extracting(PlanPeriod::key).containsExactly("2026-H1", "2026-H2");
    assertThat(halves.get(1).start()).isEqualTo(LocalDate.of(2026, 7, 1));
    assertThat(halves.get(1).deadline()).isEqualTo(LocalDate.of(2026, 12, 31));
    assertThat(halves.get(1).label().kk()).isEqualTo("2026 жылғы II жартыжылдық");
  }

  @Test
  void threeTimesAYearGivesThirds() {
    assertThat(periods("3", 2025)).extracting(PlanPeriod::key).containsExactly("2025-P1of3", "2025-P2of3", "2025-P3of3");
    assertThat(periods("3", 2025)).extracting(PlanPeriod::nominalDeadline).containsExactly(
        LocalDate.of(2025, 4, 30), LocalDate.of(2025, 8, 31), LocalDate.of(2025, 12, 31));
    // 31 August 2025 is a Sunday, 30 August Constitution Day (Saturday): due Friday 29 August
    assertThat(periods("3", 2025).get(1).deadline()).isEqualTo(LocalDate.of(2025, 8, 29));
  }

  @Test
  void nineTimesAYearSpreadsEvenlyOverTheMonths() {
    assertThat(periods("11", 2025)).hasSize(9).extracting(p -> p.nominalDeadline().getMonthValue())
        .containsExactly(2, 3, 4, 6, 7, 8, 10, 11, 12);
  }

  @Test
  void inAGivenQuarterOrHalf() {
    assertThat(periods("1.1", 2025)).singleElement().satisfies(p -> {
      assertThat(p.key()).isEqualTo("2025-Q2");
      assertThat(p.nominalDeadline()).isEqualTo(LocalDate.of(2025, 6, 30));
    });
    assertThat(periods("10.1", 2025)).singleElement().satisfies(p -> assertThat(p.key()).isEqualTo("2025-H2"));
  }

  @Test
  void givenYearsOnly() {
    assertThat(periods("5", 2022)).hasSize(1);
    assertThat(periods("5", 2023)).isEmpty();
    assertThat(periods("5", 2025)).hasSize(1);
    assertThat(periods("12", 2023)).isEmpty();
    assertThat(periods("15.3", 2024)).hasSize(1);
    assertThat(periods("15.3", 2025)).isEmpty();
  }

  @Test
  void throughoutTheYearIsReportedOnceAYear() {
    assertThat(periods("6", 2025)).singleElement().satisfies(p -> assertThat(p.key()).isEqualTo("2025"));
  }

  @Test
  void aHeadingHasNoPeriodsOfItsOwn() {
    assertThat(periods("15", 2025)).isEmpty();
  }

  @Test
  void theYearListsEveryRowPeriodByDeadline() {
    List<PlanPeriod> year = calendar.year(2025);
    assertThat(year).isSortedAccordingTo(java.util.Comparator.comparing(PlanPeriod::deadline));
    assertThat(year).extracting(PlanPeriod::cycleKey).doesNotHaveDuplicates().contains("2/2025", "16.6/2025-Q3", "11.1/2025");
    assertThat(year).allSatisfy(p -> assertThat(calendar.workingCalendar().isWorkingDay(p.deadline())).isTrue());
  }

  @Test
  void findsAPeriodByItsKey() {
    assertThat(calendar.find("4.8", "2026-H2")).hasValueSatisfying(p -> assertThat(p.deadline()).isEqualTo(LocalDate.of(2026, 12, 31)));
    assertThat(calendar.find("4.8", "2026-Q3")).isEmpty();
    assertThat(calendar.find("5", "2024")).isEmpty();
    assertThat(calendar.find("99", "2024")).isEmpty();
  }

  @Test
  void yearsOutsideThePlanAreRefused() {
    assertThatThrownBy(() -> calendar.year(2027)).hasMessage("year 2027 is outside the plan's years 2022-2026");
  }
}
