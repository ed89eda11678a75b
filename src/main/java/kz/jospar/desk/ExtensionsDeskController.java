package kz.jospar.desk;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import kz.jospar.calendar.PlanCalendar;
import kz.jospar.calendar.PlanPeriod;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.catalog.PlanRow;
import kz.jospar.access.Caller;
import kz.jospar.access.Roles;
import kz.jospar.language.RejectedInput;
import kz.jospar.language.UserSettings;
import kz.jospar.reporting.Extensions;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.reporting.ReportService;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Extension requests at the desk: "Ask for more time" from a submission's page (a day and a reason), the
 * coordinator's list of pending requests with grant or refuse, and everyone's own bodies' requests with their
 * outcome. The same service decides as the API ({@link Extensions}); its refusals are said per field.
 */
@Controller
class ExtensionsDeskController {

  static final String PATH = "/jospar/desk/extensions";

  /** A request as the page shows it: its words already in the reader's language. */
  record Shown(long id, String item, String period, String body, String state, String dueBefore, String askedUntil, String askedDay,
      String grantedUntil, String reason, String askedBy, String decisionReason, boolean beyondPlanEnd) {}

  /** The report a submission task is about, for the ask form. */
  record Asking(String taskId, String cycleKey, String body, String item, String period, String bodyName, String dueAt) {}

  private final Extensions extensions;
  private final ReportService reports;
  private final PlanCatalog catalog;
  private final PlanCalendar calendar;
  private final DeskTimes times;
  private final MessageSource words;
  private final JdbcTemplate jdbc;

  ExtensionsDeskController(Extensions extensions, ReportService reports, PlanCatalog catalog, PlanCalendar calendar, DeskTimes times,
      MessageSource words, JdbcTemplate jdbc) {
    this.extensions = extensions;
    this.reports = reports;
    this.catalog = catalog;
    this.calendar = calendar;
    this.times = times;
    this.words = words;
    this.jdbc = jdbc;
  }

  @GetMapping(PATH)
  String page(@RequestParam(required = false) String task, Authentication authentication, HttpServletRequest request,
      HttpServletResponse response, Model model) {
    Locale locale = RequestContextUtils.getLocale(request);
    Caller caller = Caller.of(authentication);
    Map<String, String> errors = new LinkedHashMap<>();
    Asking asking = null;
    if (task != null && !task.isBlank()) {
      asking = asking(task.strip(), caller, locale).orElse(null);
      if (asking == null) {
        errors.put("task", say("desk.ext.error.task", locale));
        response.setStatus(HttpStatus.NOT_FOUND.value());
      }
    }
    return view(model, caller, locale, asking, "", "", errors, Map.of());
  }

  @PostMapping(PATH + "/ask")
  Object ask(@RequestParam(required = false) String task, @RequestParam(required = false) String until,
      @RequestParam(required = false) String reason, Authentication authentication, HttpServletRequest request,
      HttpServletResponse response, Model model, RedirectAttributes after) {
    Locale locale = RequestContextUtils.getLocale(request);
    Caller caller = Caller.of(authentication);
    Map<String, String> errors = new LinkedHashMap<>();
    Asking asking = task == null || task.isBlank() ? null : asking(task.strip(), caller, locale).orElse(null);
    if (asking == null) {
      errors.put("task", say("desk.ext.error.task", locale));
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return view(model, caller, locale, null, "", "", errors, Map.of());
    }
    LocalDate day = null;
    if (until == null || until.isBlank()) {
      errors.put("until", words.getMessage("extension.untilRequired", null, locale));
    } else {
      try {
        day = LocalDate.parse(until.strip());
      } catch (DateTimeParseException e) {
        errors.put("until", words.getMessage("extension.untilFormat", new Object[] {shown(until.strip())}, locale));
      }
    }
    if (reason == null || reason.isBlank()) {
      errors.put("reason", words.getMessage("extension.reasonRequired", null, locale));
    }
    if (errors.isEmpty()) {
      try {
        extensions.ask(caller, asking.cycleKey(), asking.body(), day, reason);
        after.addFlashAttribute("done", say("desk.ext.asked.done", locale));
        return redirect(request);
      } catch (RejectedInput e) {
        response.setStatus(e.status().value());
        errors.put(e.field() == null || !Set.of("until", "reason").contains(e.field()) ? "request" : e.field(),
            words.getMessage(e.words(), locale));
      }
    } else {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
    }
    return view(model, caller, locale, asking, until == null ? "" : until, reason == null ? "" : reason, errors, Map.of());
  }

