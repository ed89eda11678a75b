package kz.jospar.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kz.jospar.catalog.CatalogLoader;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.language.FieldError;
import kz.jospar.language.Words;
import kz.jospar.reporting.CycleProperties;
import kz.jospar.reporting.Decisions;
import kz.jospar.reporting.ReportService;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.reporting.ReportProcess.Vars;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

/**
 * The completion rules of each task's form, without an engine: what each form needs and when (a declining body, a
 * quota, a return, indicators), the types and bounds of each kind of field, and the words a person reads — the field,
 * what is wrong and what would be accepted, in Kazakh, Russian and English; and four-eyes (FourEyes) over stubbed
 * records of who submitted, approved and consolidated. TaskCompletionGuard applies them on every door; SealedBodiesIT
 * and DeskFormsIT send them through HTTP.
 */
class FormRulesTest {

  static final Locale RU = Locale.forLanguageTag("ru");
  static final Locale KK = Locale.forLanguageTag("kk");
  /** What a document field accepts, as the person reads it (MonitorEndToEndIT and DeskFormsIT read the same). */
  static final String ACCEPTED = "doc, docx, jpeg, jpg, ods, odt, pdf, png, xls, xlsx";

  static PlanCatalog catalog;
  static FormRules rules;

  @BeforeAll
  static void load() {
    catalog = CatalogLoader.load(new ClassPathResource("catalog/bodies.yaml"),
        new ClassPathResource("catalog/plan-2022-2026.yaml"));
    rules = new FormRules(catalog, new CycleProperties(ZoneId.of("Asia/Almaty"), LocalTime.of(18, 0), Duration.ofDays(30),
        3, 5, 5, "0 0 6 * * ?", DataSize.ofMegabytes(10)));
  }

  static List<FieldError> check(String task, Map<String, FieldValue> values) {
    return rules.check(task, values::get);
  }

