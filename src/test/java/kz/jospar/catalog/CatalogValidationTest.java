package kz.jospar.catalog;

import kz.jospar.calendar.WorkingCalendarLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A bad catalog is refused with every problem named by file, line, path and what is accepted. */
class CatalogValidationTest {

  static final String BODIES = """
      bodies:
        - code: aqdm
          kind: ministry
          name: {kk: АҚДМ, ru: МИОР, en: MISD}
        - code: akimat-astana
          kind: akimat
          name: {kk: Астана қаласының әкімдігі, ru: Акимат города Астаны, en: Akimat of Astana}
          formerNames:
            - {kk: Нұр-Сұлтан қаласының әкімдігі, ru: Акимат города Нур-Султана, en: Akimat of Nur-Sultan, until: 2022-09-17}
        - code: akimat-turkistan
          kind: akimat
          name: {kk: Түркістан облысының әкімдігі, ru: Акимат Туркестанской области, en: Akimat of Turkistan region}
        - code: akimats
          kind: group
          name: {kk: әкімдіктер, ru: акиматы, en: akimats}
          members: [akimat-astana, akimat-turkistan]
      """;

  static final String PLAN = """
      plan:
        code: test-plan
        title: {kk: Жоспар, ru: План, en: Plan}
        decree: {number: "1014", date: 2022-09-15}
        years: {from: 2022, to: 2026}
      units:
        meeting: {kk: отырыс, ru: заседание, en: meeting}
      indicators:
        - number: 1
          name: {kk: Келісім, ru: Согласие, en: Accord}
          unit: "%"
          source: {kk: зерттеу, ru: исследование, en: research}
          fact2020: null
          estimate2021: 80.0
          planned: {2022: 80.2, 2023: 80.4, 2024: 80.6, 2025: 80.8, 2026: 81.0}
          plannedInAnnex: {2022: 80.2, 2023: 80.4, 2024: 80.6, 2025: 80.8, 2026: 80.9}
      directions:
        - code: "1"
          name: {kk: Бағыт, ru: Направление, en: Direction}
          indicator: 1
      items:
        - number: "1"
          direction: "1"
          name: {kk: Сессия, ru: Сессия, en: Session}
          completionForm: {kk: хаттама, ru: протокол, en: minutes}
          deadline: {kk: жыл сайын, ru: ежегодно, en: every year}
          schedule: {kind: ANNUAL}
          executors:
            - body: aqdm
            - body: akimats
          subitems:
            - number: "1.1"
              name: {kk: Отырыс, ru: Заседание, en: Meeting}
              deadline: {kk: тоқсан сайын, ru: ежеквартально, en: quarterly}
              schedule: {kind: QUARTERLY}
              quota: {count: 4, unit: meeting, minimum: true, per: year}
          kind: annual-session
      """;

  static PlanCatalog load(String bodies, String plan) {
    return CatalogLoader.load(
        "catalog/bodies.yaml", () -> new ByteArrayInputStream(bodies.getBytes(StandardCharsets.UTF_8)),
        "catalog/plan.yaml", () -> new ByteArrayInputStream(plan.getBytes(StandardCharsets.UTF_8)));
  }

  static CatalogException refused(String bodies, String plan) {
    try {
      load(bodies, plan);
    } catch (CatalogException e) {
      return e;
    }
    throw new AssertionError("the catalog was accepted but should have been refused");
  }

  @Test
  void theFixtureItselfIsValidAndInheritsExecutorsAndCompletionForm() {
    PlanCatalog catalog = load(BODIES, PLAN);
    PlanRow sub = catalog.row("1.1").orElseThrow();
    assertThat(sub.executorsInherited()).isTrue();
    assertThat(sub.executors()).extracting(Executor::body).containsExactly("aqdm", "akimats");
    assertThat(sub.completionFormInherited()).isTrue();
    assertThat(sub.completionForm().en()).isEqualTo("minutes");
    assertThat(catalog.row("1").orElseThrow().executorsInherited()).isFalse();
  }

  @Test
  void unknownBodyCodeNamesFileLineAndTheKnownCodes() {
    CatalogException e = refused(BODIES, PLAN.replace("- body: akimats", "- body: akimat-nur-sultan"));
    assertThat(e.problems()).singleElement().asString()
        .startsWith("catalog/plan.yaml:30: items[0].executors[1].body: unknown body code 'akimat-nur-sultan'")
        .contains("accepted: aqdm, akimat-astana, akimat-turkistan, akimats");
  }