  @PostMapping(PATH + "/decide")
  Object decide(@RequestParam(required = false) String id, @RequestParam(required = false) String grant,
      @RequestParam(required = false) String until, @RequestParam(required = false) String reason,
      @RequestParam(required = false) String confirmBeyondPlanEnd, Authentication authentication, HttpServletRequest request,
      HttpServletResponse response, Model model, RedirectAttributes after) {
    Locale locale = RequestContextUtils.getLocale(request);
    Caller caller = Caller.of(authentication);
    if (!caller.isIn(Roles.COORDINATOR)) {
      response.setStatus(HttpStatus.FORBIDDEN.value());
      return view(model, caller, locale, null, "", "", Map.of("request", say("desk.ext.onlyCoordinator", locale)), Map.of());
    }
    Map<String, String> errors = new LinkedHashMap<>();
    long number = -1;
    try {
      number = Long.parseLong(id == null ? "" : id.strip());
    } catch (NumberFormatException e) {
      errors.put("request", words.getMessage("extension.unknownId", new Object[] {id == null ? "" : shown(id)}, locale));
    }
    LocalDate day = null;
    if (until != null && !until.isBlank()) {
      try {
        day = LocalDate.parse(until.strip());
      } catch (DateTimeParseException e) {
        errors.put("until-" + number, words.getMessage("extension.untilFormat", new Object[] {shown(until.strip())}, locale));
      }
    }
    if (grant == null || !Set.of("true", "false").contains(grant)) {
      errors.put("request", words.getMessage("extension.grantRequired", null, locale));
    }
    if (errors.isEmpty()) {
      try {
        Extensions.Request decided = extensions.decide(caller, number, Boolean.valueOf(grant), day, reason, confirmBeyondPlanEnd != null);
        after.addFlashAttribute("done", say(decided.state() == Extensions.State.granted ? "desk.ext.state.granted" : "desk.ext.state.refused", locale));
        return redirect(request);
      } catch (RejectedInput e) {
        response.setStatus(e.status().value());
        String field = e.field() == null || "id".equals(e.field()) ? "request" : e.field() + "-" + number;
        errors.put(field, words.getMessage(e.words(), locale));
      }
    } else {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
    }
    Map<String, String> kept = new LinkedHashMap<>();
    kept.put("id", String.valueOf(number));
    kept.put("until", until == null ? "" : until);
    kept.put("reason", reason == null ? "" : reason);
    return view(model, caller, locale, null, "", "", errors, kept);
  }

  private String view(Model model, Caller caller, Locale locale, Asking asking, String until, String reason, Map<String, String> errors,
      Map<String, String> kept) {
    boolean coordinator = caller.isIn(Roles.COORDINATOR);
    Set<String> bodies = caller.seesWholePlan() ? null
        : caller.groups().stream().filter(catalog.bodies()::contains).collect(Collectors.toSet());
    model.addAttribute("lang", locale.getLanguage());
    model.addAttribute("coordinator", coordinator);
    model.addAttribute("asking", asking);
    model.addAttribute("until", until);
    model.addAttribute("reason", reason);
    model.addAttribute("errors", errors);
    model.addAttribute("kept", kept);
    model.addAttribute("pending", coordinator ? extensions.pending().stream().map(r -> shown(r, locale)).toList() : List.of());
    model.addAttribute("mine", extensions.of(bodies, 50).stream().filter(r -> !coordinator || r.state() != Extensions.State.pending)
        .map(r -> shown(r, locale)).toList());
    return "desk/extensions";
  }

  /** The report of a submission task the person's body holds; empty for any other task (or none). */
  private Optional<Asking> asking(String taskId, Caller caller, Locale locale) {
    List<Map<String, Object>> rows = jdbc.queryForList("SELECT PROC_INST_ID_, TASK_DEF_KEY_ FROM ACT_RU_TASK WHERE ID_ = ?", taskId);
    if (rows.isEmpty() || !ReportProcess.TASK_SUBMIT_REPORT.equals(rows.get(0).get("TASK_DEF_KEY_"))) {
      return Optional.empty();
    }
    return reports.facts((String) rows.get(0).get("PROC_INST_ID_")).filter(f -> caller.isIn(f.body())).flatMap(f ->
        reports.notice(f.cycleKey(), f.body()).map(n -> new Asking(taskId, f.cycleKey(), f.body(), item(f.cycleKey(), locale),
            period(f.cycleKey(), locale), bodyName(f.body(), locale), times.dateTime(n.dueAt().toInstant(), locale))));
  }

  private Shown shown(Extensions.Request r, Locale locale) {
    return new Shown(r.id(), item(r.cycleKey(), locale), period(r.cycleKey(), locale), bodyName(r.body(), locale),
        say("desk.ext.state." + r.state().name(), locale), moment(r.dueBefore(), locale), moment(r.askedUntil(), locale),
        r.askedUntil().atZoneSameInstant(times.zone()).toLocalDate().toString(), moment(r.grantedUntil(), locale), r.reason(), r.askedBy(),
        r.decisionReason(), r.beyondPlanEnd());
  }

  private String item(String cycleKey, Locale locale) {
    String row = PlanPeriod.rowOf(cycleKey);
    return row + catalog.row(row).map(PlanRow::name).map(n -> " " + n.in(locale)).orElse("");
  }

  private String period(String cycleKey, Locale locale) {
    String row = PlanPeriod.rowOf(cycleKey);
    String key = cycleKey.substring(row.length() + 1);
    return calendar.find(row, key).map(p -> p.label().in(locale)).orElse(key);
  }

  private String bodyName(String body, Locale locale) {
    return catalog.bodies().find(body).map(b -> b.name().in(locale)).orElse(body);
  }

  private String moment(OffsetDateTime t, Locale locale) {
    return t == null ? null : times.dateTime(t.toInstant(), locale);
  }

  private String say(String key, Locale locale, Object... args) {
    return words.getMessage(key, args, locale);
  }

  private static org.springframework.web.servlet.View redirect(HttpServletRequest request) {
    String lang = request.getParameter("lang");
    return SignInController.redirect(PATH + (lang != null && UserSettings.LANGUAGES.contains(lang) ? "?lang=" + lang : ""));
  }

  private static String shown(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
