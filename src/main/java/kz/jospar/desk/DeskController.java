package kz.jospar.desk;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.jospar.catalog.Body;
import kz.jospar.identity.Caller;
import kz.jospar.identity.Roles;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.reporting.TaskTitles;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
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
  private final MessageSource words;

  DeskController(MyWork work, MessageSource words) {
    this.work = work;
    this.words = words;
  }

  /** A row and what the list says of its timing, in the reader's language. */
  record Shown(MyWork.Row row, String when) {}

  @GetMapping("/jospar/desk")
  String myWork(Authentication authentication, HttpServletRequest request, Model model,
      @RequestParam(required = false) String row, @RequestParam(required = false) String period,
      @RequestParam(required = false) String body, @RequestParam(required = false) String kind,
      @RequestParam(required = false) String q) {
    Caller caller = Caller.of(authentication);
    Locale locale = RequestContextUtils.getLocale(request);
    MyWork.Filter filter = new MyWork.Filter(blank(row), blank(period), blank(body), kind != null && KINDS.contains(kind) ? kind : null, blank(q));
    MyWork.Work found = work.of(caller.userId(), caller.groups(), filter, locale, ClockUtil.getCurrentTime().toInstant());
    List<Shown> shown = found.rows().stream().map(r -> new Shown(r, when(r, locale))).toList();
    Map<String, String> kinds = new LinkedHashMap<>();
    KINDS.forEach(k -> kinds.put(k, TaskTitles.title(k, false).in(locale)));
    List<Body> bodies = work.bodiesOf(caller.groups());
    model.addAttribute("rows", shown);
    model.addAttribute("total", found.total());
    model.addAttribute("cut", found.cut());
    model.addAttribute("filter", filter);
    model.addAttribute("kinds", kinds);
    model.addAttribute("bodies", bodies.size() > 1 ? bodies.stream().map(b -> Map.entry(b.code(), b.name().in(locale))).toList() : List.of());
    model.addAttribute("overdue", found.rows().stream().filter(r -> r.timing() == MyWork.Timing.OVERDUE).count());
    model.addAttribute("lang", locale.getLanguage());
    model.addAttribute("user", caller.userId());
    model.addAttribute("coordinator", caller.isIn(Roles.COORDINATOR));
    return "desk/work";
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

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
