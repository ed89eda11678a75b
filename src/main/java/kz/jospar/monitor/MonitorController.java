package kz.jospar.monitor;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.access.Caller;
import kz.jospar.language.Languages;
import kz.jospar.language.UserSettings;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The plan monitor: its page (/jospar/monitor), its figures (/jospar/monitor/data) and the exports
 * a ministry sends upward (annual report as XLSX and PDF, the status table as CSV). The
 * coordinator, auditors and administrators see the whole plan; anyone else their own bodies only.
 */
@RestController
class MonitorController {

  private final MonitorService monitor;
  private final kz.jospar.catalog.Plans plans;
  private final ExecutionReport reports;
  private final PlanCatalog catalog;
  private final Languages languages;
  private final MessageSource words;

  MonitorController(MonitorService monitor, ExecutionReport reports, PlanCatalog catalog, Languages languages, MessageSource words,
      kz.jospar.catalog.Plans plans) {
    this.plans = plans;
    this.monitor = monitor;
    this.reports = reports;
    this.catalog = catalog;
    this.languages = languages;
    this.words = words;
  }

  @GetMapping("/jospar/monitor")
  ResponseEntity<Void> page() {
    return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, "monitor.html").build();
  }

  @GetMapping("/jospar/monitor/data")
  ResponseEntity<?> data(Query query, Authentication authentication, HttpServletRequest request) {
    Request r = request(query, authentication, request);
    if (r.refusal != null) {
      return r.refusal;
    }
    return ResponseEntity.ok().cacheControl(org.springframework.http.CacheControl.noStore())
        .body(monitor.view(r.filter, r.scope, r.lang));
  }

  @GetMapping("/jospar/monitor/status.csv")
  ResponseEntity<?> csv(Query query, Authentication authentication, HttpServletRequest request) {
    Request r = request(query, authentication, request);
    if (r.refusal != null) {
      return r.refusal;
    }
    String text = CsvExport.write(monitor.view(r.filter, r.scope, r.lang), words, r.lang, reports.zone());
    return file(text.getBytes(StandardCharsets.UTF_8), "jospar-status-" + r.filter.year() + "-" + r.lang.getLanguage() + ".csv",
        new MediaType("text", "csv", StandardCharsets.UTF_8));
  }

  @GetMapping("/jospar/monitor/annual-report.xlsx")
  ResponseEntity<?> xlsx(Query query, Authentication authentication, HttpServletRequest request) throws IOException {
    Request r = request(query, authentication, request);
    if (r.refusal != null) {
      return r.refusal;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    XlsxExport.write(reports.build(r.filter, r.scope, r.lang, r.caller.userId()), out);
    return file(out.toByteArray(), "jospar-annual-report-" + r.filter.year() + "-" + r.lang.getLanguage() + ".xlsx",
        MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
  }

  @GetMapping("/jospar/monitor/annual-report.pdf")
  ResponseEntity<?> pdf(Query query, Authentication authentication, HttpServletRequest request) {
    Request r = request(query, authentication, request);
    if (r.refusal != null) {
      return r.refusal;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PdfExport.write(reports.build(r.filter, r.scope, r.lang, r.caller.userId()), out);
    return file(out.toByteArray(), "jospar-annual-report-" + r.filter.year() + "-" + r.lang.getLanguage() + ".pdf", MediaType.APPLICATION_PDF);
  }

  /** A checked request: the filter, the bodies the caller may see (null: all), the language; or why it is refused. */
  private record Request(Caller caller, MonitorFilter filter, Collection<String> scope, Locale lang, ResponseEntity<?> refusal) {}

  /** The query string every monitor address takes: {@code ?year=&direction=&row=&body=&state=&lang=}, all optional. */
  record Query(Integer year, String direction, String row, String body, String state, String lang, String plan) {}

  private Request request(Query query, Authentication authentication, HttpServletRequest http) {
    Integer year = query.year();
    String lang = query.lang();
    Caller caller = Caller.of(authentication);
    Locale language = languages.resolve(lang, caller, http);
    if (lang != null && !lang.isBlank() && !UserSettings.LANGUAGES.contains(lang)) {
      return refused(caller, language, HttpStatus.BAD_REQUEST, "lang", words.getMessage("error.lang", new Object[] {lang}, language));
    }
    String planCode = query.plan() == null || query.plan().isBlank() ? null : query.plan().strip();
    PlanCatalog catalog = plans.find(planCode).orElse(null);
    if (catalog == null) {
      return refused(caller, language, HttpStatus.BAD_REQUEST, "plan",
          words.getMessage("error.plan", new Object[] {planCode, plans.codes()}, language));
    }
    int y = year != null ? year : Math.max(catalog.firstYear(), Math.min(catalog.lastYear(), java.time.Year.now(reports.zone()).getValue()));
    if (!catalog.coversYear(y)) {
      return refused(caller, language, HttpStatus.BAD_REQUEST, "year",
          words.getMessage("error.year", new Object[] {String.valueOf(y), String.valueOf(catalog.firstYear()), String.valueOf(catalog.lastYear())}, language));
    }
    MonitorFilter filter = MonitorFilter.of(y, query.direction(), query.row(), query.body(), query.state(), planCode);
    if (filter.state() != null && !MonitorFilter.STATES.contains(filter.state())) {
      return refused(caller, language, HttpStatus.BAD_REQUEST, "state",
          words.getMessage("error.state", new Object[] {filter.state(), new TreeSet<>(MonitorFilter.STATES)}, language));
    }
    Collection<String> scope = null;
    if (!caller.seesWholePlan()) {
      List<String> own = caller.groups().stream().filter(catalog.bodies()::contains).sorted().toList();
      if (own.isEmpty()) {
        return refused(caller, language, HttpStatus.FORBIDDEN, null, words.getMessage("error.noBody", null, language));
      }
      if (filter.body() != null && !own.contains(filter.body())) {
        return refused(caller, language, HttpStatus.FORBIDDEN, "body",
            words.getMessage("error.notYours", new Object[] {filter.body(), String.join(", ", own)}, language));
      }
      scope = own;
    }
    return new Request(caller, filter, scope, language, null);
  }

  private static Request refused(Caller caller, Locale lang, HttpStatus status, String field, String message) {
    Map<String, Object> body = field == null
        ? Map.of("status", status.value(), "error", status.getReasonPhrase(), "message", message)
        : Map.of("status", status.value(), "error", status.getReasonPhrase(), "field", field, "message", field + ": " + message);
    return new Request(caller, null, null, lang, ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
        .header(HttpHeaders.CONTENT_LANGUAGE, lang.getLanguage()).body(body));
  }

  private static ResponseEntity<byte[]> file(byte[] content, String name, MediaType type) {
    return ResponseEntity.ok().contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
        .cacheControl(org.springframework.http.CacheControl.noStore())
        .body(content);
  }
}
