package kz.jospar.absence;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.jospar.access.Caller;
import kz.jospar.language.Languages;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The same absences as the desk's page, for programs: {@code GET /api/absences} (the caller's own,
 * those they stand in for, their supervised bodies'), {@code POST /api/absences}
 * ({@code {"person": optional, "deputy", "from", "to"}}, days as ISO dates) and
 * {@code POST /api/absences/{id}/cancel}. The same service decides; refusals name each field in the
 * caller's language ({@code fields}).
 */
@RestController
class AbsenceApiController {

  /** What a program sends to record an absence; {@code person} empty for the caller. */
  record NewAbsence(String person, String deputy, String from, String to) {}

  /** An absence as the API shows it. */
  record Shown(long id, String person, String deputy, String body, List<String> roles, String from, String to, String state,
      String recordedBy, boolean cancellable) {}

  private final Absences absences;
  private final Languages languages;
  private final MessageSource words;

  AbsenceApiController(Absences absences, Languages languages, MessageSource words) {
    this.absences = absences;
    this.languages = languages;
    this.words = words;
  }

  @GetMapping("/api/absences")
  List<Shown> list(Authentication authentication) {
    Caller caller = Caller.of(authentication);
    return absences.visibleTo(caller).stream().map(a -> shown(caller, a)).toList();
  }

  @PostMapping("/api/absences")
  ResponseEntity<Object> record(@RequestBody(required = false) NewAbsence body, Authentication authentication, HttpServletRequest request) {
    Caller caller = Caller.of(authentication);
    NewAbsence b = body == null ? new NewAbsence(null, null, null, null) : body;
    try {
      return ResponseEntity.status(HttpStatus.CREATED).body(shown(caller, absences.record(caller, b.person(), b.deputy(), b.from(), b.to())));
    } catch (AbsenceRefused e) {
      return refused(e, e.forbidden() ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST, caller, request);
    }
  }

  @PostMapping("/api/absences/{id}/cancel")
  ResponseEntity<Object> cancel(@PathVariable String id, Authentication authentication, HttpServletRequest request) {
    Caller caller = Caller.of(authentication);
    if (!id.matches("\\d{1,18}")) {
      return refused(AbsenceRefused.forbidden("absence", "absence.error.notFound"), HttpStatus.NOT_FOUND, caller, request);
    }
    try {
      return ResponseEntity.ok(shown(caller, absences.cancel(caller, Long.parseLong(id))));
    } catch (AbsenceRefused e) {
      // another person's absence, or none, is not found: whether it exists is not theirs to learn
      return refused(e, e.forbidden() ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT, caller, request);
    }
  }

  private Shown shown(Caller caller, Absences.Absence a) {
    return new Shown(a.id(), a.person(), a.deputy(), a.body(), a.roles(), a.firstDay().toString(), a.lastDay().toString(), a.state().name(),
        a.recordedBy(), a.open() && absences.mayManage(caller, a));
  }

  private ResponseEntity<Object> refused(AbsenceRefused e, HttpStatus status, Caller caller, HttpServletRequest request) {
    Locale locale = languages.forApi(caller.userId(), request);
    Map<String, String> fields = e.said(words, locale);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", status.value());
    answer.put("error", status.getReasonPhrase());
    answer.put("field", fields.keySet().iterator().next());
    answer.put("message", fields.values().iterator().next());
    answer.put("fields", fields);
    answer.put("language", locale.getLanguage());
    return ResponseEntity.status(status).body(answer);
  }
}
