package kz.jospar.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The monitor's exports from data in hand, without an application: the CSV (its header in the reader's language, a
 * byte-order mark for spreadsheets, quoting, a value that would be a formula made text, times in Astana's zone), the
 * annual report's XLSX (sheets and headings in the language, the report's lines, no formula from a person's text) and
 * its PDF (the same words, Cyrillic and Kazakh letters kept, the font embedded, an item's quota and an escalation in
 * its table, what an empty year says); the summary, indicators and discipline sheets cell by cell, line breaks and every
 * formula-leading character in the CSV. MonitorEndToEndIT and DisciplineIT download them.
 */
class ExportsTest {

  static final Locale RU = Locale.forLanguageTag("ru");
  static final Locale KK = Locale.forLanguageTag("kk");
  static final ZoneId ASTANA = ZoneId.of("Asia/Almaty");
  static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"click\")";

  static ResourceBundleMessageSource words() {
    ResourceBundleMessageSource source = new ResourceBundleMessageSource();
    source.setBasename("i18n/jospar");
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    return source;
  }

  static MonitorView.Line line(String body, String bodyName, String state, OffsetDateTime submitted, boolean late,
      Integer achieved) {
    return new MonitorView.Line("4.8/2026-H2", "4.8", "2026-H2", body, bodyName, state,
        OffsetDateTime.parse("2026-12-31T18:00:00+05:00"), submitted, late, late ? 1 : 0, 0, false, achieved, "qha-2022-2026",
        null, false, null);
  }

  static MonitorView view(List<MonitorView.Line> lines) {
    return new MonitorView(2026, List.of(2026), "ru", true, List.of(), List.of(), List.of(), List.of(), Map.of(), lines,
        List.of(), "qha-2022-2026", List.of(), null, null);
  }

  @Test
  void theCsvSpeaksTheReadersLanguageQuotesWhatMustBeAndNeverCarriesAFormula() {
    String csv = CsvExport.write(view(List.of(
        line("akimat-turkistan", "Акимат Туркестанской области", "accepted", OffsetDateTime.parse("2026-12-20T05:00:00Z"),
            false, 12),
        line("akimat-abai", "Akimat of \"Abai\", region", "submitted", OffsetDateTime.parse("2027-01-05T04:30:00Z"), true, null),
        line("akimat-astana", FORMULA, "open", null, false, null))), words(), RU, ASTANA);
    assertThat(csv)
        .startsWith("\uFEFFПункт,Период,body,Орган,state,Состояние,Срок,Представлен,В срок?,"
            + "Уровень эскалации,Возвраты,Достигнуто\r\n");
    List<String> lines = csv.lines().toList();
    assertThat(lines).hasSize(4);
    // 10:00 in Astana for 05:00 UTC; the body's state in words beside its code
    assertThat(lines.get(1)).isEqualTo("4.8,2026-H2,akimat-turkistan,Акимат Туркестанской области,accepted,принят,"
        + "31.12.2026 18:00,20.12.2026 10:00,в срок,0,0,12");
    assertThat(lines.get(2)).contains(",\"Akimat of \"\"Abai\"\", region\",").contains(",05.01.2027 09:30,с опозданием,1,0,");
    assertThat(lines.get(3)).contains(",\"'" + FORMULA.replace("\"", "\"\"") + "\",").endsWith(",,0,0,");
    assertThat(CsvExport.write(view(List.of()), words(), KK, ASTANA))
        .startsWith("\uFEFF" + words().getMessage("col.item", null, KK) + ",").doesNotContain("Пункт");
  }

  static ExecutionReport.Model model(Locale lang) {
    ResourceBundleMessageSource words = words();
    ExecutionReport.Entry entry = new ExecutionReport.Entry("II полугодие 2026 года", "Акимат Туркестанской области", "принят",
        "в срок", "31.12.2026 18:00", "20.12.2026 10:00", "Айгүл Серікова", 0, 1, 12, FORMULA, List.of("club-minutes.pdf"));
    Map<String, Integer> totals = new LinkedHashMap<>();
    totals.put("accepted", 1);
    totals.put("late", 0);
    Discipline.Figures figures = new Discipline.Figures(5, 4, 1, 80, new BigDecimal("2.0"), 2, 1, 2, 0, 1, 0, 0);
    Discipline.View discipline = new Discipline.View(figures,
        List.of(new Discipline.Line("akimat-turkistan", "Түркістан облысының әкімдігі", 1, figures)),
        List.of(new Discipline.Line("4.8", "Оснащение клубов", null, figures)), List.of(),
        List.of(new Discipline.Quarter(1, 0, 0, 0, null), new Discipline.Quarter(2, 0, 0, 0, null),
            new Discipline.Quarter(3, 0, 0, 0, null), new Discipline.Quarter(4, 5, 4, 1, 80)));
    return new ExecutionReport.Model(lang, 2026, words.getMessage("report.title", new Object[] {"2026"}, lang),
        words.getMessage("report.plan", null, lang), "generated", words.getMessage("report.scopeAll", null, lang), totals,
        List.of(new ExecutionReport.Item("4.8", "Оснащение клубов дружбы", null, 12, null, List.of(entry)),
            new ExecutionReport.Item("4.9", "Без отчётов", null, null, null, List.of())),
        List.of(new ExecutionReport.IndicatorRow(1, "Уровень доверия", "%", "80", "85")), words, discipline);
  }