  @Test
  void unknownScheduleKindListsTheAcceptedKinds() {
    CatalogException e = refused(BODIES, PLAN.replace("{kind: QUARTERLY}", "{kind: MONTHLY}"));
    assertThat(e.problems()).singleElement().asString()
        .startsWith("catalog/plan.yaml:35: items[0].subitems[0].schedule.kind: unknown schedule kind 'MONTHLY'")
        .contains("accepted: ANNUAL, BEFORE_DATE, FIXED_DATE, TIMES_PER_YEAR, QUARTERLY, HALF_YEARLY, IN_QUARTER, IN_HALF, THROUGHOUT_YEAR");
  }

  @Test
  void duplicateNumberPointsBackToTheFirstUse() {
    CatalogException e = refused(BODIES, PLAN.replace("number: \"1.1\"", "number: \"1\""));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p)
        .startsWith("catalog/plan.yaml:32: items[0].subitems[0].number: duplicate number '1', first used at line 22"));
  }

  @Test
  void missingTranslationNamesTheLanguage() {
    CatalogException e = refused(BODIES, PLAN.replace("{kk: Отырыс, ru: Заседание, en: Meeting}", "{kk: Отырыс, ru: Заседание}"));
    assertThat(e.problems()).singleElement().asString()
        .isEqualTo("catalog/plan.yaml:33: items[0].subitems[0].name: missing translation 'en'; every text needs kk, ru and en");
  }

  @Test
  void blankTranslationIsAsMissing() {
    CatalogException e = refused(BODIES, PLAN.replace("en: Meeting}", "en: \"\"}"));
    assertThat(e.problems()).singleElement().asString()
        .startsWith("catalog/plan.yaml:33: items[0].subitems[0].name.en: expected a text");
  }

  @Test
  void quotaWithoutUnitSaysWhatUnitsExist() {
    CatalogException e = refused(BODIES, PLAN.replace("unit: meeting, ", ""));
    assertThat(e.problems()).singleElement().asString()
        .isEqualTo("catalog/plan.yaml:36: items[0].subitems[0].quota: a quota needs a 'unit' (what is counted); accepted: meeting");
  }

  @Test
  void quotaWithUndeclaredUnit() {
    CatalogException e = refused(BODIES, PLAN.replace("unit: meeting", "unit: session"));
    assertThat(e.problems()).singleElement().asString()
        .startsWith("catalog/plan.yaml:36: items[0].subitems[0].quota.unit: unknown unit 'session'; accepted: meeting");
  }

  @Test
  void misspeltKeyIsRefusedNotIgnored() {
    CatalogException e = refused(BODIES, PLAN.replace("completionForm:", "completionFrom:"));
    assertThat(e.problems()).singleElement().asString()
        .startsWith("catalog/plan.yaml:25: items[0].completionFrom: unknown key 'completionFrom'; accepted: number, direction, kind, name, completionForm");
  }

  @Test
  void subItemNumberMustBelongToItsItem() {
    CatalogException e = refused(BODIES, PLAN.replace("number: \"1.1\"", "number: \"2.1\""));
    assertThat(e.problems()).singleElement().asString()
        .contains("sub-item number '2.1' must be its item's number, a dot and its ordinal, such as \"1.1\"");
  }

  @Test
  void yearsOutsideThePlanAreRefused() {
    CatalogException e = refused(BODIES, PLAN.replace("{kind: ANNUAL}", "{kind: ANNUAL, years: [2021, 2025]}"));
    assertThat(e.problems()).singleElement().asString()
        .startsWith("catalog/plan.yaml:27: items[0].schedule.years[0]: year 2021 is outside the plan's years 2022-2026");
  }

  @Test
  void scheduleParametersAreChecked() {
    CatalogException e = refused(BODIES, PLAN.replace("{kind: QUARTERLY}", "{kind: IN_QUARTER, quarter: 5}"));
    assertThat(e.problems()).singleElement().asString().contains("quarter must be 1, 2, 3 or 4, got 5");

    e = refused(BODIES, PLAN.replace("{kind: QUARTERLY}", "{kind: FIXED_DATE, date: \"02-30\"}"));
    assertThat(e.problems()).singleElement().asString().contains("expected a day of the year as MM-DD, such as \"05-01\", got '02-30'");

    e = refused(BODIES, PLAN.replace("{kind: QUARTERLY}", "{kind: QUARTERLY, times: 4}"));
    assertThat(e.problems()).singleElement().asString().contains("'times' does not apply to a schedule of kind QUARTERLY");
  }

  @Test
  void deadlineWithoutScheduleIsRefused() {
    CatalogException e = refused(BODIES, PLAN.replace("    schedule: {kind: ANNUAL}\n", ""));
    assertThat(e.problems()).singleElement().asString()
        .isEqualTo("catalog/plan.yaml:22: items[0]: 'deadline' (as the decree writes it) and 'schedule' (what it means) go together: give both or neither");
  }

  @Test
  void indicatorMissingAPlannedYear() {
    CatalogException e = refused(BODIES, PLAN.replace("planned: {2022: 80.2, ", "planned: {"));
    assertThat(e.problems()).singleElement().asString()
        .isEqualTo("catalog/plan.yaml:15: indicators[0].planned: no planned value for 2022; every year 2022-2026 needs one");
  }

  @Test
  void decimalCommaIsExplained() {
    CatalogException e = refused(BODIES, PLAN.replace("estimate2021: 80.0", "estimate2021: 80,0"));
    assertThat(e.problems()).singleElement().asString()
        .contains("indicators[0].estimate2021: expected a number with a decimal point (80.2, not 80,2), got '80,0'");
  }

  @Test
  void brokenYamlNamesTheLine() {
    CatalogException e = refused(BODIES, PLAN.replace("schedule: {kind: ANNUAL}", "schedule: {kind: ANNUAL"));
    assertThat(e.problems()).singleElement().asString().startsWith("catalog/plan.yaml:28: not valid YAML: expected ',' or '}'");
  }

  @Test
  void groupWithUnknownMemberIsRefusedInTheBodiesFile() {
    CatalogException e = refused(BODIES.replace("[akimat-astana, akimat-turkistan]", "[akimat-astana, akimat-turkestan]"), PLAN);
    assertThat(e.problems()).singleElement().asString()
        .startsWith("catalog/bodies.yaml:13: bodies[3]: group 'akimats' has unknown member 'akimat-turkestan'; accepted:");
  }

  @Test
  void duplicateBodyCode() {
    CatalogException e = refused(BODIES.replace("code: akimat-turkistan", "code: akimat-astana"), PLAN);
    assertThat(e.problems()).anySatisfy(p -> assertThat(p)
        .isEqualTo("catalog/bodies.yaml:10: bodies[2]: duplicate body code 'akimat-astana', first defined at line 5"));
  }

  @Test
  void unknownBodyKindListsKinds() {
    CatalogException e = refused(BODIES.replace("kind: ministry", "kind: agency"), PLAN);
    assertThat(e.problems()).singleElement().asString()
        .startsWith("catalog/bodies.yaml:3: bodies[0].kind: unknown body kind 'agency'; accepted: ministry, state-institution");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    CatalogException e = refused(BODIES, PLAN
        .replace("- body: akimats", "- body: nobody")
        .replace("{kind: QUARTERLY}", "{kind: WEEKLY}")
        .replace("en: Meeting}", "}"));
    assertThat(e.problems()).hasSize(3);
    assertThat(e.getMessage()).startsWith("3 problem(s) in the plan catalog:");
  }

  @Test
  void aSubItemTakesItsItemsKindOfWorkUnlessItNamesItsOwn() {
    assertThat(load(BODIES, PLAN).row("1.1").orElseThrow().kind()).isEqualTo(WorkKind.annual_session);
    PlanCatalog own = load(BODIES, PLAN.replace("quota: {count: 4", "kind: quota-count\n        quota: {count: 4"));
    assertThat(own.row("1").orElseThrow().kind()).isEqualTo(WorkKind.annual_session);
    assertThat(own.row("1.1").orElseThrow().kind()).isEqualTo(WorkKind.quota_count);
  }

  @Test
  void unknownKindOfWorkNamesFileLineAndTheAcceptedKinds() {
    CatalogException e = refused(BODIES, PLAN.replace("kind: annual-session", "kind: PlanItem21"));
    assertThat(e.problems()).containsExactly("catalog/plan.yaml:37: items[0].kind: unknown kind of work 'PlanItem21'; accepted: "
        + "report-cycle, annual-session, register-update, indicator-study, quota-count");
  }

  @Test
  void anItemWithoutAKindOfWorkIsRefused() {
    CatalogException e = refused(BODIES, PLAN.replace("    kind: annual-session\n", ""));
    assertThat(e.problems()).singleElement().asString().startsWith("catalog/plan.yaml:22: items[0]").contains("'kind'");
  }

  static java.util.function.Supplier<java.io.InputStream> text(String yaml) {
    return () -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
  }

  static Plans loadAll(String... plans) {
    java.util.Map<String, java.util.function.Supplier<java.io.InputStream>> files = new java.util.LinkedHashMap<>();
    for (int i = 0; i < plans.length; i++) {
      files.put("catalog/plan-" + (i + 1) + ".yaml", text(plans[i]));
    }
    return CatalogLoader.loadAll("catalog/bodies.yaml", text(BODIES), files);
  }

  @Test
  void twoPlansLoadSideBySideEachWithItsOwnVersion() {
    Plans plans = loadAll(PLAN, PLAN.replace("code: test-plan", "code: next-plan"));
    assertThat(plans.all()).extracting(PlanCatalog::code).containsExactly("test-plan", "next-plan");
    assertThat(plans.primary().code()).isEqualTo("test-plan");
    assertThat(plans.all()).extracting(PlanCatalog::version).doesNotHaveDuplicates().allMatch(v -> v.matches("[0-9a-f]{12}"));
    assertThat(plans.primary().yearsAt()).isEqualTo("catalog/plan-1.yaml:5: plan.years");
  }

  @Test
  void twoPlansWithOneCodeAreRefusedNamingBothFiles() {
    assertThatThrownBy(() -> loadAll(PLAN, PLAN.replace("years: {from: 2022", "years:  {from: 2022")))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("catalog/plan-2.yaml:2: plan.code: plan code 'test-plan' is already the code of catalog/plan-1.yaml");
  }

  @Test
  void aPlanCodeThatCannotBeAPartOfACycleKeyIsRefused() {
    CatalogException e = refused(BODIES, PLAN.replace("code: test-plan", "code: Test/Plan"));
    assertThat(e.problems()).containsExactly("catalog/plan.yaml:2: plan.code: plan code 'Test/Plan' must be lower-case letters, "
        + "digits, '.' and '-', at most 40, such as \"qha-2027-2031\"");
  }

  @Test
  void aPlanWhoseYearsTheWorkingCalendarDoesNotCoverIsRefusedNamingThePlansFileAndLine() {
    Plans plans = loadAll(PLAN, PLAN.replace("code: test-plan", "code: next-plan").replace("years: {from: 2022, to: 2026}",
        "years: {from: 2026, to: 2027}").replace("planned: {2022: 80.2, 2023: 80.4, 2024: 80.6, 2025: 80.8, 2026: 81.0}",
        "planned: {2026: 81.0, 2027: 81.2}").replace("plannedInAnnex: {2022: 80.2, 2023: 80.4, 2024: 80.6, 2025: 80.8, 2026: 80.9}",
        "plannedInAnnex: {2026: 81.0, 2027: 81.2}"));
    String calendar = """
        weekend: [SATURDAY, SUNDAY]
        holidays: []
        movableHolidays:
          - name: {kk: Құрбан айт, ru: Курбан айт, en: Kurban Ait}
            carriedOver: false
            dates: [2022-07-09, 2023-06-28, 2024-06-16, 2025-06-06, 2026-05-27]
        """;
    assertThatThrownBy(() -> WorkingCalendarLoader.load("catalog/working-calendar-kz.yaml", text(calendar), plans))
        .isInstanceOf(CatalogException.class)
        .satisfies(e -> assertThat(((CatalogException) e).problems()).containsExactly(
            "catalog/plan-2.yaml:5: plan.years: plan next-plan runs in 2027, which the working calendar does not cover: it has no date"
                + " of 'Kurban Ait' for 2027 (catalog/working-calendar-kz.yaml:4: movableHolidays[0]); add that year's date there, or the"
                + " plan cannot run"));
    assertThat(WorkingCalendarLoader.load("catalog/working-calendar-kz.yaml", text(calendar), loadAll(PLAN)).knowsYear(2026))
        .as("the plan the calendar covers runs").isTrue();
  }

  @Test
  void aRenamedBodyKeepsItsFormerName() {
    Body astana = load(BODIES, PLAN).bodies().find("akimat-astana").orElseThrow();
    assertThat(astana.nameOn(java.time.LocalDate.of(2022, 9, 16)).kk()).isEqualTo("Нұр-Сұлтан қаласының әкімдігі");
    assertThat(astana.nameOn(java.time.LocalDate.of(2022, 9, 17)).kk()).isEqualTo("Астана қаласының әкімдігі");
  }
}
