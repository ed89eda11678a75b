package kz.jospar.completion;




import kz.jospar.language.FieldError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import kz.jospar.completion.DocumentTypes.Checked;
import kz.jospar.language.Words;
import kz.jospar.reporting.CycleProperties;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.reporting.ReportProcess.Vars;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.util.unit.DataSize;

/** A document is accepted by what its bytes are, and only when that is what its name claims. */
class DocumentTypesTest {

  private static final String DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
  private static final String XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

  // --- accepted: the content is the kind the name says

  @Test
  void aMinimalPdfNamedPdfIsAcceptedAsPdf() {
    assertAccepted(DocumentTypes.check("report.pdf", pdf()), DocumentTypes.PDF);
  }

  @Test
  void aPngFromImageIoIsAcceptedAsPng() throws IOException {
    assertAccepted(DocumentTypes.check("photo.png", image("png")), DocumentTypes.PNG);
  }

  @Test
  void aJpegIsAcceptedUnderBothItsExtensions() throws IOException {
    byte[] jpeg = image("jpg");

    assertAccepted(DocumentTypes.check("photo.jpg", jpeg), DocumentTypes.JPEG);
    assertAccepted(DocumentTypes.check("PHOTO.JPEG", jpeg), DocumentTypes.JPEG);
  }

  @Test
  void anOoxmlWordPackageIsAcceptedAsDocx() throws IOException {
    assertAccepted(DocumentTypes.check("report.docx", docx()), DocumentTypes.DOCX);
  }

  @Test
  void aWordPackageWhoseContentTypesComeLastIsStillRecognised() throws IOException {
    // Tika's magic sees only a ZIP here: the kind is read from inside, not taken from the name
    byte[] docx = zip(false, Map.entry("word/document.xml", "<w:document/>"), Map.entry("[Content_Types].xml", contentTypes(DOCX_MAIN)));

    assertAccepted(DocumentTypes.check("report.docx", docx), DocumentTypes.DOCX);
  }

  @Test
  void anOoxmlSpreadsheetPackageIsAcceptedAsXlsx() throws IOException {
    assertAccepted(DocumentTypes.check("figures.xlsx", xlsx()), DocumentTypes.XLSX);
  }

