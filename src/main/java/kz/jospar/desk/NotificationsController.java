package kz.jospar.desk;

import kz.jospar.engine.EngineClock;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import kz.jospar.language.LocalizedText;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.access.Caller;
import kz.jospar.reporting.TaskTitles;
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
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The desk's notifications: what the e-mails tell, said in the reader's language when read, newest
 * first, each unread one marked in words and style until its reader marks it read. A person sees and
 * marks only their own: the recipient is the signed-in user, never a value of the request.
 */
@Controller
class NotificationsController {

  /** Notifications per page. */
  static final int LIMIT = 50;

  private final Notifications notes;
  private final PlanCatalog catalog;
  private final CycleWords cycleWords;
  private final DeskTimes times;
  private final MessageSource words;

  NotificationsController(Notifications notes, PlanCatalog catalog, CycleWords cycleWords, DeskTimes times, MessageSource words) {
    this.notes = notes;
    this.catalog = catalog;
    this.cycleWords = cycleWords;
    this.times = times;
    this.words = words;
  }

  /** One notification as its reader sees it. */
  record Shown(long id, String headline, boolean unread, String at, List<Map.Entry<String, String>> facts, String reason,
      String link, boolean inDesk, boolean taskDone) {}

  @GetMapping("/jospar/desk/notifications")
  String page(Authentication authentication, HttpServletRequest request, Model model, @RequestParam(defaultValue = "0") int from) {
    Caller caller = Caller.of(authentication);
    Locale locale = RequestContextUtils.getLocale(request);
    int start = Math.max(0, from);
    List<Notifications.Stored> page = notes.page(caller.userId(), start, LIMIT);
    Set<String> open = notes.stillOpen(page.stream().map(Notifications.Stored::taskId).filter(Objects::nonNull).distinct().toList());
    LocalDate today = LocalDate.ofInstant(EngineClock.instant(), times.zone());
    List<Shown> shown = page.stream().map(n -> shown(n, open, today, locale)).toList();
    int total = notes.count(caller.userId());
    model.addAttribute("notes", shown);
    model.addAttribute("total", total);
    model.addAttribute("from", start);
    model.addAttribute("last", start + shown.size());
    model.addAttribute("previous", Math.max(0, start - LIMIT));
    model.addAttribute("next", start + LIMIT);
    model.addAttribute("hasNext", start + shown.size() < total);
    model.addAttribute("lang", locale.getLanguage());
    return "desk/notifications";
  }

  /** Marks one of the person's own notifications read; another person's, or none, is not found. */
  @PostMapping("/jospar/desk/notifications/{id}/read")
  String markRead(@PathVariable String id, Authentication authentication, HttpServletRequest request,
      @RequestParam(defaultValue = "0") int from, @RequestParam(required = false) String lang) {
    Caller caller = Caller.of(authentication);
    Long number = id.matches("\\d{1,18}") ? Long.valueOf(id) : null;
    if (number == null || !notes.markRead(caller.userId(), number, EngineClock.instant())) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND,
          words.getMessage("desk.notes.gone", null, RequestContextUtils.getLocale(request)));
    }
    return back(from, lang);
  }

  @PostMapping("/jospar/desk/notifications/read")
  String markAllRead(Authentication authentication, @RequestParam(defaultValue = "0") int from,
      @RequestParam(required = false) String lang) {
    notes.markAllRead(Caller.of(authentication).userId(), EngineClock.instant());
    return back(from, lang);
  }

  /** Back to the page the person was on, in the language they chose there. */
  private static String back(int from, String lang) {
    UriComponentsBuilder to = UriComponentsBuilder.fromPath("/jospar/desk/notifications");
    if (from > 0) {
      to.queryParam("from", from);
    }
    if (lang != null && Set.of("kk", "ru", "en").contains(lang)) {
      to.queryParam("lang", lang);
    }
    return "redirect:" + to.toUriString();
  }

  private Shown shown(Notifications.Stored n, Set<String> open, LocalDate today, Locale locale) {
    CycleWords.Said said = cycleWords.of(n.cycleKey(), locale);
    List<Map.Entry<String, String>> facts = new ArrayList<>();
    if (said != null) {
      facts.add(Map.entry(say("desk.ctx.item", locale),
          (said.plan() == null ? "" : said.plan() + " · ") + said.rowNumber() + (said.rowName().isEmpty() ? "" : " " + said.rowName())));
      facts.add(Map.entry(say("desk.ctx.period", locale), said.period()));
    }
    if (n.body() != null) {
      facts.add(Map.entry(say("desk.ctx.body", locale),
          catalog.bodies().find(n.body()).map(b -> b.nameOn(today).in(locale)).orElse(n.body())));
    }
    if (n.dueAt() != null && n.kind() != Notifications.Kind.accepted) {
      facts.add(Map.entry(say("desk.notes.due", locale), times.dateTime(n.dueAt(), locale)));
    }
    boolean taskDone = n.taskId() != null && !open.contains(n.taskId());
    boolean inDesk = n.taskKey() != null && DeskController.KINDS.contains(n.taskKey());
    String link = n.taskId() == null || taskDone ? null
        : inDesk ? "/jospar/desk/task/" + n.taskId() : "/camunda/app/tasklist/default/#/?task=" + n.taskId();
    return new Shown(n.id(), headline(n, locale), n.readAt() == null, times.dateTime(n.createdAt(), locale), facts, n.reason(), link,
        inDesk, taskDone);
  }

  private String headline(Notifications.Stored n, Locale locale) {
    return switch (n.kind()) {
      case task -> {
        LocalizedText title = n.taskKey() == null ? null : TaskTitles.title(n.taskKey(), n.byAgreement());
        String what = title != null ? title.in(locale) : n.taskName() != null ? n.taskName() : n.taskKey();
        yield words.getMessage("desk.notes.kind.task", new Object[] {what}, locale);
      }
      case escalation -> words.getMessage("desk.notes.kind.escalation", new Object[] {n.level()}, locale);
      case deadline -> {
        LocalizedText title = n.taskKey() == null ? null : TaskTitles.title(n.taskKey(), n.byAgreement());
        yield words.getMessage("desk.notes.kind.deadline." + Math.min(n.level(), 2), new Object[] {title == null ? n.taskKey() : title.in(locale)},
            locale);
      }
      case extension -> say("desk.notes.kind.extension." + Math.min(n.level(), 2), locale);
      default -> say("desk.notes.kind." + n.kind().name(), locale);
    };
  }

  private String say(String key, Locale locale) {
    return words.getMessage(key, null, locale);
  }
}
