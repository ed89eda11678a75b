package kz.jospar.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.jospar.catalog.CatalogLoader;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.language.FieldError;
import kz.jospar.language.Words;
import kz.jospar.reporting.CycleProperties;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.reporting.ReportProcess.Vars;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

/**
 * The completion rules of each task's form, without an engine: what each form needs and when (a declining body, a
 * quota, a return, indicators), the types and bounds of each kind of field, and the words a person reads — the field,
 * what is wrong and what would be accepted, in Kazakh, Russian and English. TaskCompletionGuard applies them on every
 * door; SealedBodiesIT and DeskFormsIT send them through HTTP.
 */
class FormRulesTest {

  static FormRules rules;

  @BeforeAll
  static void load() {
    PlanCatalog catalog = CatalogLoader.load(new ClassPathResource("catalog/bodies.yaml"),
        new ClassPathResource("catalog/plan-2022-2026.yaml"));
    rules = new FormRules(catalog, new CycleProperties(ZoneId.of("Asia/Almaty"), LocalTime.of(18, 0), Duration.ofDays(30), 3, 5, 5,
        "0 0 6 * * ?", DataSize.ofMegabytes(10)));
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
    assertThat(text.message()).isEqualTo(Words.english(FieldError.words("form.text.required", 4000)));
    assertThat(Words.in(text.text(), Locale.forLanguageTag("ru"))).isEqualTo("обязательно: текст не длиннее 4000 символов");
    assertThat(Words.in(errors.get(1).text(), Locale.forLanguageTag("ru"))).startsWith("обязательно: документ (").endsWith(") не более 10 МБ");
    assertThat(Words.in(text.text(), Locale.forLanguageTag("kk"))).isNotBlank()
        .isNotEqualTo(Words.in(text.text(), Locale.forLanguageTag("ru"))).isNotEqualTo(text.message());
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, values(Vars.REPORT_TEXT, text("Клубтар жабдықталды"), Vars.REPORT_DOCUMENT, pdf(2048))))
        .isEmpty();
  }

  @Test
  void aBlankTextIsNoTextAndAnOverlongOneSaysBothLengths() {
    assertThat(fields(check(ReportProcess.TASK_SUBMIT_REPORT, values(Vars.REPORT_TEXT, text("   "), Vars.REPORT_DOCUMENT, pdf(10)))))
        .containsExactly(Vars.REPORT_TEXT);
    List<FieldError> tooLong = check(ReportProcess.TASK_SUBMIT_REPORT,
        values(Vars.REPORT_TEXT, text("x".repeat(4001)), Vars.REPORT_DOCUMENT, pdf(10)));
    assertThat(tooLong).singleElement().satisfies(e -> assertThat(Words.in(e.text(), Locale.forLanguageTag("ru")))
        .isEqualTo("не более 4000 символов, получено 4001"));
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, values(Vars.REPORT_TEXT, text("x".repeat(4000)), Vars.REPORT_DOCUMENT, pdf(10))))
        .isEmpty();
  }

  @Test
  void aDocumentMustBeAnAcceptedKindNotEmptyAndWithinTheLimit() {
    long limit = DataSize.ofMegabytes(10).toBytes();
    assertThat(rules.maxDocumentBytes()).isEqualTo(limit);
    Map<String, FieldValue> report = values(Vars.REPORT_TEXT, text("done"));
    report.put(Vars.REPORT_DOCUMENT, pdf(limit + 1));
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, report)).singleElement()
        .satisfies(e -> assertThat(Words.in(e.text(), Locale.forLanguageTag("ru")))
            .isEqualTo("файл весит " + (limit + 1) + " байт; принимается не более " + limit + " байт (10 МБ)"));
    report.put(Vars.REPORT_DOCUMENT, pdf(limit));
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, report)).isEmpty();
    report.put(Vars.REPORT_DOCUMENT, pdf(0));
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, report)).singleElement()
        .satisfies(e -> assertThat(Words.in(e.text(), Locale.forLanguageTag("ru"))).isEqualTo("файл пустой"));
    report.put(Vars.REPORT_DOCUMENT, new FieldValue.Document("setup.exe", 100));
    assertThat(check(ReportProcess.TASK_SUBMIT_REPORT, report)).singleElement()
        .satisfies(e -> assertThat(Words.in(e.text(), Locale.forLanguageTag("ru"))).startsWith("«setup.exe» — недопустимый тип документа"));
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
        .satisfies(e -> assertThat(Words.in(e.text(), Locale.forLanguageTag("ru"))).isEqualTo("обязательно: одобрить или вернуть"));
    assertThat(check(ReportProcess.TASK_REVIEW_BY_SUPERVISOR, values(Vars.APPROVED, new FieldValue.Bool(true)))).isEmpty();
    assertThat(fields(check(ReportProcess.TASK_REVIEW_BY_SUPERVISOR, values(Vars.APPROVED, new FieldValue.Bool(false)))))
        .containsExactly(Vars.RETURN_REASON);
    assertThat(check(ReportProcess.TASK_REVIEW_BY_COORDINATOR,
        values(Vars.ACCEPTED, new FieldValue.Bool(false), Vars.RETURN_REASON, text("the minutes are unsigned")))).isEmpty();
    assertThat(check(ReportProcess.TASK_REVIEW_BY_COORDINATOR, values(Vars.ACCEPTED, text("yes")))).singleElement()
        .satisfies(e -> assertThat(Words.in(e.text(), Locale.forLanguageTag("ru"))).isEqualTo("ожидается «да» или «нет», получено: текст «yes»"));
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
        .satisfies(e -> assertThat(Words.in(e.text(), Locale.forLanguageTag("ru"))).isEqualTo("должно быть от 0 до 100, получено 101"));
    closing.put(first, new FieldValue.Num(BigDecimal.valueOf(100)));
    assertThat(check(ReportProcess.TASK_CLOSE_PERIOD, closing)).extracting(FieldError::field).doesNotContain(first);
  }

  @Test
  void aCompletionMayCarryOnlyItsFormsFieldsAndATaskWithoutAFormIsNotJudged() {
    assertThat(rules.fields(ReportProcess.TASK_SUBMIT_REPORT))
        .containsExactlyInAnyOrder(Vars.REPORT_TEXT, Vars.ACHIEVED_COUNT, Vars.REPORT_DOCUMENT, Vars.DECLINED, Vars.DECLINE_REASON)
        .doesNotContain(Vars.BY_AGREEMENT, Vars.QUOTA_COUNT);
    assertThat(rules.fields(ReportProcess.TASK_PREPARE_SESSION)).containsExactlyInAnyOrder(Vars.SESSION_PLAN, Vars.SESSION_DATE);
    assertThat(rules.governs("Task_SomethingElse")).isFalse();
    assertThat(rules.fields("Task_SomethingElse")).isEmpty();
    assertThat(check("Task_SomethingElse", values())).isEmpty();
    assertThat(fields(check(ReportProcess.TASK_PREPARE_SESSION, values(Vars.SESSION_PLAN, text("plan"), Vars.SESSION_DATE,
        text("2026-11-20"))))).as("a date given as text").containsExactly(Vars.SESSION_DATE);
  }
}
