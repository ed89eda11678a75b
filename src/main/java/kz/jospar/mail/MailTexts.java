package kz.jospar.mail;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.jospar.calendar.PlanCalendar;
import kz.jospar.calendar.PlanCalendars;
import kz.jospar.calendar.PlanPeriod;
import kz.jospar.catalog.Body;
import kz.jospar.language.LocalizedText;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.catalog.PlanRow;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The words of Jospar's e-mails in Kazakh, Russian and English: the item with its number and name,
 * the period, the body, the due moment in Kazakhstan's time, a return's reason, the link to the task.
 */
@Component
class MailTexts {

  /** What one mail is about, in no language yet. */
  record Facts(MailKind kind, LocalizedText taskTitle, String cycleKey, String body, OffsetDateTime due, String reason,
      String taskId, int level) {}

  /** A mail in one language; {@code summary} is its part of a daily digest. */
  record Content(String subject, String text, String summary) {}

  static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

  private static LocalizedText t(String kk, String ru, String en) {
    return new LocalizedText(kk, ru, en);
  }

  static final LocalizedText GREETING = t("Құрметті әріптес!", "Уважаемый коллега!", "Dear colleague,");
  static final LocalizedText REMINDER = t("Еске салу", "Напоминание", "Reminder");
  static final LocalizedText RETURNED = t("Есеп қайтарылды", "Отчёт возвращён", "Report returned");
  static final LocalizedText ACCEPTED = t("Есеп қабылданды", "Отчёт принят", "Report accepted");
  static final LocalizedText CONTROL_DEADLINE_PASSED = t("Бақылау мерзімі өтті", "Контрольный срок истёк", "Control deadline passed");
  static final LocalizedText EXTENSION = t("Мерзімді ұзарту", "Продление срока", "Extension of the due date");
  static final LocalizedText DIGEST = t("Күнделікті хабарламалар", "Ежедневная сводка", "Daily digest");
  static final LocalizedText ITEM = t("Жоспар тармағы", "Пункт плана", "Plan item");
  static final LocalizedText PERIOD = t("Кезең", "Период", "Period");
  static final LocalizedText BODY = t("Орган", "Орган", "Body");
  static final LocalizedText DUE_AT = t("Мерзімі", "Срок", "Due");
  static final LocalizedText ASTANA_TIME = t("Астана уақыты", "время Астаны", "Astana time");
  static final LocalizedText REASON = t("Себебі", "Причина", "Reason");
  static final LocalizedText OPEN_TASK = t("Тапсырманы ашу", "Открыть задачу", "Open the task");
  static final LocalizedText OPEN_TASKLIST = t("Менің тапсырмаларым", "Мои задачи", "My work");
  static final LocalizedText FOOTER = t(
      "Бұл хатты Jospar жүйесі автоматты түрде жіберді; оған жауап бермеңіз. Хат алу тәсілін (әр оқиға бойынша, күнделікті жиынтық немесе мүлдем алмау) өз баптауларыңызда таңдай аласыз.",
      "Это письмо отправлено системой Jospar автоматически; не отвечайте на него. Способ получения писем (по каждому событию, ежедневная сводка или без писем) можно выбрать в своих настройках.",
      "Jospar sent this message automatically; please do not reply. You can choose how you get e-mail (one per event, a daily digest, or none) in your settings.");
  static final LocalizedText DIGEST_INTRO = t("Соңғы тәуліктегі хабарламаларыңыз", "Ваши уведомления за последние сутки",
      "Your notifications of the last day");

