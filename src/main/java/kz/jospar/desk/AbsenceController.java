package kz.jospar.desk;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kz.jospar.absence.AbsenceRefused;
import kz.jospar.absence.Absences;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.access.Caller;
import kz.jospar.language.UserSettings;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * "Absence and deputy" at the desk: a person records their own absence and who stands in for them; a
 * supervisor does it for the people of their body. Who may, and who may be the deputy, is decided by
 * {@link Absences} from the engine's identity, never from the request; its refusals are said per field
 * in the person's language. The list shows the person's own absences, those they stand in for, and a
 * supervisor's body's, each cancellable by who may.
 */
@Controller
class AbsenceController {

  static final String PATH = "/jospar/desk/absence";

  /** An option of a list: its value and what the person reads. */
  record Option(String value, String label) {}

  /** One absence as the list shows it. */
  record Shown(long id, String person, String deputy, String from, String to, String state, String stateCode, String recordedBy,
      boolean cancellable) {}

  private final Absences absences;
  private final PlanCatalog catalog;
  private final MessageSource words;

  AbsenceController(Absences absences, PlanCatalog catalog, MessageSource words) {
    this.absences = absences;
    this.catalog = catalog;
    this.words = words;
  }

  @GetMapping(PATH)
  String page(@RequestParam(required = false) String person, Authentication authentication, HttpServletRequest request, Model model) {
    Caller caller = Caller.of(authentication);
    return form(caller, model, RequestContextUtils.getLocale(request), chosen(caller, person), null, "", "", Map.of());
  }

  @PostMapping(PATH)
  Object record(@RequestParam(required = false) String person, @RequestParam(required = false) String deputy,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to, Authentication authentication,
      HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes after) {
    Caller caller = Caller.of(authentication);
    Locale locale = RequestContextUtils.getLocale(request);
    try {
      Absences.Absence a = absences.record(caller, person, deputy, from, to);
      after.addFlashAttribute("done", words.getMessage("absence.done", new Object[] {absences.nameOf(a.person()),
          day(a.firstDay(), locale), day(a.lastDay(), locale), absences.nameOf(a.deputy())}, locale));
      return back(request);
    } catch (AbsenceRefused e) {
      response.setStatus(e.forbidden() ? HttpStatus.FORBIDDEN.value() : HttpStatus.BAD_REQUEST.value());
      return form(caller, model, locale, e.forbidden() ? caller.userId() : chosen(caller, person), deputy, value(from), value(to),
          e.said(words, locale));
    }
  }

  @PostMapping(PATH + "/{id}/cancel")
  Object cancel(@PathVariable String id, Authentication authentication, HttpServletRequest request, HttpServletResponse response,
      Model model, RedirectAttributes after) {
    Caller caller = Caller.of(authentication);
    Locale locale = RequestContextUtils.getLocale(request);
    Long number = id.matches("\\d{1,18}") ? Long.valueOf(id) : null;
    try {
      if (number == null) {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, words.getMessage("absence.error.notFound", null, locale));
      }
      Absences.Absence a = absences.cancel(caller, number);
      after.addFlashAttribute("done", words.getMessage("absence.cancelled", new Object[] {absences.nameOf(a.person()),
          day(a.firstDay(), locale), day(a.lastDay(), locale)}, locale));
      return back(request);
    } catch (AbsenceRefused e) {
      if (e.forbidden()) { // another person's absence, or none: not found, whichever it is
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, words.getMessage("absence.error.notFound", null, locale));
      }
      response.setStatus(HttpStatus.CONFLICT.value());
      return form(caller, model, locale, caller.userId(), null, "", "", e.said(words, locale));
    }
  }

  private String form(Caller caller, Model model, Locale locale, String person, String deputy, String from, String to,
      Map<String, String> errors) {
    List<Absences.Person> recordable = absences.recordableFor(caller);
    List<Option> people = recordable.stream().map(p -> new Option(p.id(), p.id().equals(caller.userId())
        ? words.getMessage("absence.me", new Object[] {p.name()}, locale) : p.name())).toList();
    List<Option> deputies = absences.possibleDeputies(person).stream().map(p -> new Option(p.id(), p.name())).toList();
    List<Absences.Absence> list = absences.visibleTo(caller);
    Set<String> ids = new LinkedHashSet<>();
    list.forEach(a -> {
      ids.add(a.person());
      ids.add(a.deputy());
      ids.add(a.recordedBy());
    });
    Map<String, String> names = absences.namesOf(ids);
    List<Shown> shown = new ArrayList<>();
    for (Absences.Absence a : list) {
      shown.add(new Shown(a.id(), names.getOrDefault(a.person(), a.person()), names.getOrDefault(a.deputy(), a.deputy()),
          day(a.firstDay(), locale), day(a.lastDay(), locale), words.getMessage("absence.state." + a.state().name(), null, locale),
          a.state().name(), names.getOrDefault(a.recordedBy(), a.recordedBy()), a.open() && absences.mayManage(caller, a)));
    }
    model.addAttribute("people", people);
    model.addAttribute("person", person);
    model.addAttribute("personName", absences.nameOf(person));
    model.addAttribute("forOthers", people.size() > 1);
    model.addAttribute("deputies", deputies);
    model.addAttribute("deputy", deputy);
    model.addAttribute("from", from);
    model.addAttribute("to", to);
    model.addAttribute("today", absences.today().toString());
    model.addAttribute("absences", shown);
    model.addAttribute("errors", new LinkedHashMap<>(errors));
    model.addAttribute("lang", locale.getLanguage());
    return "desk/absence";
  }

  /** The person the form is for: one the caller may record for, else the caller. */
  private String chosen(Caller caller, String person) {
    if (person == null || person.isBlank() || person.strip().equals(caller.userId())) {
      return caller.userId();
    }
    String p = person.strip();
    return absences.recordableFor(caller).stream().anyMatch(x -> x.id().equals(p)) ? p : caller.userId();
  }

  private static Object back(HttpServletRequest request) {
    String lang = request.getParameter("lang");
    return SignInController.redirect(PATH + (lang != null && UserSettings.LANGUAGES.contains(lang) ? "?lang=" + lang : ""));
  }

  private static String day(LocalDate day, Locale locale) {
    return day.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
  }

  private static String value(String s) {
    return s == null ? "" : s.length() <= 40 ? s : s.substring(0, 40);
  }
}
