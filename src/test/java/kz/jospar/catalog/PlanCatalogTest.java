package kz.jospar.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The real 2022–2026 catalog holds the whole annex, with the cases that are easy to get wrong pinned. */
class PlanCatalogTest {

  static PlanCatalog catalog;

  @BeforeAll
  static void load() {
    catalog = CatalogLoader.load(new ClassPathResource("catalog/bodies.yaml"), new ClassPathResource("catalog/plan-2022-2026.yaml"));
  }

  static PlanRow row(String number) {
    return catalog.row(number).orElseThrow(() -> new AssertionError("no row " + number));
  }

  @Test
  void holdsAll17ItemsAndAll53SubItems() {
    assertThat(catalog.items()).extracting(PlanRow::number)
        .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17");
    assertThat(catalog.items()).extracting(i -> i.subitems().size())
        .containsExactly(3, 0, 0, 9, 0, 0, 3, 3, 5, 6, 7, 0, 0, 0, 5, 9, 3);
    assertThat(catalog.rows().filter(r -> !r.isItem()).count()).isEqualTo(53);
  }

  @Test
  void itemsSitInTheirDirections() {
    assertThat(catalog.directions()).extracting(Direction::code).containsExactly("1", "1.2", "2", "3");
    assertThat(catalog.items()).extracting(PlanRow::direction)
        .containsExactly("1", "1.2", "1.2", "1.2", "1.2", "1.2", "1.2", "1.2", "1.2", "2", "2", "2", "2", "2", "2", "3", "3");
  }

  @Test
  void item2IsDueEveryYearBefore1May() {
    assertThat(row("2").schedule()).isEqualTo(new Schedule(Schedule.Kind.BEFORE_DATE, "05-01", null, null, null, List.of()));
  }

  @Test
  void items5And7RunIn2022And2025Only() {
    assertThat(row("5").schedule().years()).containsExactly(2022, 2025);
    assertThat(row("7").schedule().years()).containsExactly(2022, 2025);
    // ... while 7.1 and 7.2 keep their own schedules every year
    assertThat(row("7.1").schedule()).isEqualTo(new Schedule(Schedule.Kind.TIMES_PER_YEAR, null, 2, null, null, List.of()));
    assertThat(row("7.2").schedule()).isEqualTo(new Schedule(Schedule.Kind.TIMES_PER_YEAR, null, 4, null, null, List.of()));
  }

  @Test
  void rows7_3And12RunIn2022Only() {
    assertThat(row("7.3").schedule().years()).containsExactly(2022);
    assertThat(row("12").schedule().years()).containsExactly(2022);
  }

  @Test
  void row15_3RunsFrom2022To2024() {
    assertThat(row("15.3").schedule().years()).containsExactly(2022, 2023, 2024);
  }

  @Test
  void row11_1IsOn1MarchEveryYear() {
    assertThat(row("11.1").schedule()).isEqualTo(new Schedule(Schedule.Kind.FIXED_DATE, "03-01", null, null, null, List.of()));
  }

  @Test
  void row16_6IsQuarterlyWithTwoPublicationsAQuarter() {
    assertThat(row("16.6").schedule().kind()).isEqualTo(Schedule.Kind.QUARTERLY);
    assertThat(row("16.6").quota()).isEqualTo(new Quota(2, "publication", false, Quota.Per.period));
  }

  @Test
  void row4_5HasTwoExecutorsByAgreement() {
    assertThat(row("4.5").executors()).containsExactly(
        new Executor("aqdm", false),
        new Executor("qha-entrepreneurs", true),
        new Executor("atameken", true),
        new Executor("akimats", false));
    assertThat(row("4.5").executorsInherited()).isFalse();
  }

  @Test
  void theAkimatsAreTwentyBodies() {
    List<Body> akimats = catalog.bodies().expand("akimats");
    assertThat(akimats).hasSize(20).allMatch(b -> b.kind() == Body.Kind.akimat);
    assertThat(akimats).extracting(Body::code).contains("akimat-astana", "akimat-almaty", "akimat-shymkent",
        "akimat-turkistan", "akimat-abai", "akimat-jetisu", "akimat-ulytau");
    assertThat(catalog.bodies().expand("qk-kmm")).hasSize(20)
        .allSatisfy(b -> assertThat(b.parent()).startsWith("akimat-"));
  }

  @Test
  void item8ExpandsToFortyOneBodiesBesidesTheLead() {
    // "Қоғамдық келісім" РММ, the 20 akimats, the 20 КММ and "Ассамблея жастары" by agreement
    long bodies = row("8").executors().stream().mapToLong(e -> catalog.bodies().expand(e.body()).size()).sum();
    assertThat(bodies).isEqualTo(42);
    assertThat(row("8").lead().body()).isEqualTo("qk-rmm");
  }

  @Test
  void subItemsWithoutExecutorsInheritTheirItemsAndSaySo() {
    assertThat(row("4.3").executorsInherited()).isTrue();
    assertThat(row("4.3").executors()).isEqualTo(row("4").executors());
    assertThat(row("16.2").executorsInherited()).isTrue();
    assertThat(row("4.2").executorsInherited()).isFalse();
    assertThat(row("15.2").completionFormInherited()).isFalse(); // item 15 has no completion form to give
  }

  @Test
  void item15IsAHeadingWhoseWorkIsInItsSubItems() {
    assertThat(row("15").schedule()).isNull();
    assertThat(row("15").subitems()).hasSize(5).allMatch(PlanRow::hasSchedule);
  }

  @Test
  void everySubItemHasASchedule() {
    assertThat(catalog.rows().filter(r -> !r.isItem())).allMatch(PlanRow::hasSchedule);
  }

  @Test
  void quotasThePlanSets() {
    assertThat(row("4.2").quota()).isEqualTo(new Quota(18, "meeting", false, Quota.Per.year));
    assertThat(row("10.4").quota()).isEqualTo(new Quota(20, "club", false, Quota.Per.year));
    assertThat(row("16.2").quota()).isEqualTo(new Quota(10, "material", true, Quota.Per.year));
    assertThat(row("16.8").quota()).isEqualTo(new Quota(50, "publication", true, Quota.Per.year));
  }

  @Test
  void indicatorOneKeepsBothPlannedValuesFor2026() {
    Indicator one = catalog.indicators().get(0);
    assertThat(one.planned().get(2026)).isEqualByComparingTo("81.0");
    assertThat(one.plannedInAnnex().get(2026)).isEqualByComparingTo("80.9");
    assertThat(one.estimate2021()).isEqualByComparingTo(new BigDecimal("80"));
    assertThat(catalog.indicators()).hasSize(3).allSatisfy(i -> assertThat(i.unit()).isEqualTo("%"));
  }

  @Test
  void everyTextHasThreeLanguages() {
    assertThat(catalog.rows()).allSatisfy(r -> {
      assertThat(r.name().kk()).isNotBlank();
      assertThat(r.name().ru()).isNotBlank();
      assertThat(r.name().en()).isNotBlank();
    });
    assertThat(catalog.bodies().all()).allSatisfy(b -> assertThat(b.name().ru()).isNotBlank());
  }

  @Test
  void astanaKeepsItsNurSultanName() {
    Body astana = catalog.bodies().find("akimat-astana").orElseThrow();
    assertThat(astana.formerNames()).singleElement().satisfies(f -> assertThat(f.kk()).contains("Нұр-Сұлтан"));
  }
}