  private static LocalizedText intro(Facts f) {
    return switch (f.kind()) {
      case task -> t("Сізге жаңа тапсырма келді", "Вам поступила новая задача", "A new task has arrived for you");
      case reminder -> t("Есеп тапсыру мерзімі жақындап қалды. Есепті мерзімінде тапсыруды сұраймыз.",
          "Приближается срок сдачи отчёта. Просим сдать отчёт в срок.", "The report's deadline is near. Please submit it on time.");
      case escalation -> f.level() >= 2
          ? t("Орган есебін мерзімінде тапсырмады, 1-деңгейдегі шара да нәтиже бермеді (2-деңгей): шара қабылдаңыз немесе түсіндіріңіз.",
              "Орган не сдал отчёт в срок, и меры первого уровня не помогли (2-й уровень): примите меры или объясните.",
              "The body has not submitted its report on time, and level 1 did not help (level 2): act or explain.")
          : t("Орган есебін мерзімінде тапсырмады: шара қабылдаңыз немесе түсіндіріңіз.",
              "Орган не сдал отчёт в срок: примите меры или объясните.",
              "The body has not submitted its report on time: act or explain.");
      case returned -> t("Есеп пысықтауға қайтарылды. Себебін қарап, есепті жаңа мерзімге дейін қайта тапсырыңыз.",
          "Отчёт возвращён на доработку. Ознакомьтесь с причиной и сдайте отчёт повторно до нового срока.",
          "The report has been returned for revision. Read the reason and submit it again before the new due date.");
      case accepted -> t("Есеп қабылданды. Рақмет!", "Отчёт принят. Спасибо!", "The report has been accepted. Thank you!");
      case digest -> DIGEST_INTRO;
      case deadline -> switch (f.level()) {
        case 0 -> t("Тапсырманың бақылау мерзімі жақындап қалды; оны мерзімінде орындауды сұраймыз",
            "Приближается контрольный срок задачи; просим выполнить её в срок", "The task's control deadline is near; please complete it on time");
        case 1 -> t("Тапсырманың бақылау мерзімі өтті; оны кідіртпей орындаңыз",
            "Контрольный срок задачи истёк; выполните её без промедления", "The task's control deadline has passed; please complete it without delay");
        default -> t("Тапсырманың бақылау мерзімі әлдеқашан өтті (2-деңгей): шара қабылдаңыз",
            "Контрольный срок задачи давно истёк (2-й уровень): примите меры", "The task's control deadline passed long ago (level 2): please act");
      };
      case extension -> switch (f.level()) {
        case 0 -> t("Орган есеп мерзімін ұзартуды сұрайды; сұрауды қарап, шешім қабылдаңыз",
            "Орган просит продлить срок отчёта; рассмотрите запрос и примите решение",
            "A body asks for more time for its report; please review the request and decide");
        case 1 -> t("Есеп мерзімі ұзартылды", "Срок отчёта продлён", "The report's due date has been extended");
        default -> t("Есеп мерзімін ұзарту туралы сұрау қабылданбады; есепті бұрынғы мерзімде тапсырыңыз",
            "Запрос о продлении срока отчёта отклонён; сдайте отчёт в прежний срок",
            "The request for more time was refused; please submit the report by its current due date");
      };
    };
  }

  private final PlanCalendars calendars;
  private final MailProperties properties;

  private final kz.jospar.catalog.PlanVersions versions;

  MailTexts(PlanCalendars calendars, MailProperties properties, kz.jospar.catalog.PlanVersions versions) {
    this.versions = versions;
    this.calendars = calendars;
    this.properties = properties;
  }