  static Map<String, FieldValue> values(Object... pairs) {
    Map<String, FieldValue> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (FieldValue) pairs[i + 1]);
    }
    return m;
  }

  static FieldValue text(String s) {
    return new FieldValue.Text(s);
  }

  static FieldValue pdf(long bytes) {
    return new FieldValue.Document("minutes.pdf", bytes);
  }

  static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  @Test
  void aReportNeedsItsTextAndDocumentAndSaysSoInEachLanguage() {
    List<FieldError> errors = check(ReportProcess.TASK_SUBMIT_REPORT, values());
    assertThat(fields(errors)).containsExactly(Vars.REPORT_TEXT, Vars.REPORT_DOCUMENT);
    FieldError text = errors.get(0);
    assertThat(text.message()).isEqualTo("required: a text of at most 4000 characters");
    assertThat(Words.in(text.text(), RU)).isEqualTo("обязательно: текст не длиннее 4000 символов");
    assertThat(Words.in(text.text(), KK)).isEqualTo("міндетті: ұзындығы 4000 таңбадан аспайтын мәтін");
    FieldError document = errors.get(1);
    assertThat(document.message()).isEqualTo("required: a document (" + ACCEPTED + ") of at most 10 MB");
    assertThat(Words.in(document.text(), RU)).isEqualTo("обязательно: документ (" + ACCEPTED + ") не более 10 МБ");
    assertThat(Words.in(document.text(), KK)).isEqualTo("міндетті: көлемі 10 МБ-тан аспайтын құжат (" + ACCEPTED + ")");
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, values(Vars.REPORT_TEXT, text("Клубтар жабдықталды"), Vars.REPORT_DOCUMENT,
        pdf(2048))))
        .isEmpty();
  }

  @Test
  void aBlankTextIsNoTextAndAnOverlongOneSaysBothLengths() {
    assertThat(fields(check(ReportProcess.TASK_SUBMIT_REPORT, values(Vars.REPORT_TEXT, text("   "), Vars.REPORT_DOCUMENT,
        pdf(10)))))
        .containsExactly(Vars.REPORT_TEXT);
    List<FieldError> tooLong = check(ReportProcess.TASK_SUBMIT_REPORT,
        values(Vars.REPORT_TEXT, text("x".repeat(4001)), Vars.REPORT_DOCUMENT, pdf(10)));
    assertThat(tooLong).singleElement().satisfies(e -> assertThat(Words.in(e.text(), RU))
        .isEqualTo("не более 4000 символов, получено 4001"));
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, values(Vars.REPORT_TEXT, text("x".repeat(4000)), Vars.REPORT_DOCUMENT,
        pdf(10))))
        .isEmpty();
  }

  @Test
  void aDocumentMustBeAnAcceptedKindNotEmptyAndWithinTheLimit() {
    long limit = DataSize.ofMegabytes(10).toBytes();
    assertThat(rules.maxDocumentBytes()).isEqualTo(limit);
    Map<String, FieldValue> report = values(Vars.REPORT_TEXT, text("done"));
    report.put(Vars.REPORT_DOCUMENT, pdf(limit + 1));
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, report)).singleElement()
        .satisfies(e -> assertThat(Words.in(e.text(), RU))
            .isEqualTo("файл весит " + (limit + 1) + " байт; принимается не более " + limit + " байт (10 МБ)"));
    report.put(Vars.REPORT_DOCUMENT, pdf(limit));
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, report)).isEmpty();
    report.put(Vars.REPORT_DOCUMENT, pdf(0));
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, report)).singleElement()
        .satisfies(e -> assertThat(Words.in(e.text(), RU)).isEqualTo("файл пустой"));
    report.put(Vars.REPORT_DOCUMENT, new FieldValue.Document("setup.exe", 100));
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, report)).singleElement()
        .satisfies(e -> assertThat(Words.in(e.text(), RU)).startsWith("«setup.exe» — недопустимый тип документа"));
    report.put(Vars.REPORT_DOCUMENT, text("not a file"));
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, report)).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("not a file"));
  }

  @Test
  void onlyABodyByAgreementMayDeclineAndThenGivesAReasonInsteadOfAReport() {
    Map<String, FieldValue> declines = values(Vars.DECLINED, new FieldValue.Bool(true));
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, declines)).singleElement()
        .satisfies(e -> assertThat(e.field()).isEqualTo(Vars.DECLINED))
        .satisfies(e -> assertThat(e.text().getCodes()).containsExactly("form.declined.byOrder"));
    declines.put(Vars.BY_AGREEMENT, new FieldValue.Bool(true));
    assertThat(fields(check(ReportProcess.TASK_SUBMIT_REPORT, declines))).containsExactly(Vars.DECLINE_REASON);
    declines.put(Vars.DECLINE_REASON, text("not in our remit this year"));
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, declines)).as("no report text or document when declining").isEmpty();
  }

  @Test
  void aQuotaAsksForTheCountAWholeNumberNotBelowZero() {
    Map<String, FieldValue> report = values(Vars.REPORT_TEXT, text("done"), Vars.REPORT_DOCUMENT, pdf(10),
        Vars.QUOTA_COUNT, new FieldValue.Num(BigDecimal.valueOf(20)));
    assertThat(fields(check(ReportProcess.TASK_SUBMIT_REPORT, report))).containsExactly(Vars.ACHIEVED_COUNT);
    report.put(Vars.ACHIEVED_COUNT, new FieldValue.Num(new BigDecimal("2.5")));
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, report)).singleElement()
        .satisfies(e -> assertThat(e.text().getCodes()).containsExactly("form.count.expected"));
    report.put(Vars.ACHIEVED_COUNT, new FieldValue.Num(BigDecimal.valueOf(-1)));
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, report)).singleElement()
        .satisfies(e -> assertThat(e.text().getCodes()).containsExactly("form.count.negative"));
    report.put(Vars.ACHIEVED_COUNT, new FieldValue.Num(new BigDecimal("18.0")));
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, report)).as("18.0 is a whole number").isEmpty();
  }

  @Test
  void aReviewNeedsADecisionAndAReturnNeedsItsReason() {
    assertThat(check(ReportProcess.TASK_REVIEW_BY_SUPERVISOR, values())).singleElement()
        .satisfies(e -> assertThat(Words.in(e.text(), RU)).isEqualTo("обязательно: одобрить или вернуть"));
    assertThat(check(ReportProcess.TASK_REVIEW_BY_SUPERVISOR, values(Vars.APPROVED, new FieldValue.Bool(true)))).isEmpty();
    assertThat(fields(check(ReportProcess.TASK_REVIEW_BY_SUPERVISOR, values(Vars.APPROVED, new FieldValue.Bool(false)))))
        .containsExactly(Vars.RETURN_REASON);
    assertThat(check(ReportProcess.TASK_REVIEW_BY_COORDINATOR,
        values(Vars.ACCEPTED, new FieldValue.Bool(false), Vars.RETURN_REASON, text("the minutes are unsigned")))).isEmpty();
    assertThat(check(ReportProcess.TASK_REVIEW_BY_COORDINATOR, values(Vars.ACCEPTED, text("yes")))).singleElement()
        .satisfies(e -> assertThat(Words.in(e.text(), RU)).isEqualTo("ожидается «да» или «нет», получено: текст «yes»"));
  }

  @Test
  void closingAPeriodThatRecordsIndicatorsNeedsEachAsAPercentage() {
    String first = rules.fields(ReportProcess.TASK_CLOSE_PERIOD).stream().filter(f -> !f.equals(Vars.CLOSING_NOTE)).sorted()
        .findFirst().orElseThrow();
    assertThat(check(ReportProcess.TASK_CLOSE_PERIOD, values())).as("no indicators recorded: nothing needed").isEmpty();
    Map<String, FieldValue> closing = values(Vars.RECORDS_INDICATORS, new FieldValue.Bool(true));
    assertThat(fields(check(ReportProcess.TASK_CLOSE_PERIOD, closing))).contains(first);
    closing.put(first, new FieldValue.Num(BigDecimal.valueOf(101)));
    assertThat(check(ReportProcess.TASK_CLOSE_PERIOD, closing)).filteredOn(e -> e.field().equals(first)).singleElement()
        .satisfies(e -> assertThat(Words.in(e.text(), RU)).isEqualTo("должно быть от 0 до 100, получено 101"));
    closing.put(first, new FieldValue.Num(BigDecimal.valueOf(100)));
    assertThat(check(ReportProcess.TASK_CLOSE_PERIOD, closing)).extracting(FieldError::field).doesNotContain(first);
  }

  @Test
  void aCompletionMayCarryOnlyItsFormsFieldsAndATaskWithoutAFormIsNotJudged() {
    assertThat(rules.fields(ReportProcess.TASK_SUBMIT_REPORT))
        .containsExactlyInAnyOrder(Vars.REPORT_TEXT, Vars.ACHIEVED_COUNT, Vars.REPORT_DOCUMENT, Vars.DECLINED,
            Vars.DECLINE_REASON)
        .doesNotContain(Vars.BY_AGREEMENT, Vars.QUOTA_COUNT);
    assertThat(rules.fields(ReportProcess.TASK_PREPARE_SESSION)).containsExactlyInAnyOrder(Vars.SESSION_PLAN, Vars.SESSION_DATE);
    assertThat(rules.governs("Task_SomethingElse")).isFalse();
    assertThat(rules.fields("Task_SomethingElse")).isEmpty();
    assertThat(check("Task_SomethingElse", values())).isEmpty();
    assertThat(fields(check(ReportProcess.TASK_PREPARE_SESSION, values(Vars.SESSION_PLAN, text("plan"), Vars.SESSION_DATE,
        text("2026-11-20"))))).as("a date given as text").containsExactly(Vars.SESSION_DATE);
  }

  @Test
  void aValueOfTheWrongKindIsRefusedSayingWhatWasGiven() {
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, values(Vars.REPORT_TEXT, new FieldValue.Num(BigDecimal.valueOf(5)),
        Vars.REPORT_DOCUMENT, pdf(10)))).singleElement().satisfies(e -> {
          assertThat(e.field()).isEqualTo(Vars.REPORT_TEXT);
          assertThat(e.message()).isEqualTo("expected a text, got the number 5");
          assertThat(Words.in(e.text(), RU)).isEqualTo("ожидается текст, получено: число 5");
          assertThat(Words.in(e.text(), KK)).isEqualTo("мәтін күтілді, алынғаны: 5 саны");
        });
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, values(Vars.REPORT_TEXT, text("done"),
        Vars.REPORT_DOCUMENT, new FieldValue.Day("2026-11-20")))).singleElement()
        .satisfies(e -> assertThat(e.message()).isEqualTo("expected a file, got the date 2026-11-20"));
    assertThat(check(ReportProcess.TASK_PREPARE_SESSION, values(Vars.SESSION_PLAN, text("plan"), Vars.SESSION_DATE,
        new FieldValue.Bool(true)))).singleElement().satisfies(e -> assertThat(e.message())
            .isEqualTo("expected a date, got true"));
    assertThat(check(ReportProcess.TASK_RECORD_SESSION_HELD, values(Vars.SESSION_HELD_ON, pdf(10), Vars.SESSION_MINUTES,
        pdf(10)))).singleElement().satisfies(e -> {
          assertThat(e.field()).isEqualTo(Vars.SESSION_HELD_ON);
          assertThat(Words.in(e.text(), RU)).isEqualTo("ожидается дата, получено: файл");
        });
    assertThat(check(ReportProcess.TASK_REVIEW_BY_SUPERVISOR, values(Vars.APPROVED, new FieldValue.Wrong("a list [1, 2]"))))
        .singleElement().satisfies(e -> assertThat(e.message()).isEqualTo("expected true or false, got a list [1, 2]"));
  }

  @Test
  void aLongWrongTextIsQuotedOnlyByItsFirstFortyCharacters() {
    String given = "abcdefghij".repeat(5);
    assertThat(check(ReportProcess.TASK_REVIEW_BY_COORDINATOR, values(Vars.ACCEPTED, text(given)))).singleElement()
        .satisfies(e -> assertThat(e.message()).isEqualTo("expected true or false, got the text '" + given.substring(0, 40)
            + "…'"));
    assertThat(check(ReportProcess.TASK_REVIEW_BY_COORDINATOR, values(Vars.ACCEPTED, text(given.substring(0, 40)))))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).endsWith("'" + given.substring(0, 40) + "'"));
  }

  @Test
  void aDecisionThatIsNotTrueOrFalseIsNoReturnSoAsksForNoReason() {
    assertThat(fields(check(ReportProcess.TASK_REVIEW_BY_COORDINATOR, values(Vars.ACCEPTED, text("false")))))
        .containsExactly(Vars.ACCEPTED);
    assertThat(fields(check(ReportProcess.TASK_REVIEW_BY_SUPERVISOR, values(Vars.APPROVED, new FieldValue.Bool(false),
        Vars.RETURN_REASON, text("  "))))).as("a blank reason is no reason").containsExactly(Vars.RETURN_REASON);
    assertThat(check(ReportProcess.TASK_REVIEW_BY_SUPERVISOR, values(Vars.APPROVED, new FieldValue.Bool(false),
        Vars.RETURN_REASON, text("r".repeat(2001))))).singleElement()
        .satisfies(e -> assertThat(e.message()).isEqualTo("at most 2000 characters, got 2001"));
    assertThat(check(ReportProcess.TASK_REVIEW_BY_SUPERVISOR, values(Vars.APPROVED, new FieldValue.Bool(true),
        Vars.RETURN_REASON, text("r".repeat(2001))))).as("an approval's reason is not looked at").isEmpty();
  }

  @Test
  void declinedMustBeTrueOrFalseAndAByOrderBodyThatDoesNotDeclineStillReports() {
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, values(Vars.DECLINED, text("yes")))).extracting(FieldError::field,
        e -> e.text().getCodes()[0]).containsExactly(
            org.assertj.core.groups.Tuple.tuple(Vars.DECLINED, "form.bool.expected"),
            org.assertj.core.groups.Tuple.tuple(Vars.REPORT_TEXT, "form.text.required"),
            org.assertj.core.groups.Tuple.tuple(Vars.REPORT_DOCUMENT, "form.document.required"));
    assertThat(fields(check(ReportProcess.TASK_SUBMIT_REPORT, values(Vars.DECLINED, new FieldValue.Bool(false)))))
        .containsExactly(Vars.REPORT_TEXT, Vars.REPORT_DOCUMENT);
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, values(Vars.DECLINED, new FieldValue.Bool(true))).get(0).message())
        .isEqualTo("only a body taking part by agreement may decline; this body reports by order");
  }

  @Test
  void aBodyDecliningByAgreementIsNotAskedForItsQuotaNorJudgedOnItsReportFields() {
    Map<String, FieldValue> declines = values(Vars.BY_AGREEMENT, new FieldValue.Bool(true),
        Vars.DECLINED, new FieldValue.Bool(true), Vars.DECLINE_REASON, text("not in our remit"),
        Vars.QUOTA_COUNT, new FieldValue.Num(BigDecimal.TEN), Vars.REPORT_DOCUMENT, new FieldValue.Document("setup.exe", 10),
        Vars.ACHIEVED_COUNT, new FieldValue.Num(BigDecimal.valueOf(-3)));
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, declines)).isEmpty();
    declines.put(Vars.DECLINE_REASON, text("d".repeat(2001)));
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, declines)).singleElement()
        .satisfies(e -> assertThat(e.field()).isEqualTo(Vars.DECLINE_REASON));
  }

  @Test
  void aPercentageIsANumberFromZeroToAHundredBothIncluded() {
    String indicator = Vars.indicatorValue(catalog.indicators().get(0).number());
    Map<String, FieldValue> closing = values(Vars.RECORDS_INDICATORS, new FieldValue.Bool(true));
    catalog.indicators().forEach(i -> closing.put(Vars.indicatorValue(i.number()), new FieldValue.Num(BigDecimal.ZERO)));
    assertThat(check(ReportProcess.TASK_CLOSE_PERIOD, closing)).isEmpty();
    closing.put(indicator, new FieldValue.Num(new BigDecimal("-0.5")));
    assertThat(check(ReportProcess.TASK_CLOSE_PERIOD, closing)).singleElement().satisfies(e -> {
      assertThat(e.field()).isEqualTo(indicator);
      assertThat(e.message()).isEqualTo("must be from 0 to 100, got -0.5");
    });
    closing.put(indicator, new FieldValue.Num(new BigDecimal("99.5")));
    assertThat(check(ReportProcess.TASK_CLOSE_PERIOD, closing)).as("a percentage may have decimals").isEmpty();
    closing.put(indicator, text("50%"));
    assertThat(check(ReportProcess.TASK_CLOSE_PERIOD, closing)).singleElement()
        .satisfies(e -> assertThat(Words.in(e.text(), RU)).isEqualTo("ожидается процент от 0 до 100, получено: текст «50%»"));
    closing.remove(indicator);
    assertThat(check(ReportProcess.TASK_CLOSE_PERIOD, closing)).singleElement()
        .satisfies(e -> assertThat(e.message()).isEqualTo("required: a percentage from 0 to 100"));
  }

  @Test
  void theStepsAfterTheReportAskForWhatEachNeeds() {
    assertThat(check(ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL1, values())).singleElement().satisfies(e -> {
      assertThat(e.field()).isEqualTo(Vars.OVERDUE_ACTION);
      assertThat(e.message()).isEqualTo("required: a text of at most 2000 characters");
    });
    assertThat(fields(check(ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL2, values()))).containsExactly(Vars.OVERDUE_ACTION);
    assertThat(fields(check(ReportProcess.TASK_CONSOLIDATE_REPORTS, values()))).containsExactly(Vars.CONSOLIDATED_SUMMARY);
    assertThat(check(ReportProcess.TASK_CONSOLIDATE_REPORTS, values(Vars.CONSOLIDATED_SUMMARY, text("all in"),
        Vars.CONSOLIDATED_DOCUMENT, pdf(0)))).as("an optional document is judged when given").singleElement()
        .satisfies(e -> assertThat(e.message()).isEqualTo("the file is empty"));
    assertThat(fields(check(ReportProcess.TASK_RECORD_SESSION_HELD, values()))).containsExactly(Vars.SESSION_HELD_ON,
        Vars.SESSION_MINUTES);
    assertThat(check(ReportProcess.TASK_RECORD_SESSION_HELD, values(Vars.SESSION_HELD_ON, new FieldValue.Day("2026-11-20"),
        Vars.SESSION_MINUTES, pdf(10)))).isEmpty();
    assertThat(fields(check(ReportProcess.TASK_UPDATE_REGISTER, values()))).containsExactly(Vars.REGISTER_DOCUMENT,
        Vars.ASSOCIATIONS_COUNT);
    assertThat(check(ReportProcess.TASK_UPDATE_REGISTER, values(Vars.REGISTER_DOCUMENT, pdf(10), Vars.ASSOCIATIONS_COUNT,
        text("12"))))
        .singleElement().satisfies(e -> assertThat(e.message())
            .isEqualTo("expected a whole number, 0 or more, got the text '12'"));
    assertThat(check(ReportProcess.TASK_UPDATE_REGISTER, values(Vars.REGISTER_DOCUMENT, pdf(10), Vars.ASSOCIATIONS_COUNT,
        new FieldValue.Num(BigDecimal.ZERO), Vars.REGISTER_NOTE, text("n".repeat(2001))))).singleElement()
        .satisfies(e -> assertThat(e.field()).isEqualTo(Vars.REGISTER_NOTE));
  }

  @Test
  void eachFormListsItsFieldsInTheOrderAPersonFillsThem() {
    TaskForm submit = rules.form(ReportProcess.TASK_SUBMIT_REPORT).orElseThrow();
    assertThat(submit.fields()).extracting(TaskForm.Field::name)
        .containsExactly(Vars.REPORT_TEXT, Vars.ACHIEVED_COUNT, Vars.REPORT_DOCUMENT, Vars.DECLINED, Vars.DECLINE_REASON);
    assertThat(submit.field(Vars.REPORT_TEXT)).get().extracting(TaskForm.Field::max).isEqualTo(4000);
    assertThat(submit.field(Vars.DECLINE_REASON)).get().extracting(TaskForm.Field::max).isEqualTo(2000);
    assertThat(submit.field(Vars.REPORT_DOCUMENT)).get().extracting(TaskForm.Field::need)
        .isEqualTo(TaskForm.Need.UNLESS_DECLINED);
    assertThat(submit.hasDocument()).isTrue();
    assertThat(rules.form(ReportProcess.TASK_REVIEW_BY_SUPERVISOR).orElseThrow().hasDocument()).isFalse();
    TaskForm closing = rules.form(ReportProcess.TASK_CLOSE_PERIOD).orElseThrow();
    assertThat(closing.fields()).hasSize(1 + catalog.indicators().size());
    assertThat(closing.fields().get(0).name()).isEqualTo(Vars.CLOSING_NOTE);
    assertThat(closing.fields().subList(1, closing.fields().size())).allSatisfy(f -> {
      assertThat(f.kind()).isEqualTo(TaskForm.Kind.PERCENT);
      assertThat(f.need()).isEqualTo(TaskForm.Need.IF_INDICATORS);
    });
    assertThat(rules.form("Task_SomethingElse")).isEmpty();
    assertThat(FormRules.acceptedDocuments()).isEqualTo(ACCEPTED);
    assertThat(FormRules.FRESH).containsExactlyInAnyOrder(Vars.APPROVED, Vars.ACCEPTED, Vars.RETURN_REASON, Vars.OVERDUE_ACTION,
        Vars.DECLINED, Vars.DECLINE_REASON);
  }

  // --- four-eyes, with Jospar's records stubbed

  @Test
  void whoSubmittedMayNotReviewAndWhoSubmittedOrApprovedMayNotAccept() {
    ReportService reports = mock(ReportService.class);
    when(reports.facts("pi-1")).thenReturn(Optional.of(new ReportService.Facts("4.8/2026-H2", "akimat-turkistan", false,
        "akimat-turkistan.official", "akimat-turkistan.supervisor")));
    FourEyes fourEyes = new FourEyes(reports, mock(Decisions.class));

    assertThat(fourEyes.check(ReportProcess.TASK_REVIEW_BY_SUPERVISOR, "pi-1", "akimat-turkistan.official")).get()
        .satisfies(e -> {
      assertThat(e.field()).isEqualTo(Vars.APPROVED);
      assertThat(e.message()).isEqualTo("you submitted this report; another supervisor of the body must review it");
      assertThat(Words.in(e.text(), RU))
          .isEqualTo("этот отчёт представили вы; рассмотреть его должен другой руководитель органа");
    });
    assertThat(fourEyes.check(ReportProcess.TASK_REVIEW_BY_SUPERVISOR, "pi-1", "akimat-turkistan.supervisor")).isEmpty();
    assertThat(fourEyes.check(ReportProcess.TASK_REVIEW_BY_COORDINATOR, "pi-1", "akimat-turkistan.supervisor")).get()
        .satisfies(e -> assertThat(e.field()).isEqualTo(Vars.ACCEPTED))
        .satisfies(e -> assertThat(Words.in(e.text(), KK))
            .isEqualTo("бұл есепті сіз ұсындыңыз немесе мақұлдадыңыз; оны басқа үйлестіруші қабылдауы керек"));
    assertThat(fourEyes.check(ReportProcess.TASK_REVIEW_BY_COORDINATOR, "pi-1", "akimat-turkistan.official")).isPresent();
    assertThat(fourEyes.check(ReportProcess.TASK_REVIEW_BY_COORDINATOR, "pi-1", "coordinator")).isEmpty();
    assertThat(fourEyes.check(ReportProcess.TASK_REVIEW_BY_COORDINATOR, "pi-unknown", "akimat-turkistan.official"))
        .as("no record of the report: nobody to keep out").isEmpty();
  }

  @Test
  void whoConsolidatedAPeriodMayNotCloseItAndOtherStepsAreNotFourEyes() {
    ReportService reports = mock(ReportService.class);
    Decisions decisions = mock(Decisions.class);
    when(decisions.lastActor("pi-9", ReportProcess.TASK_CONSOLIDATE_REPORTS)).thenReturn(Optional.of("coordinator"));
    FourEyes fourEyes = new FourEyes(reports, decisions);

    assertThat(fourEyes.check(ReportProcess.TASK_CLOSE_PERIOD, "pi-9", "coordinator")).get().satisfies(e -> {
      assertThat(e.field()).isEqualTo("task");
      // in each language; the English once showed a doubled quote ("period''s"): a message without arguments is plain text
      assertThat(e.message()).isEqualTo("you consolidated this period's reports; another coordinator must close it");
      assertThat(Words.in(e.text(), RU)).isEqualTo("вы свели отчёты этого периода; закрыть его должен другой координатор");
      assertThat(Words.in(e.text(), KK)).isEqualTo("осы кезеңнің есептерін сіз жинақтадыңыз; оны басқа үйлестіруші жабуы керек");
    });
    assertThat(fourEyes.check(ReportProcess.TASK_CLOSE_PERIOD, "pi-9", "coordinator2")).isEmpty();
    assertThat(fourEyes.check(ReportProcess.TASK_SUBMIT_REPORT, "pi-9", "coordinator")).isEmpty();
    assertThat(fourEyes.check(ReportProcess.TASK_REVIEW_BY_SUPERVISOR, "pi-9", null)).isEmpty();
    assertThat(fourEyes.check(ReportProcess.TASK_REVIEW_BY_SUPERVISOR, null, "coordinator")).isEmpty();
    verifyNoInteractions(reports);
  }
}
