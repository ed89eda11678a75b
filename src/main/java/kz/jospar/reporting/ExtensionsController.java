package kz.jospar.reporting;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.access.Caller;
import kz.jospar.language.RejectedInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Extension requests over JSON: a body's member asks ({@code POST /api/extensions}), the coordinator decides
 * ({@code POST /api/extensions/{id}/decision}); {@code GET /api/extensions} lists the requests the caller may see.
 */
@RestController
class ExtensionsController {

  /** {@code until}: a day, yyyy-MM-dd, in Kazakhstan; the report is then due at the end of its working day. */
  record AskRequest(String cycleKey, String body, String until, String reason) {}

  /** {@code until}: another day than the one asked for (optional); {@code reason}: required for a refusal. */
  record Decision(Boolean grant, String until, String reason, Boolean confirmBeyondPlanEnd) {}

  record Listing(int requests, List<Extensions.Request> entries) {}

  private final Extensions extensions;
  private final PlanCatalog catalog;

  ExtensionsController(Extensions extensions, PlanCatalog catalog) {
    this.extensions = extensions;
    this.catalog = catalog;
  }

  @PostMapping("/api/extensions")
  ResponseEntity<Extensions.Request> ask(@RequestBody AskRequest request, Authentication authentication) {
    Extensions.Request asked = extensions.ask(Caller.of(authentication), request.cycleKey(), request.body(), day(request.until(), "until"),
        request.reason());
    return ResponseEntity.status(HttpStatus.CREATED).body(asked);
  }

  /** Who may decide is checked before anything the request carries is read: a non-coordinator gets 403 whatever they send. */
  @PostMapping("/api/extensions/{id}/decision")
  Extensions.Request decide(@PathVariable String id, @RequestBody(required = false) Decision decision, Authentication authentication) {
    Caller caller = Caller.of(authentication);
    extensions.mayDecide(caller);
    long number;
    try {
      number = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new RejectedInput(HttpStatus.NOT_FOUND, "id", "extension.unknownId", id);
    }
    if (decision == null) {
      throw RejectedInput.badRequest("grant", "extension.grantRequired");
    }
    return extensions.decide(caller, number, decision.grant(), day(decision.until(), "until"), decision.reason(),
        Boolean.TRUE.equals(decision.confirmBeyondPlanEnd()));
  }

  /** The coordinator and the auditor see every request ({@code ?state=pending}: the coordinator's list); a body its own. */
  @GetMapping("/api/extensions")
  Listing list(@RequestParam(required = false) String state, Authentication authentication) {
    Caller caller = Caller.of(authentication);
    if (state != null && !state.equals(Extensions.State.pending.name())) {
      throw RejectedInput.badRequest("state", "extension.stateFilter", Extensions.State.pending.name());
    }
    Set<String> bodies = caller.seesWholePlan() ? null
        : caller.groups().stream().filter(catalog.bodies()::contains).collect(Collectors.toSet());
    List<Extensions.Request> found = state != null
        ? extensions.pending().stream().filter(r -> bodies == null || bodies.contains(r.body())).toList()
        : extensions.of(bodies, 500);
    return new Listing(found.size(), found);
  }

  private static LocalDate day(String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw RejectedInput.badRequest(field, "extension.untilFormat", value.strip());
    }
  }
}