  Content render(Facts f, Locale l) {
    String rowNumber = f.cycleKey() == null ? null : PlanPeriod.rowOf(f.cycleKey());
    String periodKey = f.cycleKey() == null ? null : f.cycleKey().substring(f.cycleKey().lastIndexOf('/') + 1);
    // a cycle of another plan than the primary one names its plan: its row numbers may be the primary plan's too
    String planCode = f.cycleKey() == null ? null : PlanPeriod.planOf(f.cycleKey());
    PlanCalendar calendar = calendars.find(planCode).orElse(calendars.all().get(0));
    PlanCatalog catalog = calendar.catalog();
    String item = rowNumber == null ? null
        : (planCode == null ? "" : planCode + " ") + rowNumber + " " + catalog.row(rowNumber)
            .or(() -> versions.rowOfCycle(planCode, rowNumber, periodKey)) // a row an amendment removed: as its cycle's version had it
            .map(PlanRow::name).map(n -> n.in(l)).orElse("");
    String period = periodKey == null ? null
        : calendar.find(rowNumber, periodKey).map(p -> p.label().in(l)).orElse(periodKey);
    String body = f.body() == null ? null : catalog.bodies().find(f.body()).map(Body::name).map(n -> n.in(l)).orElse(f.body());

    String what = switch (f.kind()) {
      case task, escalation -> f.taskTitle() != null ? f.taskTitle().in(l) : "Jospar";
      case reminder -> REMINDER.in(l);
      case returned -> RETURNED.in(l);
      case accepted -> ACCEPTED.in(l);
      case digest -> DIGEST.in(l);
      case deadline -> (f.level() == 0 ? REMINDER.in(l) : CONTROL_DEADLINE_PASSED.in(l)) + (f.taskTitle() != null ? ": " + f.taskTitle().in(l) : "");
      case extension -> EXTENSION.in(l);
    };
    StringBuilder subject = new StringBuilder("[Jospar] ").append(what);
    if (rowNumber != null) {
      subject.append(": ").append(rowNumber).append(" — ").append(period);
    }
    if (body != null) {
      subject.append(" [").append(body).append("]");
    }

    StringBuilder facts = new StringBuilder();
    line(facts, ITEM, item, l);
    line(facts, PERIOD, period, l);
    line(facts, BODY, body, l);
    if (f.due() != null) {
      line(facts, DUE_AT, DUE.format(f.due().atZoneSameInstant(properties.zone())) + " (" + ASTANA_TIME.in(l) + ")", l);
    }
    line(facts, REASON, f.reason(), l);
    String link = properties.taskLink(f.taskId());
    facts.append(f.taskId() != null ? OPEN_TASK.in(l) : OPEN_TASKLIST.in(l)).append(": ").append(link).append('\n');

    String intro = f.kind() == MailKind.task ? intro(f).in(l) + ": " + what + "."
        : f.kind() == MailKind.deadline ? intro(f).in(l) + "." : intro(f).in(l);
    String text = GREETING.in(l) + "\n\n" + intro + "\n\n" + facts + "\n-- \n" + FOOTER.in(l) + "\n";
    String summary = "• " + subject.substring("[Jospar] ".length()) + "\n" + indent(facts.toString());
    return new Content(cut(subject.toString(), 500), text, cut(summary, 4000));
  }

  /** One person's digest: the summaries of their mails, oldest first. */
  Content digest(List<String> summaries, Locale l) {
    String subject = "[Jospar] " + DIGEST.in(l) + ": " + summaries.size();
    String text = GREETING.in(l) + "\n\n" + DIGEST_INTRO.in(l) + " (" + summaries.size() + "):\n\n"
        + String.join("\n", summaries) + "\n-- \n" + FOOTER.in(l) + "\n";
    return new Content(subject, cut(text, 100_000), null);
  }

  private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

  /** The HTML alternative: the same words, the links clickable. */
  static String html(String text, String language) {
    String escaped = HtmlUtils.htmlEscape(text, "UTF-8");
    Matcher m = LINK.matcher(escaped);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement("<a href=\"" + m.group() + "\">" + m.group() + "</a>"));
    }
    m.appendTail(out);
    return "<!DOCTYPE html><html lang=\"" + language + "\"><head><meta charset=\"UTF-8\"></head>"
        + "<body style=\"font-family: sans-serif; line-height: 1.4\">" + out.toString().replace("\n", "<br>\n") + "</body></html>";
  }

  private static void line(StringBuilder out, LocalizedText label, String value, Locale l) {
    if (value != null && !value.isBlank()) {
      out.append(label.in(l)).append(": ").append(value).append('\n');
    }
  }

  private static String indent(String lines) {
    return lines.lines().map(s -> "  " + s + "\n").reduce("", String::concat);
  }

  static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
