package kz.jospar.desk;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.jospar.catalog.Body;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.identity.Caller;
import kz.jospar.identity.Roles;
import kz.jospar.people.Languages;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
  private final DeskTasks tasks;
  private final MessageSource words;
  private final PlanCatalog catalog;

  DeskController(MyWork work, DeskTasks tasks, MessageSource words, PlanCatalog catalog) {
    this.work = work;
    this.tasks = tasks;
    this.words = words;
    this.catalog = catalog;
  }

  /** A row and what the list says of its timing, in the reader's language. */
  record Shown(MyWork.Row row, String when) {}

  @GetMapping("/jospar/desk")
  String myWork(Authentication authentication, HttpServletRequest request, Model model,
      @RequestParam(required = false) String row, @RequestParam(required = false) String period,
      @RequestParam(required = false) String body, @RequestParam(required = false) String kind,
      @RequestParam(required = false) String q, @RequestParam(required = false) String done,
      @RequestParam(defaultValue = "0") int from) {
    Caller caller = Caller.of(authentication);
    Locale locale = RequestContextUtils.getLocale(request);
    MyWork.Filter filter = new MyWork.Filter(blank(row), blank(period), blank(body), kind != null && KINDS.contains(kind) ? kind : null, blank(q));
    MyWork.Work found = work.of(caller.userId(), caller.groups(), filter, locale, ClockUtil.getCurrentTime().toInstant(), from);
    List<Shown> shown = found.rows().stream().map(r -> new Shown(r, when(r, locale))).toList();
    Map<String, String> kinds = new LinkedHashMap<>();
    KINDS.forEach(k -> kinds.put(k, TaskTitles.title(k, false).in(locale)));
    List<Body> bodies = work.bodiesOf(caller.groups());
    model.addAttribute("rows", shown);
    model.addAttribute("total", found.total());
    model.addAttribute("cut", found.cut());
    model.addAttribute("from", found.from());
    model.addAttribute("hasNext", found.hasNext());
    model.addAttribute("next", found.from() + MyWork.LIMIT);
    model.addAttribute("previous", Math.max(0, found.from() - MyWork.LIMIT));
    model.addAttribute("filter", filter);
    model.addAttribute("kinds", kinds);
    model.addAttribute("bodies", bodies.size() > 1 ? bodies.stream().map(b -> Map.entry(b.code(), b.name().in(locale))).toList() : List.of());
    model.addAttribute("overdue", found.overdue()); // in the whole list, not only this page
    model.addAttribute("last", found.from() + found.rows().size());
    model.addAttribute("lang", locale.getLanguage());
    model.addAttribute("user", caller.userId());
    model.addAttribute("coordinator", caller.isIn(Roles.COORDINATOR));
    model.addAttribute("done", done != null && DONE.contains(done) ? words.getMessage("desk.done." + done, null, locale) : null);
    model.addAttribute("bulkKinds", DeskTasks.BULK.keySet());
    // the bulk button only where something on the page can be decided in bulk (not on an official's list)
    model.addAttribute("anyBulk", shown.stream().anyMatch(s -> DeskTasks.BULK.containsKey(s.row().taskKey())));
    model.addAttribute("forms", DeskTasks.FORMS);
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
  String complete(@PathVariable String id, @RequestParam Map<String, String> form,
      @RequestParam(name = Vars.REPORT_DOCUMENT, required = false) MultipartFile document, Authentication authentication,
      HttpServletRequest request, Model model, HttpServletResponse response) {
    Caller caller = Caller.of(authentication);
    Locale locale = RequestContextUtils.getLocale(request);
    DeskTasks.Opened opened = tasks.open(id, caller).orElse(null);
    if (opened == null || !DeskTasks.FORMS.contains(opened.task().getTaskDefinitionKey())) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, words.getMessage("desk.task.gone", null, locale));
    }
    String key = opened.task().getTaskDefinitionKey();
    Map<String, Object> variables = DeskTasks.variables(key, form, document);
    request.setAttribute(Languages.PAGE_LANGUAGE, locale); // the completion check's refusals speak the page's language
    DeskTasks.Outcome outcome = tasks.complete(id, caller, variables);
    if (outcome.done()) {
      return "redirect:/jospar/desk?done=" + done(key, variables);
    }
    response.setStatus(outcome.refusal() != null ? HttpStatus.FORBIDDEN.value() : HttpStatus.BAD_REQUEST.value());
    return taskPage(opened, caller, locale, model, form, outcome.errors(), refusal(outcome.refusal(), locale));
  }

  @PostMapping("/jospar/desk/bulk")
  String bulk(@RequestParam(name = "task", required = false) List<String> ids, Authentication authentication, HttpServletRequest request,
      Model model) {
    Caller caller = Caller.of(authentication);
    Locale locale = RequestContextUtils.getLocale(request);
    List<String> chosen = ids == null ? List.of() : ids.stream().limit(MyWork.LIMIT).toList();
    Map<String, String> labels = work.labels(chosen, locale);
    request.setAttribute(Languages.PAGE_LANGUAGE, locale);
    Map<String, DeskTasks.Outcome> results = tasks.decideAll(chosen, caller);
    List<Map<String, String>> shown = results.entrySet().stream().map(e -> Map.of("task", labels.getOrDefault(e.getKey(), e.getKey()),
        "ok", String.valueOf(e.getValue().done()),
        "why", e.getValue().done() ? "" : e.getValue().errors().isEmpty() ? refusal(e.getValue().refusal(), locale)
            : kz.jospar.forms.FieldError.Said.joined(e.getValue().errors()))).toList();
    model.addAttribute("results", shown);
    model.addAttribute("decided", results.values().stream().filter(DeskTasks.Outcome::done).count());
    model.addAttribute("lang", locale.getLanguage());
    model.addAttribute("user", caller.userId());
    model.addAttribute("coordinator", caller.isIn(Roles.COORDINATOR));
    return "desk/bulk";
  }

  private String taskPage(DeskTasks.Opened opened, Caller caller, Locale locale, Model model, Map<String, String> form,
      List<kz.jospar.forms.FieldError.Said> errors, String refusal) {
    String key = opened.task().getTaskDefinitionKey();
    model.addAttribute("t", opened);
    model.addAttribute("key", key);
    model.addAttribute("title", java.util.Optional.ofNullable(TaskTitles.title(key, opened.facts() != null && opened.facts().byAgreement()))
        .map(tt -> tt.in(locale)).orElse(opened.task().getName()));
    model.addAttribute("hasForm", DeskTasks.FORMS.contains(key));
    model.addAttribute("ownReport", opened.ownReport(caller.userId()));
    model.addAttribute("byAgreement", opened.facts() != null && opened.facts().byAgreement());
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    Map<String, String> byField = new LinkedHashMap<>();
    errors.forEach(e -> byField.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
    model.addAttribute("fieldErrors", byField);
    model.addAttribute("refusal", refusal);
    java.util.Optional<MyWork.Row> context = work.context(opened.task(), locale);
    model.addAttribute("context", context);
    // "3 days overdue" beside the control date, as the list says it
    model.addAttribute("when", context.map(r -> when(r, locale)).orElse(null));
    // the completion form from the catalog in the reader's language (the task's variable holds the task's one language)
    model.addAttribute("completionForm", context.map(MyWork.Row::rowNumber).flatMap(catalog::row).map(r -> r.completionForm().in(locale))
        .orElse((String) opened.shown().get(Vars.COMPLETION_FORM)));
    model.addAttribute("lang", locale.getLanguage());
    model.addAttribute("user", caller.userId());
    model.addAttribute("coordinator", caller.isIn(Roles.COORDINATOR));
    return "desk/task";
  }

  /** What the confirmation says happened: submitted, declined, approved, returned, accepted. */
  static String done(String key, Map<String, Object> variables) {
    return switch (key) {
      case ReportProcess.TASK_SUBMIT_REPORT -> Boolean.TRUE.equals(variables.get(Vars.DECLINED)) ? "declined" : "submitted";
      case ReportProcess.TASK_REVIEW_BY_SUPERVISOR -> Boolean.TRUE.equals(variables.get(Vars.APPROVED)) ? "approved" : "returned";
      case ReportProcess.TASK_REVIEW_BY_COORDINATOR -> Boolean.TRUE.equals(variables.get(Vars.ACCEPTED)) ? "accepted" : "returnedByCoordinator";
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
      case OVERDUE -> words.getMessage("desk.when.overdue." + Plural.of(r.days(), locale), new Object[] {r.days()}, locale);
      case DUE_TODAY -> words.getMessage("desk.when.today", null, locale);
      case DUE_SOON, ON_TIME -> words.getMessage("desk.when.left." + Plural.of(r.days(), locale), new Object[] {r.days()}, locale);
      case NO_DATE -> words.getMessage("desk.when.none", null, locale);
    };
  }

  static final java.util.Set<String> DONE = java.util.Set.of("submitted", "declined", "approved", "returned", "accepted",
      "returnedByCoordinator", "done");

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
