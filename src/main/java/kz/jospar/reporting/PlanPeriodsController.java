package kz.jospar.reporting;

import jakarta.servlet.http.HttpServletRequest;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.catalog.Plans;
import kz.jospar.access.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Opening periods by hand, and the state of every report of a year. */
@RestController
class PlanPeriodsController {

  /** {@code dueAt}: optional ISO date-time, for catch-up of a period whose deadline has passed. */
  record OpenRequest(String row, String period, String dueAt, String plan) {}

  record StatusEntry(String cycleKey, String row, String period, String body, boolean lead, boolean byAgreement, String state,
      OffsetDateTime dueAt, OffsetDateTime submittedAt, int escalationLevel, boolean late, Integer achievedCount, Boolean belowQuota,
      String periodState, String plan, String planVersion) {}

  record StatusView(int year, int reports, List<StatusEntry> entries) {}

  private static final Set<String> SEE_WHOLE_PLAN = Set.of(Roles.COORDINATOR, Roles.AUDITOR, Roles.ADMIN);

  private final CycleService cycles;
  private final PlanStatus status;
  private final PlanCatalog catalog;
  private final Plans plans;

  private final kz.jospar.language.Languages languages;
  private final org.springframework.context.MessageSource words;

  PlanPeriodsController(CycleService cycles, PlanStatus status, PlanCatalog catalog, Plans plans,
      kz.jospar.language.Languages languages,
      org.springframework.context.MessageSource words) {
    this.cycles = cycles;
    this.status = status;
    this.catalog = catalog;
    this.plans = plans;
    this.languages = languages;
    this.words = words;
  }

  @PostMapping("/api/plan/periods")
  ResponseEntity<?> open(@RequestBody(required = false) OpenRequest request, Authentication caller, HttpServletRequest http) {
    java.util.Locale lang = languages.forApi(caller.getName(), http);
    if (!groups(caller).contains(Roles.COORDINATOR)) {
      return error(HttpStatus.FORBIDDEN, null, say(lang, "period.onlyCoordinator", caller.getName(), Roles.COORDINATOR));
    }
    if (request == null || request.row() == null || request.row().isBlank()) {
      return error(HttpStatus.BAD_REQUEST, "row", say(lang, "period.rowRequired"));
    }
    if (request.period() == null || request.period().isBlank()) {
      return error(HttpStatus.BAD_REQUEST, "period", say(lang, "period.periodRequired"));
    }
    OffsetDateTime due = null;
    if (request.dueAt() != null && !request.dueAt().isBlank()) {
      try {
        due = OffsetDateTime.parse(request.dueAt().strip());
      } catch (DateTimeParseException e) {
        throw cycles.dueRange(plan(request), request.row().strip(), request.period().strip()).rejected(request.dueAt());
      }
    }
    CycleService.OpenedCycle opened = cycles.open(plan(request), request.row().strip(), request.period().strip(), caller.getName(), due);
    return ResponseEntity.status(HttpStatus.CREATED).body(opened);
  }

  /** The plan a request names; none (or blank) means the primary plan. */
  private static String plan(OpenRequest request) {
    return request.plan() == null || request.plan().isBlank() ? null : request.plan().strip();
  }

  @GetMapping("/api/plan/status")
  ResponseEntity<?> status(@RequestParam int year, Authentication caller, HttpServletRequest http) {
    // a person's work covers all plans: a year of any plan is accepted
    if (year < plans.firstYear() || year > plans.lastYear()) {
      return error(HttpStatus.BAD_REQUEST, "year", say(languages.forApi(caller.getName(), http), "error.year", year, plans.firstYear(),
          plans.lastYear()));
    }
    Set<String> groups = groups(caller);
    boolean wholePlan = groups.stream().anyMatch(SEE_WHOLE_PLAN::contains);
    List<String> ownBodies = groups.stream().filter(catalog.bodies()::contains).toList();
    List<StatusEntry> entries = status.reports(year, wholePlan ? null : ownBodies).stream()
        .map(r -> new StatusEntry(r.cycleKey(), r.row(), r.period(), r.body(), r.lead(), r.byAgreement(), r.state(),
            r.dueAt(), r.submittedAt(), r.escalationLevel(), r.late(), r.achievedCount(), r.belowQuota(), r.periodState(), r.planCode(),
            r.planVersion()))
        .toList();
    return ResponseEntity.ok(new StatusView(year, entries.size(), entries));
  }

  @ExceptionHandler(UnknownPeriodException.class)
  ResponseEntity<?> unknown(UnknownPeriodException e, HttpServletRequest http) {
    return error(HttpStatus.BAD_REQUEST, e.field(), words.getMessage(e.words(), language(http)));
  }

  @ExceptionHandler(CycleAlreadyOpenException.class)
  ResponseEntity<?> duplicate(CycleAlreadyOpenException e, HttpServletRequest http) {
    return error(HttpStatus.CONFLICT, null, say(language(http), "period.alreadyOpen", e.cycleKey()));
  }

  private java.util.Locale language(HttpServletRequest http) {
    Authentication caller = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
    return languages.forApi(caller == null ? null : caller.getName(), http);
  }

  private String say(java.util.Locale lang, String key, Object... args) {
    return words.getMessage(kz.jospar.language.Words.of(key, args), lang);
  }

  private static Set<String> groups(Authentication caller) {
    return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
  }

  private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String field, String message) {
    Map<String, Object> body = field == null
        ? Map.of("status", status.value(), "error", status.getReasonPhrase(), "message", message)
        : Map.of("status", status.value(), "error", status.getReasonPhrase(), "field", field, "message", field + ": " + message);
    return ResponseEntity.status(status).body(body);
  }
}
