package kz.jospar.desk;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.jospar.calendar.PlanCalendar;
import kz.jospar.calendar.PlanPeriod;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.catalog.PlanRow;
import kz.jospar.access.Caller;
import kz.jospar.access.Roles;
import kz.jospar.language.RejectedInput;
import kz.jospar.language.UserSettings;
import kz.jospar.reporting.CycleAlreadyOpenException;
import kz.jospar.reporting.CycleProperties;
import kz.jospar.reporting.CycleService;
import kz.jospar.reporting.DueDates;
import kz.jospar.reporting.UnknownPeriodException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The coordinator's "open a period by hand" at the desk: an item, one of its periods from the plan's
 * calendar and, for a catch-up, a due day. The same service opens it as the API's
 * {@code POST /api/plan/periods} and the scheduler ({@link CycleService#open}), with the same checks;
 * its refusals are said per field in the person's language. Only the coordinator may, as on the API.
 */
@Controller
class OpenPeriodController {

  static final String PATH = "/jospar/desk/open-period";

  /** An option of a list: its value and what the person reads. */
  record Option(String value, String label) {}

  private final CycleService cycles;
  private final kz.jospar.catalog.Plans plans;
  private final kz.jospar.calendar.PlanCalendars calendars;
  private final DueDates dueDates;
  private final ZoneId zone;
  private final MessageSource words;

  OpenPeriodController(CycleService cycles, kz.jospar.catalog.Plans plans, kz.jospar.calendar.PlanCalendars calendars, DueDates dueDates,
      CycleProperties properties, MessageSource words) {
    this.cycles = cycles;
    this.plans = plans;
    this.calendars = calendars;
    this.dueDates = dueDates;
    this.zone = properties.zone();
    this.words = words;
  }

  @GetMapping(PATH)
  String page(@RequestParam(required = false) String plan, @RequestParam(required = false) String row, Authentication authentication,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    Locale locale = RequestContextUtils.getLocale(request);
    if (!Caller.of(authentication).isIn(Roles.COORDINATOR)) {
      return refused(response, model, locale);
    }
    Map<String, String> errors = new LinkedHashMap<>();
    PlanCatalog catalog = plan(plan, errors, locale);
    if (!errors.isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return form(model, locale, catalog, null, null, "", errors);
    }
    String chosen = blank(row);
    if (chosen != null && catalog.row(chosen).filter(PlanRow::hasSchedule).isEmpty()) {
      errors.put("row", catalog.row(chosen).isPresent() ? say("desk.open.error.heading", locale, chosen)
          : say("desk.open.error.noRow", locale, shown(chosen)));
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      chosen = null;
    }
    return form(model, locale, catalog, chosen, null, "", errors);
  }

  /** The plan asked for (the primary plan when none is), or the primary plan with the refusal said on the field. */
  private PlanCatalog plan(String code, Map<String, String> errors, Locale locale) {
    String c = blank(code);
    PlanCatalog found = plans.find(c).orElse(null);
    if (found == null) {
      errors.put("plan", say("desk.open.error.noPlan", locale, shown(c)));
      return plans.primary();
    }
    return found;
  }

  @PostMapping(PATH)
  Object open(@RequestParam(required = false) String plan, @RequestParam(required = false) String row, @RequestParam(required = false) String period,
      @RequestParam(required = false) String dueDate, Authentication authentication, HttpServletRequest request,
      HttpServletResponse response, Model model, RedirectAttributes after) {
    Locale locale = RequestContextUtils.getLocale(request);
    Caller caller = Caller.of(authentication);
    if (!caller.isIn(Roles.COORDINATOR)) {
      return refused(response, model, locale);
    }
    String r = blank(row);
    String p = blank(period);
    String d = blank(dueDate);
    Map<String, String> errors = new LinkedHashMap<>();
    PlanCatalog catalog = plan(plan, errors, locale);
    if (r == null) {
      errors.put("row", say("desk.open.error.rowRequired", locale));
    }
    if (r != null && p == null) {
      errors.put("period", say("desk.open.error.periodRequired", locale));
    }
    LocalDate day = null;
    boolean conflict = false;
    if (d != null) {
      try {
        day = LocalDate.parse(d);
      } catch (DateTimeParseException e) {
        errors.put("dueDate", say("desk.open.error.dueDate", locale, shown(d)));
      }
    }
    if (errors.isEmpty()) {
      OffsetDateTime due = day == null ? null : dueDates.onDay(day).dueAt();
      try {
        CycleService.OpenedCycle opened = cycles.open(catalog.code(), r, p, caller.userId(), due);
        PlanPeriod shown = calendars.find(catalog.code()).orElseThrow().find(opened.row(), opened.periodKey()).orElseThrow();
        after.addFlashAttribute("opened", say("desk.open.done", locale, opened.row(), shown.label().in(locale),
            date(opened.dueAt(), locale), opened.assignments().size()));
        String lang = request.getParameter("lang");
        String planQuery = catalog == plans.primary() ? "" : "plan=" + catalog.code();
        String langQuery = lang != null && UserSettings.LANGUAGES.contains(lang) ? "lang=" + lang : "";
        String query = String.join("&", java.util.stream.Stream.of(planQuery, langQuery).filter(q -> !q.isEmpty()).toList());
        return SignInController.redirect(PATH + (query.isEmpty() ? "" : "?" + query));
      } catch (UnknownPeriodException e) {
        String code = e.words().getCodes() == null ? "" : e.words().getCodes()[0];
        switch (code) {
          case "period.heading" -> errors.put("row", say("desk.open.error.heading", locale, r));
          case "period.noRow" -> errors.put("row", say("desk.open.error.noRow", locale, shown(r)));
          default -> errors.put("period", say("desk.open.error.noPeriod", locale, r, shown(p)));
        }
      } catch (CycleAlreadyOpenException e) {
        conflict = true;
        errors.put("period", say("desk.open.error.alreadyOpen", locale, e.cycleKey()));
      } catch (RejectedInput e) {
        CycleService.DueRange range = cycles.dueRange(catalog.code(), r, p);
        LocalDate from = range.now().isAfter(range.notBefore()) ? range.now().toLocalDate() : range.notBefore().atZoneSameInstant(zone).toLocalDate();
        errors.put("dueDate", say("desk.open.error.dueRange", locale, date(from, locale), date(range.notAfter(), locale)));
      }
    }
    response.setStatus(conflict ? HttpStatus.CONFLICT.value() : HttpStatus.BAD_REQUEST.value());
    String keep = errors.containsKey("row") ? null : r;
    return form(model, locale, catalog, keep, p, d == null ? "" : d, errors);
  }

  private String form(Model model, Locale locale, PlanCatalog catalog, String row, String period, String dueDate, Map<String, String> errors) {
    kz.jospar.calendar.PlanCalendar calendar = calendars.find(catalog.code()).orElseThrow();
    // several plans running: the coordinator chooses the plan first, each named with its years in the reader's language
    model.addAttribute("plans", plans.all().size() < 2 ? List.of()
        : plans.stream().map(pc -> new Option(pc.code(), pc.firstYear() + "–" + pc.lastYear() + " " + pc.title().in(locale))).toList());
    model.addAttribute("plan", catalog == plans.primary() ? null : catalog.code());
    List<Option> rows = catalog.rows().filter(PlanRow::hasSchedule)
        .map(r -> new Option(r.number(), cut(r.number() + " " + r.name().in(locale)))).toList();
    List<Option> periods = new ArrayList<>();
    if (row != null) {
      PlanRow chosen = catalog.row(row).orElseThrow();
      for (int year = catalog.firstYear(); year <= catalog.lastYear(); year++) {
        for (PlanPeriod p : calendar.periods(chosen, year)) {
          periods.add(new Option(p.key(), say("desk.open.periodOption", locale, p.label().in(locale), date(p.deadline(), locale))));
        }
      }
    }
    model.addAttribute("allowed", true);
    model.addAttribute("rows", rows);
    model.addAttribute("row", row);
    model.addAttribute("rowName", row == null ? null : catalog.row(row).map(r -> r.number() + " " + r.name().in(locale)).orElse(row));
    model.addAttribute("periods", periods);
    model.addAttribute("period", period);
    model.addAttribute("dueDate", dueDate);
    model.addAttribute("errors", errors);
    model.addAttribute("lang", locale.getLanguage());
    return "desk/open-period";
  }

  private String refused(HttpServletResponse response, Model model, Locale locale) {
    response.setStatus(HttpStatus.FORBIDDEN.value());
    model.addAttribute("allowed", false);
    model.addAttribute("errors", Map.of());
    model.addAttribute("lang", locale.getLanguage());
    return "desk/open-period";
  }

  private String date(LocalDate day, Locale locale) {
    return day.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
  }

  private String date(OffsetDateTime moment, Locale locale) {
    return date(moment.atZoneSameInstant(zone).toLocalDate(), locale);
  }

  private String say(String key, Locale locale, Object... args) {
    return words.getMessage(key, args, locale);
  }

  /** A value as sent, cut short: a refusal does not echo a megabyte back. */
  private static String shown(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }

  /** A list's line short enough for a phone; the chosen item's whole name is its heading. */
  private static String cut(String label) {
    return label.length() <= 110 ? label : label.substring(0, 109) + "…";
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
