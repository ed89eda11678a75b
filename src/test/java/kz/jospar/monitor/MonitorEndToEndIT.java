package kz.jospar.monitor;

import static kz.jospar.support.Steps.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kz.jospar.catalog.Body;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.support.EmbeddedPostgresSupport;
import kz.jospar.support.Steps;
import kz.jospar.support.WebappSession;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The plan monitor on a real PostgreSQL, through HTTP as the browser calls it (the webapps' login
 * session): the coordinator sees every body, a supervisor only their own, refusals come in the
 * reader's language, the exports read right in Kazakh and Russian, the language choice is kept.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=false", "jospar.demo.allow-any-database=true"})
@ActiveProfiles({"demo", "postgres"})
class MonitorEndToEndIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresSupport.register(registry, "jospar_monitor");
  }

  static final String PDF = Base64.getEncoder().encodeToString("%PDF-1.4 minutes".getBytes());
  static final String TURKISTAN = "akimat-turkistan";

  @Autowired TestRestTemplate http;
  @Autowired PlanCatalog catalog;
  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void clock() {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-11-16T10:00:00+05:00").toInstant()));
  }

  /**
   * The monitor over one year's reports: each step goes on from the reports the steps before submitted and
   * decided, so they are steps of one test, in order.
   */
  @TestFactory
  Stream<DynamicTest> theMonitorOverOneYearsReports() {
    return Steps.inOrder(this::clock, this::resetClock,
        step("without the webapp login a page goes to login and data is refused", this::withoutTheWebappLoginAPageGoesToLoginAndDataIsRefused),
        step("the coordinator sees every body of the year and the steps of one report", this::theCoordinatorSeesEveryBodyOfTheYearAndTheStepsOfOneReport),
        step("a supervisor sees only their body and is refused others in their language", this::aSupervisorSeesOnlyTheirBodyAndIsRefusedOthersInTheirLanguage),
        step("the annual report reads in kazakh and russian with what was done by whom and its document", this::theAnnualReportReadsInKazakhAndRussianWithWhatWasDoneByWhomAndItsDocument),
        step("a language chosen is kept and a change needs its token", this::aLanguageChosenIsKeptAndAChangeNeedsItsToken),
        step("a refused form speaks the persons language", this::aRefusedFormSpeaksThePersonsLanguage));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  void withoutTheWebappLoginAPageGoesToLoginAndDataIsRefused() throws Exception {
    WebappSession anonymous = new WebappSession(port);
    HttpResponse<String> page = anonymous.get("/jospar/monitor.html", "text/html");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/jospar/sign-in?to=%2Fjospar%2Fmonitor.html");
    HttpResponse<String> data = anonymous.get("/jospar/monitor/data?year=2026", "application/json");
    assertThat(data.statusCode()).isEqualTo(401);
    assertThat(data.body()).contains("Sign in first: at /jospar/sign-in");
  }

  void theCoordinatorSeesEveryBodyOfTheYearAndTheStepsOfOneReport() throws Exception {
    open("4.8", "2026-H2");
    String submit = taskOf(TURKISTAN + ".official");
    complete(TURKISTAN + ".official", submit, Map.of("reportText", text("Мәміле клубтары жабдықталды"),
        "reportDocument", file("club-minutes.pdf")));
    complete(TURKISTAN + ".supervisor", taskOf(TURKISTAN + ".supervisor"), Map.of("approved", Map.of("value", true, "type", "Boolean")));

    WebappSession coordinator = new WebappSession(port).login("coordinator", "demo");
    JsonNode view = data(coordinator, "/jospar/monitor/data?year=2026&row=4.8");
    assertThat(view.get("wholePlan").asBoolean()).isTrue();
    assertThat(view.get("lang").asText()).isEqualTo("kk");
    assertThat(view.get("reports")).hasSize(20);
    assertThat(view.get("heatMap")).hasSize(20);
    assertThat(view.get("totals").get("approved").asInt()).isEqualTo(1);
    assertThat(view.get("totals").get("open").asInt()).isEqualTo(19);
    assertThat(view.get("totals").get("onTime").asInt()).isEqualTo(1);
    JsonNode row = view.get("rows").get(0);
    assertThat(row.get("number").asText()).isEqualTo("4.8");
    assertThat(row.get("name").asText()).isEqualTo(catalog.row("4.8").orElseThrow().name().kk());
    assertThat(view.get("indicators")).hasSize(catalog.indicators().size());

    JsonNode approved = data(coordinator, "/jospar/monitor/data?year=2026&state=approved&lang=ru");
    assertThat(approved.get("reports")).singleElement().satisfies(r -> {
      assertThat(r.get("body").asText()).isEqualTo(TURKISTAN);
      assertThat(r.get("bodyName").asText()).isEqualTo(body(TURKISTAN).name().ru());
    });
  }

  void aSupervisorSeesOnlyTheirBodyAndIsRefusedOthersInTheirLanguage() throws Exception {
    WebappSession supervisor = new WebappSession(port).login(TURKISTAN + ".supervisor", "demo");
    JsonNode view = data(supervisor, "/jospar/monitor/data?year=2026");
    assertThat(view.get("wholePlan").asBoolean()).isFalse();
    assertThat(view.get("reports")).isNotEmpty().allSatisfy(r -> assertThat(r.get("body").asText()).isEqualTo(TURKISTAN));
    assertThat(view.get("bodies")).singleElement().satisfies(b -> assertThat(b.get("code").asText()).isEqualTo(TURKISTAN));

    HttpResponse<String> other = supervisor.get("/jospar/monitor/data?year=2026&body=akimat-astana&lang=ru", "application/json");
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(json.readTree(other.body()).get("message").asText()).isEqualTo("body: орган 'akimat-astana' не ваш: вам доступны только " + TURKISTAN);
    HttpResponse<String> badYear = supervisor.get("/jospar/monitor/data?year=2031&lang=kk", "application/json");
    assertThat(badYear.statusCode()).isEqualTo(400);
    assertThat(json.readTree(badYear.body()).get("message").asText()).isEqualTo("year: 2031 жыл Жоспардың 2022–2026 жылдарына кірмейді");
    HttpResponse<byte[]> otherExport = supervisor.download("/jospar/monitor/annual-report.xlsx?year=2026&body=akimat-astana");
    assertThat(otherExport.statusCode()).isEqualTo(403);
  }

  void theAnnualReportReadsInKazakhAndRussianWithWhatWasDoneByWhomAndItsDocument() throws Exception {
    WebappSession coordinator = new WebappSession(port).login("coordinator", "demo");
    HttpResponse<byte[]> kk = coordinator.download("/jospar/monitor/annual-report.xlsx?year=2026&lang=kk");
    assertThat(kk.statusCode()).isEqualTo(200);
    assertThat(kk.headers().firstValue("Content-Disposition").orElseThrow()).contains("jospar-annual-report-2026-kk.xlsx");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(kk.body()))) {
      assertThat(book.getSheetName(0)).isEqualTo("Жиынтық");
      Sheet items = book.getSheet("Тармақтар бойынша орындалуы");
      assertThat(items.getRow(0).getCell(12).getStringCellValue()).isEqualTo("Не атқарылды");
      List<String> turkistan = cells(items, body(TURKISTAN).name().kk());
      assertThat(turkistan).contains("4.8", "басшы мақұлдады", "мерзімінде", "Мәміле клубтары жабдықталды", "club-minutes.pdf",
          TURKISTAN + ".official");
      assertThat(book.getSheet("Нысаналы индикаторлар").getPhysicalNumberOfRows()).isEqualTo(1 + catalog.indicators().size());
    }
    HttpResponse<byte[]> ru = coordinator.download("/jospar/monitor/annual-report.xlsx?year=2026&lang=ru");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(ru.body()))) {
      assertThat(book.getSheetName(0)).isEqualTo("Сводка");
      assertThat(cells(book.getSheet("Исполнение по пунктам"), body(TURKISTAN).name().ru())).contains("одобрен руководителем", "в срок");
    }

    HttpResponse<byte[]> pdf = coordinator.download("/jospar/monitor/annual-report.pdf?year=2026&lang=kk");
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
    com.lowagie.text.pdf.PdfReader reader = new com.lowagie.text.pdf.PdfReader(pdf.body());
    String first = new com.lowagie.text.pdf.parser.PdfTextExtractor(reader).getTextFromPage(1);
    assertThat(first).contains("2026 жылғы орындалуы туралы жылдық есеп").contains("Мәміле клубтары жабдықталды");
    reader.close();

    HttpResponse<byte[]> csv = coordinator.download("/jospar/monitor/status.csv?year=2026&row=4.8&lang=ru");
    String text = new String(csv.body(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFFПункт,Период,body,Орган,state,Состояние,");
    assertThat(text.split("\r\n")).hasSize(21);
    assertThat(text).contains("4.8,2026-H2," + TURKISTAN + ",").contains(",approved,одобрен руководителем,");
  }

  void aLanguageChosenIsKeptAndAChangeNeedsItsToken() throws Exception {
    WebappSession official = new WebappSession(port).login(TURKISTAN + ".official", "demo");
    assertThat(json.readTree(official.get("/jospar/me/settings", "application/json").body()).has("locale")).isFalse();
    assertThat(official.putJson("/jospar/me/settings", "{\"locale\":\"ru\"}", false).statusCode()).isEqualTo(403);
    HttpResponse<String> bad = official.putJson("/jospar/me/settings", "{\"locale\":\"de\"}", true);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json.readTree(bad.body()).get("message").asText()).isEqualTo("locale: expected one of kk, ru, en; got 'de'");
    HttpResponse<String> saved = official.putJson("/jospar/me/settings", "{\"locale\":\"ru\",\"mailMode\":\"digest\"}", true);
    assertThat(saved.statusCode()).isEqualTo(200);

    WebappSession again = new WebappSession(port).login(TURKISTAN + ".official", "demo");
    JsonNode settings = json.readTree(again.get("/jospar/me/settings", "application/json").body());
    assertThat(settings.get("locale").asText()).isEqualTo("ru");
    assertThat(settings.get("mailMode").asText()).isEqualTo("digest");
    assertThat(data(again, "/jospar/monitor/data?year=2026").get("lang").asText()).isEqualTo("ru");
  }

  void aRefusedFormSpeaksThePersonsLanguage() throws Exception {
    Map<String, Object> noText = Map.of("reportDocument", file("report.pdf"));
    // no choice made, the browser asks for Kazakh first
    String astana = taskOf("akimat-astana.official");
    assertThat(refusal("akimat-astana.official", astana, noText, "kk-KZ,ru;q=0.8"))
        .isEqualTo("reportText: міндетті: ұзындығы 4000 таңбадан аспайтын мәтін");
    // a program that says nothing gets English
    String shymkent = taskOf("akimat-shymkent.official");
    assertThat(refusal("akimat-shymkent.official", shymkent, Map.of("reportText", text("done"), "reportDocument", file("report.exe")), null))
        .isEqualTo("reportDocument: 'report.exe' is not an accepted document; accepted: doc, docx, jpeg, jpg, ods, odt, pdf, png, xls, xlsx");
    // a language chosen in Jospar wins over the browser's
    WebappSession astanaSession = new WebappSession(port).login("akimat-astana.official", "demo");
    assertThat(astanaSession.putJson("/jospar/me/settings", "{\"locale\":\"ru\"}", true).statusCode()).isEqualTo(200);
    assertThat(refusal("akimat-astana.official", astana, Map.of("reportText", text("done"), "reportDocument", file("report.exe")), "kk"))
        .isEqualTo("reportDocument: «report.exe» — недопустимый тип документа; допустимы: doc, docx, jpeg, jpg, ods, odt, pdf, png, xls, xlsx");
  }

  @SuppressWarnings("unchecked")
  private String refusal(String user, String taskId, Map<String, Object> variables, String acceptLanguage) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (acceptLanguage != null) {
      headers.set(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
    }
    var r = http.withBasicAuth(user, "demo").exchange("/engine-rest/task/" + taskId + "/complete", HttpMethod.POST,
        new HttpEntity<>(Map.of("variables", variables), headers), Map.class);
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    return (String) r.getBody().get("message");
  }

  private JsonNode data(WebappSession session, String path) throws Exception {
    HttpResponse<String> r = session.get(path, "application/json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }

  private static List<String> cells(Sheet sheet, String inRowWith) {
    for (Row row : sheet) {
      List<String> values = new ArrayList<>();
      row.forEach(c -> values.add(c.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
          ? String.valueOf((long) c.getNumericCellValue()) : c.getStringCellValue()));
      if (values.contains(inRowWith)) {
        return values;
      }
    }
    throw new AssertionError("no row with " + inRowWith + " in sheet " + sheet.getSheetName());
  }

  private Body body(String code) {
    return catalog.bodies().find(code).orElseThrow();
  }

  private void open(String row, String period) {
    assertThat(http.withBasicAuth("coordinator", "demo").postForEntity("/api/plan/periods", jsonBody(Map.of("row", row, "period", period)),
        Map.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }

  @SuppressWarnings("unchecked")
  private String taskOf(String user) {
    List<Map<String, Object>> tasks = http.withBasicAuth(user, "demo").getForObject("/engine-rest/task?candidateUser=" + user, List.class);
    assertThat(tasks).as("tasks of " + user).isNotEmpty();
    return (String) tasks.get(0).get("id");
  }

  private void complete(String user, String taskId, Map<String, Object> variables) {
    TestRestTemplate as = http.withBasicAuth(user, "demo");
    as.exchange("/engine-rest/task/" + taskId + "/claim", HttpMethod.POST, jsonBody(Map.of("userId", user)), Void.class);
    assertThat(as.exchange("/engine-rest/task/" + taskId + "/complete", HttpMethod.POST, jsonBody(Map.of("variables", variables)), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  private static Map<String, Object> text(String value) {
    return Map.of("value", value, "type", "String");
  }

  private static Map<String, Object> file(String name) {
    return Map.of("value", PDF, "type", "File", "valueInfo", Map.of("filename", name, "mimetype", "application/pdf"));
  }

  private static HttpEntity<Object> jsonBody(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