  @Test
  void theAnnualXlsxHasItsSheetsAndHeadingsInTheLanguageAndKeepsAPersonsTextAsText() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    XlsxExport.write(model(RU), out);
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
      assertThat(book.getNumberOfSheets()).isEqualTo(4);
      assertThat(book.getSheetName(0)).isEqualTo("Сводка");
      assertThat(book.getSheetName(1)).isEqualTo("Исполнение по пунктам");
      assertThat(book.getSheetName(2)).isEqualTo("Целевые индикаторы");
      assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue())
          .isEqualTo("Годовой отчёт об исполнении Плана мероприятий за 2026 год");
      Sheet items = book.getSheetAt(1);
      assertThat(items.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Пункт");
      assertThat(items.getRow(0).getCell(12).getStringCellValue()).isEqualTo("Что сделано");
      assertThat(items.getRow(1).getCell(3).getStringCellValue()).isEqualTo("Акимат Туркестанской области");
      assertThat(items.getRow(1).getCell(8).getStringCellValue()).isEqualTo("Айгүл Серікова");
      assertThat(items.getRow(1).getCell(11).getNumericCellValue()).isEqualTo(12);
      assertThat(items.getRow(1).getCell(12).getCellType()).as("a person's text is never a formula").isEqualTo(CellType.STRING);
      assertThat(items.getRow(1).getCell(12).getStringCellValue()).isEqualTo(FORMULA);
      assertThat(items.getRow(1).getCell(13).getStringCellValue()).isEqualTo("club-minutes.pdf");
      assertThat(items.getRow(2).getCell(0).getStringCellValue()).as("an item without reports still has its line")
          .isEqualTo("4.9");
      Sheet discipline = book.getSheetAt(3);
      assertThat(discipline.getRow(1).getCell(0).getStringCellValue()).isEqualTo("4 отчёта из 5 сданы в срок");
      assertThat(discipline.getRow(4).getCell(1).getStringCellValue()).isEqualTo("Түркістан облысының әкімдігі");
    }
  }

  @Test
  void theAnnualPdfSaysTheSameInKazakhWithItsLettersKept() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PdfExport.write(model(KK), out);
    assertThat(out.toByteArray()).startsWith("%PDF-".getBytes());
    String text = pdfText(out.toByteArray());
    ResourceBundleMessageSource words = words();
    assertThat(text).contains(words.getMessage("report.title", new Object[] {"2026"}, KK).substring(0, 20))
        .contains("Түркістан облысының әкімдігі", "Айгүл Серікова", "4.8")
        .contains(words.getMessage("discipline.summary.many", new Object[] {4, 5}, KK));
    assertThat(words.getMessage("report.summary", null, KK)).isNotEqualTo("Сводка");
    assertThat(text).contains(words.getMessage("report.summary", null, KK));
  }

  /** The text of every page of a PDF, as a reader's copy-paste would give it. */
  static String pdfText(byte[] pdf) throws IOException {
    try (com.lowagie.text.pdf.PdfReader reader = new com.lowagie.text.pdf.PdfReader(pdf)) {
      com.lowagie.text.pdf.parser.PdfTextExtractor extractor = new com.lowagie.text.pdf.parser.PdfTextExtractor(reader);
      StringBuilder all = new StringBuilder();
      for (int page = 1; page <= reader.getNumberOfPages(); page++) {
        all.append(extractor.getTextFromPage(page)).append('\n');
      }
      return all.toString();
    }
  }

  // --- the CSV, line by line

  static MonitorView.Line named(String bodyName) {
    return line("akimat-turkistan", bodyName, "open", null, false, null);
  }

  static List<String> csvLines(String csv) {
    assertThat(csv).endsWith("\r\n");
    return List.of(csv.substring(1, csv.length() - 2).split("\r\n", -1));
  }

  @Test
  void everyLeadingFormulaCharacterIsMadeTextAndALineBreakInAValueIsQuoted() {
    List<String> lines = csvLines(CsvExport.write(view(List.of(named("+7 701"), named("-1"), named("@SUM(A1)"), named("=1+1"),
        named("line one\nline two"), named("a-b=c"))), words(), RU, ASTANA));
    assertThat(lines).hasSize(7);
    assertThat(lines.subList(1, 7)).extracting(l -> l.split(",", 5)[3])
        .containsExactly("'+7 701", "'-1", "'@SUM(A1)", "'=1+1", "\"line one\nline two\"", "a-b=c");
    assertThat(lines.get(1)).isEqualTo("4.8,2026-H2,akimat-turkistan,'+7 701,open,открыт,31.12.2026 18:00,,,0,0,");
  }

  @Test
  void anExtendedReportSaysSoBesideItsTimeliness() {
    MonitorView.Line late = new MonitorView.Line("4.8/2026-H2", "4.8", "2026-H2", "akimat-abai", "Абай", "submitted",
        OffsetDateTime.parse("2027-01-15T18:00:00+05:00"), OffsetDateTime.parse("2027-01-16T10:00:00+05:00"), true, 2, 3, false,
            0,
        "qha-2022-2026", null, true, null);
    MonitorView.Line waiting = new MonitorView.Line("4.8/2026-H2", "4.8", "2026-H2", "akimat-astana", "Астана", "open",
        OffsetDateTime.parse("2027-01-15T18:00:00+05:00"), null, false, 0, 0, false, null, "qha-2022-2026", null, true, null);
    List<String> kk = csvLines(CsvExport.write(view(List.of(late, waiting)), words(), KK, ASTANA));
    assertThat(kk.get(1)).isEqualTo("4.8,2026-H2,akimat-abai,Абай,submitted,ұсынылды,15.01.2027 18:00,16.01.2027 10:00,"
        + "кешіктірілді (мерзімі ұзартылды),2,3,0");
    assertThat(kk.get(2)).isEqualTo("4.8,2026-H2,akimat-astana,Астана,open,ашық,15.01.2027 18:00,, (мерзімі ұзартылды),0,0,");
  }

  @Test
  void theCsvHeaderIsInKazakhOrEnglishWithTheMachinesColumnsUnchanged() {
    assertThat(CsvExport.write(view(List.of()), words(), KK, ASTANA))
        .isEqualTo("\uFEFFТармақ,Кезең,body,Орган,state,Күйі,Мерзімі,"
        + "Ұсынылды,Мерзімінде ме?,Эскалация деңгейі,Қайтарулар,Орындалды\r\n");
    assertThat(CsvExport.write(view(List.of()), words(), Locale.ENGLISH, ASTANA))
        .isEqualTo("\uFEFFItem,Period,body,Body,state,State,"
        + "Due,Submitted,On time?,Escalation level,Returns,Achieved\r\n");
  }

  // --- the annual report

  static String cells(org.apache.poi.ss.usermodel.Row row) {
    List<String> values = new java.util.ArrayList<>();
    row.forEach(c -> values.add(c.toString()));
    return String.join(" | ", values);
  }

  @Test
  void theXlsxSummaryIndicatorsAndDisciplineSheetsCarryTheFiguresInWords() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    XlsxExport.write(model(RU), out);
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
      Sheet summary = book.getSheet("Сводка");
      assertThat(book.getFontAt(summary.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold()).as("the title is bold")
          .isTrue();
      assertThat(summary.getRow(1).getCell(0).getStringCellValue()).startsWith("План мероприятий на 2022–2026 годы");
      assertThat(summary.getRow(2).getCell(0).getStringCellValue()).isEqualTo("Все органы");
      assertThat(summary.getRow(4)).as("a blank line before the totals").isNull();
      assertThat(cells(summary.getRow(5))).isEqualTo("Состояние | Отчёты");
      assertThat(cells(summary.getRow(6))).isEqualTo("принят | 1.0");
      assertThat(cells(summary.getRow(7))).isEqualTo("с опозданием | 0.0");
      assertThat(summary.getRow(6).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);

      org.apache.poi.xssf.usermodel.XSSFSheet items = book.getSheet("Исполнение по пунктам");
      assertThat(cells(items.getRow(0)))
          .isEqualTo("Пункт | Наименование | Период | Орган | Состояние | В срок? | Срок | Представлен | "
          + "Кем представлен | Уровень эскалации | Возвраты | Достигнуто | Что сделано | Документы");
      assertThat(items.getPaneInformation().getHorizontalSplitTopRow()).as("the heading stays in view").isEqualTo((short) 1);
      assertThat(items.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:N3");
      assertThat(items.getRow(1).getCell(10).getNumericCellValue()).as("returns").isEqualTo(1);
      assertThat(items.getRow(2).getLastCellNum()).as("an item without reports: its number and name only").isEqualTo((short) 2);

      Sheet indicators = book.getSheet("Целевые индикаторы");
      assertThat(cells(indicators.getRow(0))).isEqualTo("№ | Показатель | Ед. изм. | Запланировано | Факт");
      assertThat(cells(indicators.getRow(1))).isEqualTo("1 | Уровень доверия | % | 80 | 85");

      Sheet discipline = book.getSheet("Исполнительская дисциплина");
      assertThat(cells(discipline.getRow(3)))
          .startsWith("Место | Орган | Подлежало сдаче | В срок | С опозданием | В срок, % | ");
      assertThat(cells(discipline.getRow(4)))
          .isEqualTo("1 | Түркістан облысының әкімдігі | 5 | 4 | 1 | 80 | 2.0 | 2 | 1 | 2 | 0 | 1 | 0 | 0");
      assertThat(cells(discipline.getRow(6))).isEqualTo("По пунктам");
      assertThat(cells(discipline.getRow(7))).as("no rank by items").startsWith("Пункт | Подлежало сдаче | ");
      assertThat(cells(discipline.getRow(8))).as("an item is its number and name").startsWith("4.8 Оснащение клубов | 5 | 4 | ");
      List<String> all = new java.util.ArrayList<>();
      discipline.forEach(r -> all.add(cells(r)));
      assertThat(all).contains("Динамика по кварталам", "I квартал | 0 | 0 | 0 | ", "IV квартал | 5 | 4 | 1 | 80%",
          "Квартал | Подлежало сдаче | В срок | С опозданием | В срок, %");
    }
  }

  @Test
  void theXlsxInKazakhNamesItsSheetsInKazakh() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    XlsxExport.write(model(KK), out);
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
      assertThat(List.of(book.getSheetName(0), book.getSheetName(1), book.getSheetName(2), book.getSheetName(3)))
          .containsExactly("Жиынтық", "Тармақтар бойынша орындалуы", "Нысаналы индикаторлар", "Атқарушылық тәртіп");
      assertThat(book.getSheetAt(1).getRow(0).getCell(0).getStringCellValue()).isEqualTo("Тармақ");
      assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue())
          .isEqualTo("Іс-шаралар жоспарының 2026 жылғы орындалуы туралы жылдық есеп");
    }
  }

  @Test
  void thePdfOfAYearWithoutReportsSaysSoAndEmbedsItsFont() throws IOException {
    ResourceBundleMessageSource words = words();
    Discipline.Figures none = new Discipline.Figures(0, 0, 0, 0, BigDecimal.ZERO, 0, 0, 0, 0, 0, 0, 0);
    ExecutionReport.Model empty = new ExecutionReport.Model(RU, 2026, words.getMessage("report.title", new Object[] {"2026"}, RU),
        words.getMessage("report.plan", null, RU), "generated", "Все органы", Map.of(),
        List.of(new ExecutionReport.Item("4.9", "Без отчётов", null, null, null, List.of())), List.of(), words,
        new Discipline.View(none, List.of(), List.of(), List.of(), List.of()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PdfExport.write(empty, out);
    String text = pdfText(out.toByteArray()).replaceAll("\\s+", " ");
    assertThat(text).contains("За этот год отчётов ещё нет.", "Отчётов, срок сдачи которых наступил, пока нет.", "0 отчётов из 0")
        .doesNotContain("Без отчётов");
    assertThat(new String(out.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("LiberationSans");
  }

  @Test
  void thePdfHeadsEachItemWithItsQuotaAndMarksAnEscalatedReport() throws IOException {
    ResourceBundleMessageSource words = words();
    ExecutionReport.Entry escalated = new ExecutionReport.Entry("2026 год", "Акимат области Абай", "просрочен", "не представлен",
        "31.12.2026 18:00", "", "", 2, 0, null, "", List.of());
    ExecutionReport.Model m = model(RU);
    ExecutionReport.Model quota = new ExecutionReport.Model(RU, 2026, m.title(), m.plan(), m.generated(), m.scope(), m.totals(),
        List.of(new ExecutionReport.Item("4.8", "Оснащение клубов дружбы", 20, 12, "клубов", List.of(escalated))), m.indicators(),
            words,
        m.discipline());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PdfExport.write(quota, out);
    String flat = pdfText(out.toByteArray()).replaceAll("\\s+", "");
    assertThat(flat).contains("4.8.Оснащениеклубовдружбы(Достигнуто12/Запланировано20клубов)")
        .contains("просрочен(Уровеньэскалации2)", "АкиматобластиАбай", "непредставлен");
  }
}