  @Test
  void aWorkbookWrittenByPoiIsAcceptedAsXlsx() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      workbook.createSheet("figures").createRow(0).createCell(0).setCellValue(42);
      workbook.write(out);
    }

    assertAccepted(DocumentTypes.check("figures.xlsx", out.toByteArray()), DocumentTypes.XLSX);
  }

  @Test
  void anOdfTextWithItsMimetypeEntryIsAcceptedAsOdt() throws IOException {
    assertAccepted(DocumentTypes.check("minutes.odt", odf(DocumentTypes.ODT)), DocumentTypes.ODT);
  }

  @Test
  void anOdfSpreadsheetIsAcceptedAsOds() throws IOException {
    assertAccepted(DocumentTypes.check("register.ods", odf(DocumentTypes.ODS)), DocumentTypes.ODS);
  }

  @Test
  void anOle2FileWithAWordDocumentStreamIsAcceptedAsDoc() throws IOException {
    assertAccepted(DocumentTypes.check("old.doc", ole2("WordDocument")), DocumentTypes.DOC);
  }

  @Test
  void anExcel97WorkbookWrittenByPoiIsAcceptedAsXls() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (HSSFWorkbook workbook = new HSSFWorkbook()) {
      workbook.createSheet("figures");
      workbook.write(out);
    }

    assertAccepted(DocumentTypes.check("old.xls", out.toByteArray()), DocumentTypes.XLS);
  }

  // --- refused: the content is not what the name says

  @Test
  void aWindowsProgramNamedPdfIsRefusedAsAProgram() {
    Checked checked = DocumentTypes.check("report.pdf", windowsProgram());

    assertRefused(checked, "application/x-msdownload", "content.program");
    assertThat(Words.english(Words.of(checked.problem(), checked.args())))
        .isEqualTo("'report.pdf' is not what its name says: its content is a Windows program; accepted: "
            + "doc, docx, jpeg, jpg, ods, odt, pdf, png, xls, xlsx");
  }

  @Test
  void aWindowsProgramNamedDocxIsRefused() {
    assertRefused(DocumentTypes.check("report.docx", windowsProgram()), "application/x-msdownload", "content.program");
  }

  @Test
  void aPlainZipNamedDocxIsRefusedAsAZipArchiveThoughTikaAloneTakesTheName() throws IOException {
    byte[] plainZip = zip(false, Map.entry("notes.txt", "hello"));

    Checked checked = DocumentTypes.check("report.docx", plainZip);

    assertRefused(checked, "application/zip", "content.zip");
  }

  @Test
  void aPlainZipNamedOdtIsRefused() throws IOException {
    assertRefused(DocumentTypes.check("minutes.odt", zip(false, Map.entry("notes.txt", "hello"))), "application/zip", "content.zip");
  }

  @Test
  void plainTextNamedPdfIsRefusedAsText() {
    byte[] text = "This is not a PDF, only words.\n".getBytes(StandardCharsets.UTF_8);

    assertRefused(DocumentTypes.check("report.pdf", text), "text/plain", "content.text");
  }

  @Test
  void bytesOfNoKnownKindNamedPdfAreRefusedThoughTikaWithTheNameSaysPdf() {
    byte[] noise = new byte[64];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (byte) (i * 7 + 1);
    }

    assertRefused(DocumentTypes.check("report.pdf", noise), "application/octet-stream", "content.unknown");
  }

  @Test
  void aRealPdfNamedDocxIsRefusedAsAPdf() throws IOException {
    assertRefused(DocumentTypes.check("report.docx", pdf()), DocumentTypes.PDF, "content.pdf");
  }

  @Test
  void aSpreadsheetNamedDocxIsRefusedAsASpreadsheet() throws IOException {
    assertRefused(DocumentTypes.check("report.docx", xlsx()), DocumentTypes.XLSX, "content.xlsx");
  }

  @Test
  void anOdfTextNamedOdsIsRefused() throws IOException {
    assertRefused(DocumentTypes.check("register.ods", odf(DocumentTypes.ODT)), DocumentTypes.ODT, "content.odt");
  }

  @Test
  void anOle2FileWithNeitherWordNorExcelStreamNamedDocIsRefused() throws IOException {
    // an installer (.msi) is such a file, and tika-core alone would call it msword by its name
    assertRefused(DocumentTypes.check("old.doc", ole2("SummaryInformation")), "application/x-tika-msoffice", "content.ole2");
  }

  @Test
  void anExcel97WorkbookNamedDocIsRefused() throws IOException {
    assertRefused(DocumentTypes.check("old.doc", ole2("Workbook")), DocumentTypes.XLS, "content.xls");
  }

  @Test
  void aZipThatInflatesPastTheLimitBeforeItsContentTypesIsRefusedUnread() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("padding.bin"));
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < 65; i++) {
        zip.write(zeros);
      }
      zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
      zip.write(contentTypes(DOCX_MAIN).getBytes(StandardCharsets.UTF_8));
    }

    assertRefused(DocumentTypes.check("report.docx", out.toByteArray()), "application/zip", "content.zip");
  }

  @Test
  void anExtensionNotAcceptedIsRefusedByNameWhateverTheContent() {
    Checked checked = DocumentTypes.check("report.exe", pdf());

    assertThat(checked.problem()).isEqualTo("form.document.type");
    assertThat(checked.args()).containsExactly("report.exe", DocumentTypes.ACCEPTED);
  }

  @Test
  void everyRefusalReadsInKazakhAndRussianToo() {
    Checked checked = DocumentTypes.check("report.pdf", windowsProgram());
    MessageSourceResolvable words = Words.of(checked.problem(), checked.args());

    assertThat(Words.in(words, Locale.forLanguageTag("kk")))
        .isEqualTo("«report.pdf» файлының мазмұны оның кеңейтіміне сәйкес келмейді: бұл — Windows бағдарламасы; қабылданатындар: "
            + DocumentTypes.ACCEPTED);
    assertThat(Words.in(words, Locale.forLanguageTag("ru")))
        .isEqualTo("содержимое файла «report.pdf» не соответствует его расширению: это программа Windows; допустимы: "
            + DocumentTypes.ACCEPTED);
  }

  // --- the File variable keeps its name and bytes and takes the checked type

  @Test
  void aCheckedFileValueCarriesTheDetectedTypeInsteadOfTheUploaders() throws IOException {
    byte[] pdf = pdf();
    FileValue uploaded = Variables.fileValue("report.pdf").file(pdf).mimeType("text/html").encoding("UTF-8").create();

    FileValue stored = DocumentTypes.withCheckedType(uploaded, DocumentTypes.check(uploaded));

    assertThat(stored.getMimeType()).isEqualTo(DocumentTypes.PDF);
    assertThat(stored.getEncoding()).isNull();
    assertThat(stored.getFilename()).isEqualTo("report.pdf");
    assertThat(stored.getValue().readAllBytes()).isEqualTo(pdf);
  }

  @Test
  void aRefusedFileValueIsNotRebuiltWithAnyType() {
    FileValue uploaded = Variables.fileValue("report.pdf").file(windowsProgram()).mimeType("application/pdf").create();
    Checked refused = DocumentTypes.check(uploaded);

    assertThatThrownBy(() -> DocumentTypes.withCheckedType(uploaded, refused)).isInstanceOf(IllegalArgumentException.class);
  }

  // --- the form rules turn a refusal into the field's error

  @Test
  void aProgramNamedReportPdfIsTheReportDocumentFieldsError() {
    FormRules rules = rules();
    Map<String, FieldValue> values = submittedReport(DocumentTypes.document("report.pdf", windowsProgram()));

    List<FieldError> errors = rules.check(ReportProcess.TASK_SUBMIT_REPORT, values::get);

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).field()).isEqualTo(Vars.REPORT_DOCUMENT);
    assertThat(errors.get(0).text().getCodes()).containsExactly("form.document.content");
    assertThat(errors.get(0).message()).contains("'report.pdf'", "a Windows program", DocumentTypes.ACCEPTED);
  }

  @Test
  void aRealPdfNamedReportPdfPassesTheFormRules() {
    Map<String, FieldValue> values = submittedReport(DocumentTypes.document("report.pdf", pdf()));

    assertThat(rules().check(ReportProcess.TASK_SUBMIT_REPORT, values::get)).isEmpty();
  }

  @Test
  void aDocumentGivenBySizeOnlyIsStillJudgedByItsName() {
    FormRules rules = rules();

    List<FieldError> byAcceptedName = rules.check(ReportProcess.TASK_SUBMIT_REPORT,
        submittedReport(new FieldValue.Document("report.pdf", 100))::get);
    List<FieldError> byOtherName = rules.check(ReportProcess.TASK_SUBMIT_REPORT,
        submittedReport(new FieldValue.Document("report.exe", 100))::get);

    assertThat(byAcceptedName).isEmpty();
    assertThat(byOtherName).singleElement().satisfies(e -> {
      assertThat(e.field()).isEqualTo(Vars.REPORT_DOCUMENT);
      assertThat(e.text().getCodes()).containsExactly("form.document.type");
    });
  }

  // --- helpers

  private static void assertAccepted(Checked checked, String mimeType) {
    assertThat(checked.problem()).as("problem").isNull();
    assertThat(checked.accepted()).isTrue();
    assertThat(checked.mimeType()).isEqualTo(mimeType);
  }

  private static void assertRefused(Checked checked, String detected, String contentWords) {
    assertThat(checked.accepted()).isFalse();
    assertThat(checked.problem()).isEqualTo("form.document.content");
    assertThat(checked.mimeType()).isEqualTo(detected);
    assertThat(checked.args()).hasSize(3);
    assertThat(checked.args()[1]).isInstanceOfSatisfying(MessageSourceResolvable.class,
        w -> assertThat(w.getCodes()).containsExactly(contentWords));
    assertThat(checked.args()[2]).isEqualTo(DocumentTypes.ACCEPTED);
  }

  /** FormRules with the release's catalog (the close-period form lists its target indicators). */
  private static FormRules rules() {
    return new FormRules(kz.jospar.catalog.CatalogLoader.load(new org.springframework.core.io.ClassPathResource("catalog/bodies.yaml"),
        new org.springframework.core.io.ClassPathResource("catalog/plan-2022-2026.yaml")),
        new CycleProperties(null, null, null, 0, 0, 0, null, DataSize.ofMegabytes(10)));
  }

  private static Map<String, FieldValue> submittedReport(FieldValue.Document document) {
    Map<String, FieldValue> values = new HashMap<>();
    values.put(Vars.REPORT_TEXT, new FieldValue.Text("Equipment delivered to both clubs."));
    values.put(Vars.REPORT_DOCUMENT, document);
    return values;
  }

  /** A small PDF with a catalog, one page and a correct cross-reference table. */
  private static byte[] pdf() {
    String[] objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"};
    StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
    StringBuilder xref = new StringBuilder("xref\n0 " + (objects.length + 1) + "\n0000000000 65535 f \n");
    for (int i = 0; i < objects.length; i++) {
      xref.append(String.format("%010d 00000 n \n", pdf.length()));
      pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
    }
    int start = pdf.length();
    pdf.append(xref).append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
        .append(start).append("\n%%EOF\n");
    return pdf.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] image(String format) throws IOException {
    BufferedImage picture = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    picture.setRGB(3, 3, 0x3366cc);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(picture, format, out)).as("ImageIO writes " + format).isTrue();
    return out.toByteArray();
  }

  /** DOS header whose e_lfanew (0x3c) points at a "PE\0\0" signature: what Windows runs. */
  private static byte[] windowsProgram() {
    byte[] exe = new byte[512];
    exe[0] = 'M';
    exe[1] = 'Z';
    exe[0x3c] = (byte) 0x80;
    exe[0x80] = 'P';
    exe[0x81] = 'E';
    return exe;
  }

  private static String contentTypes(String mainPart) {
    String part = mainPart.equals(DOCX_MAIN) ? "/word/document.xml" : "/xl/workbook.xml";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"" + part + "\" ContentType=\"" + mainPart + "\"/></Types>";
  }

  private static String rootRelationships(String target) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
        + " Target=\"" + target + "\"/></Relationships>";
  }

  private static byte[] docx() throws IOException {
    return zip(false, Map.entry("[Content_Types].xml", contentTypes(DOCX_MAIN)), Map.entry("_rels/.rels", rootRelationships("word/document.xml")),
        Map.entry("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + "<w:body><w:p><w:r><w:t>Report</w:t></w:r></w:p></w:body></w:document>"));
  }

  private static byte[] xlsx() throws IOException {
    return zip(false, Map.entry("[Content_Types].xml", contentTypes(XLSX_MAIN)), Map.entry("_rels/.rels", rootRelationships("xl/workbook.xml")),
        Map.entry("xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets/></workbook>"));
  }

  /** An ODF package: its first entry "mimetype", stored uncompressed, names its kind. */
  private static byte[] odf(String mimeType) throws IOException {
    return zip(true, Map.entry("mimetype", mimeType), Map.entry("content.xml", "<office:document-content/>"),
        Map.entry("META-INF/manifest.xml", "<manifest:manifest/>"));
  }

  @SafeVarargs
  private static byte[] zip(boolean firstStored, Map.Entry<String, String>... entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (int i = 0; i < entries.length; i++) {
        byte[] content = entries[i].getValue().getBytes(StandardCharsets.UTF_8);
        ZipEntry entry = new ZipEntry(entries[i].getKey());
        if (i == 0 && firstStored) {
          CRC32 crc = new CRC32();
          crc.update(content);
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(content.length);
          entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /** An OLE2 compound file holding one stream of the given name. */
  private static byte[] ole2(String stream) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      fs.createDocument(new ByteArrayInputStream(new byte[4096]), stream);
      fs.writeFilesystem(out);
    }
    return out.toByteArray();
  }
}
