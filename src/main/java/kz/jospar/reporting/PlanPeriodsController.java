package kz.jospar.reporting;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.identity.Roles;
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
  record OpenRequest(String row, String period, String dueAt) {}

  record StatusEntry(String cycleKey, String row, String period, String body, boolean lead, boolean byAgreement, String state,
      OffsetDateTime dueAt, OffsetDateTime submittedAt, int escalationLevel, boolean late, Integer achievedCount, Boolean belowQuota,
      String periodState) {}

  record StatusView(int year, int reports, List<StatusEntry> entries) {}

  private static final Set<String> SEE_WHOLE_PLAN = Set.of(Roles.COORDINATOR, Roles.AUDITOR, Roles.ADMIN);

  private final CycleService cycles;
  private final PlanStatus status;
  private final PlanCatalog catalog;

  PlanPeriodsController(CycleService cycles, PlanStatus status, PlanCatalog catalog) {
    this.cycles = cycles;
    this.status = status;
    this.catalog = catalog;
  }

  @PostMapping("/api/plan/periods")
  ResponseEntity<?> open(@RequestBody(required = false) OpenRequest request, Authentication caller) {
    if (!groups(caller).contains(Roles.COORDINATOR)) {
      return error(HttpStatus.FORBIDDEN, null, "only the plan coordinator opens periods; " + caller.getName() + " is not in the group '"
          + Roles.COORDINATOR + "'");
    }
    if (request == null || request.row() == null || request.row().isBlank()) {
      return error(HttpStatus.BAD_REQUEST, "row", "required: the item or sub-item number, such as \"4.8\"");
    }
    if (request.period() == null || request.period().isBlank()) {
      return error(HttpStatus.BAD_REQUEST, "period", "required: the period key, such as \"2026-H2\" (see GET /api/plan/calendar?year=YYYY)");
    }
    OffsetDateTime due = null;
    if (request.dueAt() != null && !request.dueAt().isBlank()) {
      try {
        due = OffsetDateTime.parse(request.dueAt());
      } catch (DateTimeParseException e) {
        return error(HttpStatus.BAD_REQUEST, "dueAt", "expected an ISO date-time with offset, such as \"2026-12-30T18:00:00+05:00\", got '"
            + request.dueAt() + "'");
      }
    }
    CycleService.OpenedCycle opened = cycles.open(request.row().strip(), request.period().strip(), caller.getName(), due);
    return ResponseEntity.status(HttpStatus.CREATED).body(opened);
  }

  @GetMapping("/api/plan/status")
  ResponseEntity<?> status(@RequestParam int year, Authentication caller) {
    if (!catalog.coversYear(year)) {
      return error(HttpStatus.BAD_REQUEST, "year", "year " + year + " is outside the plan's years " + catalog.firstYear() + "-"
          + catalog.lastYear());
    }
    Set<String> groups = groups(caller);
    boolean wholePlan = groups.stream().anyMatch(SEE_WHOLE_PLAN::contains);
    List<String> ownBodies = groups.stream().filter(catalog.bodies()::contains).toList();
    List<StatusEntry> entries = status.reports(year, wholePlan ? null : ownBodies).stream()
        .map(r -> new StatusEntry(r.cycleKey(), r.row(), r.period(), r.body(), r.lead(), r.byAgreement(), r.state(),
            r.dueAt(), r.submittedAt(), r.escalationLevel(), r.late(), r.achievedCount(), r.belowQuota(), r.periodState()))
        .toList();
    return ResponseEntity.ok(new StatusView(year, entries.size(), entries));
  }

  @ExceptionHandler(UnknownPeriodException.class)
  ResponseEntity<?> unknown(UnknownPeriodException e) {
    return error(HttpStatus.BAD_REQUEST, e.field(), e.getMessage().substring(e.field().length() + 2));
  }

  @ExceptionHandler(CycleAlreadyOpenException.class)
  ResponseEntity<?> duplicate(CycleAlreadyOpenException e) {
    return error(HttpStatus.CONFLICT, null, e.getMessage());
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
