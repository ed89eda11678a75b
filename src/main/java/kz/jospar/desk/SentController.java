package kz.jospar.desk;

import kz.jospar.engine.EngineClock;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import kz.jospar.catalog.Body;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.access.Caller;
import kz.jospar.reporting.ReportProcess.Event;
import kz.jospar.reporting.ReportService;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * "What we sent": the reports of the person's own bodies (the body groups Jospar's identity gives the
 * signed-in person, never a body named in the request), their state and history in the reader's
 * language. The coordinator and oversight follow every body in the monitor; here they see only the
 * bodies they themselves belong to, if any.
 */
@Controller
class SentController {

  private final SentReports sent;
  private final MyWork work;
  private final PlanCatalog catalog;
  private final CycleWords cycleWords;
  private final DeskTimes times;
  private final MessageSource words;

  SentController(SentReports sent, MyWork work, PlanCatalog catalog, CycleWords cycleWords, DeskTimes times, MessageSource words) {
    this.sent = sent;
    this.work = work;
    this.catalog = catalog;
    this.cycleWords = cycleWords;
    this.times = times;
    this.words = words;
  }

  /** One step of a report's history, in words. */
  record ShownStep(String decision, String who, String when, String reason) {}

  /** One report as the page shows it. */
  record Shown(String item, String rowName, String period, String body, String state, String stateCode, ShownStep last,
      List<ShownStep> history) {}

  @GetMapping("/jospar/desk/sent")
  String sent(Authentication authentication, HttpServletRequest request, Model model, @RequestParam(defaultValue = "0") int from) {
    Caller caller = Caller.of(authentication);
    Locale locale = RequestContextUtils.getLocale(request);
    List<Body> bodies = work.bodiesOf(caller.groups());
    int start = Math.max(0, from);
    SentReports.Page page = sent.of(bodies.stream().map(Body::code).toList(), start);
    LocalDate today = LocalDate.ofInstant(EngineClock.instant(), times.zone());
    List<Shown> shown = page.reports().stream().map(r -> shown(r, today, locale)).toList();
    model.addAttribute("reports", shown);
    model.addAttribute("bodies", bodies.stream().map(b -> b.nameOn(today).in(locale)).toList());
    model.addAttribute("total", page.total());
    model.addAttribute("from", start);
    model.addAttribute("last", start + shown.size());
    model.addAttribute("previous", Math.max(0, start - SentReports.LIMIT));
    model.addAttribute("next", start + SentReports.LIMIT);
    model.addAttribute("hasNext", start + shown.size() < page.total());
    model.addAttribute("wholePlan", caller.seesWholePlan());
    model.addAttribute("lang", locale.getLanguage());
    return "desk/sent";
  }

  private Shown shown(SentReports.Report r, LocalDate today, Locale locale) {
    CycleWords.Said said = cycleWords.of(r.cycleKey(), locale);
    String rowNumber = said == null ? r.cycleKey() : said.rowNumber();
    String rowName = said == null ? "" : (said.plan() == null ? "" : said.plan() + " · ") + said.rowName();
    String period = said == null ? "" : said.period();
    String body = catalog.bodies().find(r.body()).map(b -> b.nameOn(today).in(locale)).orElse(r.body());
    String state = words.getMessage("state." + r.state(), null, r.state(), locale);
    SentReports.Step last = r.lastDecision();
    return new Shown(rowNumber, rowName, period, body, state, r.state(), last == null ? null : step(last, locale),
        r.history().stream().map(s -> step(s, locale)).toList());
  }

  private ShownStep step(SentReports.Step s, Locale locale) {
    boolean late = s.event() == Event.SUBMITTED && "late".equals(s.reason());
    String decision = words.getMessage("desk.sent.event." + s.event().name() + (late ? ".late" : ""), null, locale);
    String who = s.who() != null ? s.who()
        : ReportService.ENGINE.equals(s.actor()) ? words.getMessage("desk.sent.engine", null, locale) : s.actor();
    if (s.forWhom() != null) { // a deputy's step for an absent person: both are named
      who = words.getMessage("desk.sent.onBehalf", new Object[] {who, s.forWhom()}, locale);
    }
    String reason = s.event() == Event.SUBMITTED ? null : s.reason();
    return new ShownStep(decision, who, times.dateTime(s.at(), locale), reason);
  }
}
