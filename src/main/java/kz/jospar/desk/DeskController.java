package kz.jospar.desk;

import kz.jospar.language.Plural;

import kz.jospar.engine.EngineClock;

import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import kz.jospar.catalog.PlanRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.language.FieldError;
import kz.jospar.completion.TaskForm;
import kz.jospar.reporting.CycleProperties;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import kz.jospar.catalog.Body;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.access.Caller;
import kz.jospar.language.Languages;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.reporting.TaskTitles;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import jakarta.servlet.http.HttpServletResponse;
import kz.jospar.reporting.ReportProcess.Vars;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

/** The desk's pages, server-rendered for a slow line: "my work" first. */
@Controller
class DeskController {

  /** The kinds of step a list can be narrowed to, in the order people meet them. */
  static final List<String> KINDS = List.of(ReportProcess.TASK_SUBMIT_REPORT, ReportProcess.TASK_REVIEW_BY_SUPERVISOR,
      ReportProcess.TASK_REVIEW_BY_COORDINATOR, ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL1, ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL2,
      ReportProcess.TASK_CONSOLIDATE_REPORTS, ReportProcess.TASK_CLOSE_PERIOD, ReportProcess.TASK_PREPARE_SESSION,
      ReportProcess.TASK_RECORD_SESSION_HELD, ReportProcess.TASK_UPDATE_REGISTER);

  private final MyWork work;
  private final kz.jospar.catalog.Plans plans;
  private final DeskTasks tasks;
  private final MessageSource words;
  private final PlanCatalog catalog;
  private final ZoneId zone;

  DeskController(MyWork work, DeskTasks tasks, MessageSource words, PlanCatalog catalog, CycleProperties cycles,
      kz.jospar.catalog.Plans plans) {
    this.work = work;
    this.plans = plans;
    this.tasks = tasks;
    this.words = words;
    this.catalog = catalog;
    this.zone = cycles.zone();
  }

  /** A row and what the list says of its timing, in the reader's language. */
  record Shown(MyWork.Row row, String when) {}

  @GetMapping("/jospar/desk")
  String myWork(Authentication authentication, HttpServletRequest request, Model model,
      @RequestParam(required = false) String plan, @RequestParam(required = false) String row, @RequestParam(required = false) String period,
      @RequestParam(required = false) String body, @RequestParam(required = false) String kind,
      @RequestParam(required = false) String q, @RequestParam(required = false) String done,
      @RequestParam(defaultValue = "0") int from) {
    Caller caller = Caller.of(authentication);
    Locale locale = RequestContextUtils.getLocale(request);
    MyWork.Filter filter = new MyWork.Filter(blank(plan), blank(row), blank(period), blank(body), kind != null && KINDS.contains(kind) ? kind : null, blank(q));
    MyWork.Work found = work.of(caller.userId(), caller.groups(), filter, locale, EngineClock.instant(), from);
    List<Shown> shown = found.rows().stream().map(r -> new Shown(r, when(r, locale))).toList();
    Map<String, String> kinds = new LinkedHashMap<>();
    KINDS.forEach(k -> kinds.put(k, TaskTitles.title(k, false).in(locale)));
    List<Body> bodies = work.bodiesOf(caller.groups());
    model.addAttribute("rows", shown);
    model.addAttribute("rowsHtml", WorkRows.html(shown, DeskTasks.BULK.keySet(), KINDS, blank(request.getParameter("lang")), words, locale));
    model.addAttribute("total", found.total());
    model.addAttribute("cut", found.cut());
    model.addAttribute("from", found.from());
    model.addAttribute("hasNext", found.hasNext());
    model.addAttribute("next", found.from() + work.pageSize());
    model.addAttribute("previous", Math.max(0, found.from() - work.pageSize()));
    model.addAttribute("filter", filter);
    model.addAttribute("kinds", kinds);
    // several plans running: the list can be narrowed to one, each named in the reader's language with its years
    model.addAttribute("plans", plans.all().size() < 2 ? List.of() : plans.stream()
        .map(p -> Map.entry(p.code(), p.firstYear() + "–" + p.lastYear() + " " + p.title().in(locale))).toList());
    model.addAttribute("bodies", bodies.size() > 1 ? bodies.stream().map(b -> Map.entry(b.code(), b.name().in(locale))).toList() : List.of());
    model.addAttribute("overdue", found.overdue()); // in the whole list, not only this page
    model.addAttribute("last", found.from() + found.rows().size());
    model.addAttribute("lang", locale.getLanguage());
    model.addAttribute("done", done != null && DONE.contains(done) ? words.getMessage("desk.done." + done, null, locale) : null);
    model.addAttribute("bulkKinds", DeskTasks.BULK.keySet());
    model.addAttribute("bulkOnPage", found.rows().stream().filter(r -> DeskTasks.BULK.containsKey(r.taskKey())).count());
    model.addAttribute("forms", KINDS);
    return "desk/work";
  }

  @GetMapping("/jospar/desk/task/{id}")
  String task(@PathVariable String id, Authentication authentication, HttpServletRequest request, Model model) {
    Caller caller = Caller.of(authentication);
    Locale locale = RequestContextUtils.getLocale(request);
    DeskTasks.Opened opened = tasks.open(id, caller).orElse(null);
    if (opened == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, words.getMessage("desk.task.gone", null, locale));
    }
    return taskPage(opened, caller, locale, model, Map.of(), List.of(), null);
  }

  @PostMapping(path = "/jospar/desk/task/{id}", consumes = {MediaType.MULTIPART_FORM_DATA_VALUE, MediaType.APPLICATION_FORM_URLENCODED_VALUE})
  String complete(@PathVariable String id, @RequestParam Map<String, String> form, Authentication authentication,
      HttpServletRequest request, Model model, HttpServletResponse response) {
    Caller caller = Caller.of(authentication);
    Locale locale = RequestContextUtils.getLocale(request);
    // only the task's kind first: its page is read again only when the completion is refused
    String key = tasks.kindOf(id).orElse(null);
    TaskForm taskForm = key == null ? null : tasks.form(key).orElse(null);
    if (taskForm == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, words.getMessage("desk.task.gone", null, locale));
    }
    Map<String, MultipartFile> files = request instanceof MultipartHttpServletRequest multipart ? multipart.getFileMap() : Map.of();
    Map<String, Object> variables = DeskTasks.variables(taskForm, form, files, zone);
    request.setAttribute(Languages.PAGE_LANGUAGE, locale); // the completion check's refusals speak the page's language
    DeskTasks.Outcome outcome = tasks.complete(id, caller, variables);
    if (outcome.done()) {
      // the list after it speaks the page's language (an empty lang field of the form is no choice)
      String asked = form.get("lang");
      return "redirect:/jospar/desk?done=" + done(key, variables) + (asked == null || asked.isBlank() ? "" : "&lang=" + locale.getLanguage());
    }
    DeskTasks.Opened opened = tasks.open(id, caller).orElse(null);
    if (opened == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, words.getMessage("desk.task.gone", null, locale));
    }
    response.setStatus(outcome.refusal() != null ? HttpStatus.FORBIDDEN.value() : HttpStatus.BAD_REQUEST.value());
    return taskPage(opened, caller, locale, model, form, outcome.errors(), refusal(outcome.refusal(), locale));
  }

  /** The most decisions one "all under this filter" makes: each is a completion of its own, and the page waits for them. */
  static final int MAX_BULK = 200;

  /**
   * Approves or accepts many reports at once: those ticked, all on the page, or all under the
   * list's filter (then first a page that says how many, to confirm). The tasks are always taken
   * from the person's own list (the filter re-applied to it, ticked ids kept only when in it);
   * each is then completed through the engine as the person, which decides it on its own.
   */
  @PostMapping("/jospar/desk/bulk")
  String bulk(@RequestParam(name = "task", required = false) List<String> ids,
      @RequestParam(name = "onPage", required = false) List<String> onPage, @RequestParam(defaultValue = "chosen") String scope,
      @RequestParam(required = false) String confirm, @RequestParam(required = false) String plan, @RequestParam(required = false) String row,
      @RequestParam(required = false) String period, @RequestParam(required = false) String body,
      @RequestParam(required = false) String kind, @RequestParam(required = false) String q, Authentication authentication,
      HttpServletRequest request, Model model) {
    Caller caller = Caller.of(authentication);
    Locale locale = RequestContextUtils.getLocale(request);
    MyWork.Filter filter = new MyWork.Filter(blank(plan), blank(row), blank(period), blank(body), kind != null && KINDS.contains(kind) ? kind : null, blank(q));
    model.addAttribute("lang", locale.getLanguage());
    model.addAttribute("filter", filter);
    List<String> chosen;
    if ("filter".equals(scope)) {
      chosen = work.all(caller.userId(), caller.groups(), filter, DeskTasks.BULK.keySet(), locale, EngineClock.instant(),
          MAX_BULK + 1);
      if (!"yes".equals(confirm)) {
        Map<String, String> labels = work.labels(chosen.stream().limit(MAX_BULK).toList(), locale);
        model.addAttribute("confirming", chosen.stream().limit(MAX_BULK).map(id -> labels.getOrDefault(id, id)).toList());
        model.addAttribute("more", chosen.size() > MAX_BULK);
        model.addAttribute("max", MAX_BULK);
        return "desk/bulk";
      }
    } else {
      List<String> given = "page".equals(scope) ? onPage : ids;
      chosen = given == null ? List.of() : given.stream().distinct().limit(work.pageSize()).toList();
    }
    boolean more = chosen.size() > MAX_BULK;
    chosen = chosen.stream().limit(MAX_BULK).toList();
    Set<String> mine = work.mine(chosen, caller.groups());
    Map<String, String> labels = work.labels(mine, locale); // a task not in the person's list is not described to them
    request.setAttribute(Languages.PAGE_LANGUAGE, locale);
    Map<String, DeskTasks.Outcome> results = new LinkedHashMap<>();
    List<String> decidable = chosen.stream().filter(mine::contains).toList();
    Map<String, DeskTasks.Outcome> decided = tasks.decideAll(decidable, caller);
    for (String id : chosen) {
      results.put(id, mine.contains(id) ? decided.get(id) : new DeskTasks.Outcome(false, List.of(), "gone"));
    }
    List<Map<String, String>> shown = results.entrySet().stream().map(e -> Map.of("task", labels.getOrDefault(e.getKey(), e.getKey()),
        "ok", String.valueOf(e.getValue().done()),
        "why", e.getValue().done() ? "" : e.getValue().errors().isEmpty() ? refusal(e.getValue().refusal(), locale)
            : FieldError.Said.joined(e.getValue().errors()))).toList();
    model.addAttribute("results", shown);
    model.addAttribute("decided", results.values().stream().filter(DeskTasks.Outcome::done).count());
    model.addAttribute("more", more);
    model.addAttribute("max", MAX_BULK);
    return "desk/bulk";
  }

  /** One field of a task's page: drawn from the task's form definition, with what was typed and what was wrong. */
  public record FieldView(String name, String kind, String need, boolean required, String label, String hint, int max, String value,
      String error) {}

  private String taskPage(DeskTasks.Opened opened, Caller caller, Locale locale, Model model, Map<String, String> form,
      List<FieldError.Said> errors, String refusal) {
    String key = opened.task().getTaskDefinitionKey();
    boolean byAgreement = opened.facts() != null && opened.facts().byAgreement();
    Optional<TaskForm> taskForm = tasks.form(key);
    Map<String, String> byField = new LinkedHashMap<>();
    errors.forEach(e -> byField.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
    boolean quota = opened.shown().get(Vars.QUOTA_COUNT) != null;
    String year = String.valueOf(opened.shown().getOrDefault(Vars.PERIOD_KEY, "")).replaceAll("^(\\d{4}).*$", "$1");
    List<FieldView> fields = new ArrayList<>();
    for (TaskForm.Field f : taskForm.map(TaskForm::fields).orElse(List.of())) {
      if (f.need() == TaskForm.Need.BY_AGREEMENT_ONLY && !byAgreement) {
        continue; // only a body taking part by agreement may decline
      }
      if (f.need() == TaskForm.Need.IF_INDICATORS && !Boolean.TRUE.equals(opened.shown().get(Vars.RECORDS_INDICATORS))) {
        continue;
      }
      boolean required = switch (f.need()) {
        case REQUIRED, UNLESS_DECLINED, IF_INDICATORS -> true;
        case IF_QUOTA -> quota;
        default -> false;
      };
      String label = indicatorLabel(f.name(), year, locale)
          .orElseGet(() -> words.getMessage("desk.field." + f.name(), null, f.name(), locale));
      String hint = f.document() ? words.getMessage("desk.hint.document", new Object[] {tasks.acceptedDocuments(),
          tasks.maxDocumentBytes() / (1024 * 1024)}, locale) : words.getMessage("desk.hint." + f.name(), null, null, locale);
      fields.add(new FieldView(f.name(), f.kind().name(), f.need().name(), required, label, hint, f.max(), form.get(f.name()),
          byField.get(f.name())));
    }
    model.addAttribute("t", opened);
    model.addAttribute("key", key);
    model.addAttribute("title", Optional.ofNullable(TaskTitles.title(key, byAgreement)).map(tt -> tt.in(locale)).orElse(opened.task().getName()));
    model.addAttribute("hasForm", taskForm.isPresent());
    model.addAttribute("multipart", taskForm.map(TaskForm::hasDocument).orElse(false));
    model.addAttribute("fields", fields);
    model.addAttribute("fourEyes", opened.fourEyes() == null ? null : opened.fourEyes().in(words, locale));
    model.addAttribute("byAgreement", byAgreement);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("fieldErrors", byField);
    model.addAttribute("labels", fields.stream().collect(java.util.stream.Collectors.toMap(FieldView::name, FieldView::label)));
    model.addAttribute("refusal", refusal);
    Optional<MyWork.Row> context = work.context(opened.task(), locale);
    model.addAttribute("context", context);
    model.addAttribute("when", context.map(c -> when(c, locale)).orElse(""));
    Optional<PlanRow> item = context.map(MyWork.Row::rowNumber).flatMap(catalog::row);
    model.addAttribute("deadline", item.map(r -> r.deadline() == null ? null : r.deadline().in(locale)).orElse(null));
    model.addAttribute("completionForm", item.map(r -> r.completionForm() == null ? null : r.completionForm().in(locale)).orElse(null));
    model.addAttribute("quota", item.map(PlanRow::quota).map(qt -> words.getMessage(qt.minimum() ? "desk.ctx.quota.atLeast" : "desk.ctx.quota.exactly",
        new Object[] {qt.count(), qt.unit()}, locale)).orElse(null));
    model.addAttribute("escalation", key.startsWith("Task_ActOnOverdue")
        ? words.getMessage("desk.escalation." + key, null, locale) : null);
    model.addAttribute("sessionDate", opened.shown().get(Vars.SESSION_DATE) instanceof java.util.Date d
        ? d.toInstant().atZone(zone).toLocalDate().format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale)) : null);
    model.addAttribute("fourEyesRule", words.getMessage("desk.fourEyes.rule." + key, null, null, locale));
    model.addAttribute("documents", opened.documents().stream().map(d -> Map.entry(d, words.getMessage("desk.document." + d, null, d, locale)))
        .toList());
    model.addAttribute("next", words.getMessage("desk.next." + key, null, "", locale));
    model.addAttribute("action", words.getMessage("desk.action." + key, null, words.getMessage("desk.action.complete", null, locale), locale));
    model.addAttribute("lang", locale.getLanguage());
    return "desk/task";
  }

  /** An indicator's field: its name in the reader's language, with the plan's value for the period's year. */
  private Optional<String> indicatorLabel(String field, String year, Locale locale) {
    return catalog.indicators().stream().filter(i -> ReportProcess.Vars.indicatorValue(i.number()).equals(field)).findFirst()
        .map(i -> i.name().in(locale) + ", " + i.unit() + (year.matches("\\d{4}") && i.planned().containsKey(Integer.valueOf(year))
            ? " (" + words.getMessage("desk.indicator.planned", new Object[] {i.planned().get(Integer.valueOf(year)).toPlainString()}, locale) + ")"
            : ""));
  }

  /** What the confirmation says happened, and so what happens next. */
  static String done(String key, Map<String, Object> variables) {
    return switch (key) {
      case ReportProcess.TASK_SUBMIT_REPORT -> Boolean.TRUE.equals(variables.get(Vars.DECLINED)) ? "declined" : "submitted";
      case ReportProcess.TASK_REVIEW_BY_SUPERVISOR -> Boolean.TRUE.equals(variables.get(Vars.APPROVED)) ? "approved" : "returned";
      case ReportProcess.TASK_REVIEW_BY_COORDINATOR -> Boolean.TRUE.equals(variables.get(Vars.ACCEPTED)) ? "accepted" : "returnedByCoordinator";
      case ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL1 -> "overdueActed1";
      case ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL2 -> "overdueActed2";
      case ReportProcess.TASK_CONSOLIDATE_REPORTS -> "consolidated";
      case ReportProcess.TASK_CLOSE_PERIOD -> "closed";
      case ReportProcess.TASK_PREPARE_SESSION -> "sessionPrepared";
      case ReportProcess.TASK_RECORD_SESSION_HELD -> "sessionHeld";
      case ReportProcess.TASK_UPDATE_REGISTER -> "registerUpdated";
      default -> "done";
    };
  }

  private String refusal(String refusal, Locale locale) {
    if (refusal == null) {
      return null;
    }
    return switch (refusal) {
      case "gone", "claimed", "notBulk" -> words.getMessage("desk.refusal." + refusal, null, locale);
      default -> refusal;
    };
  }

  /** "2 working days left", "3 days overdue", "due today", in the reader's language and grammar. */
  String when(MyWork.Row r, Locale locale) {
    return switch (r.timing()) {
      case ESCALATED -> r.days() == 0 ? words.getMessage("desk.when.escalated", null, locale)
          : words.getMessage("desk.when.escalated." + Plural.of(r.days(), locale), new Object[] {r.days()}, locale);
      case OVERDUE -> words.getMessage("desk.when.overdue." + Plural.of(r.days(), locale), new Object[] {r.days()}, locale);
      case DUE_TODAY -> words.getMessage("desk.when.today", null, locale);
      case DUE_SOON, ON_TIME -> words.getMessage("desk.when.left." + Plural.of(r.days(), locale), new Object[] {r.days()}, locale);
      case NO_DATE -> words.getMessage("desk.when.none", null, locale);
    };
  }

  static final Set<String> DONE = Set.of("submitted", "declined", "approved", "returned", "accepted", "returnedByCoordinator",
      "overdueActed1", "overdueActed2", "consolidated", "closed", "sessionPrepared", "sessionHeld", "registerUpdated", "done");

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
