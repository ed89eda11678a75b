package kz.jospar.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import kz.jospar.calendar.PlanCalendars;
import kz.jospar.calendar.WorkingCalendarLoader;
import kz.jospar.catalog.CatalogLoader;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.catalog.Plans;
import kz.jospar.language.LocalizedText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * The words of each kind of mail in Kazakh, Russian and English, from the real catalog and calendar, without an engine,
 * a database or an SMTP server: subject, greeting, what happened, item, period, body, due moment in Astana's time, the
 * reason of a return, the link to the desk; the HTML alternative and the digest. MailNotificationsIT sends them.
 */
class MailTextsTest {

  static final String TURKISTAN = "akimat-turkistan";
  static final LocalizedText SUBMIT = new LocalizedText("Есеп тапсыру", "Сдать отчёт", "Submit report");
  static final OffsetDateTime END_OF_2026 = OffsetDateTime.parse("2026-12-31T18:00:00+05:00");
  static final Locale KK = Locale.forLanguageTag("kk");
  static final Locale RU = Locale.forLanguageTag("ru");

  static MailTexts texts;

  @BeforeAll
  static void load() {
    PlanCatalog catalog = CatalogLoader.load(new ClassPathResource("catalog/bodies.yaml"),
        new ClassPathResource("catalog/plan-2022-2026.yaml"));
    Plans plans = new Plans(List.of(catalog));
    PlanCalendars calendars = new PlanCalendars(plans,
        WorkingCalendarLoader.load(new ClassPathResource("catalog/working-calendar-kz.yaml"), 2022, 2026));
    MailProperties properties = new MailProperties("jospar@example.kz", "https://jospar.example.kz/", ZoneId.of("Asia/Almaty"),
        Duration.ofSeconds(30), 50, Duration.ofMinutes(5), List.of(Duration.ofMinutes(1)), "0 0 7 * * ?", false, Duration.ofDays(90));
    // the plan versions are read only for a row an amendment removed, which no mail here names
    texts = new MailTexts(calendars, properties, null);
  }

  static MailTexts.Facts facts(MailKind kind, String cycle, OffsetDateTime due, String reason, String taskId, int level) {
    return new MailTexts.Facts(kind, SUBMIT, cycle, TURKISTAN, due, reason, taskId, level);
  }

  @Test
  void aTaskArrivingNamesTheItemPeriodBodyDueMomentAndLinkInRussian() {
    MailTexts.Content ru = texts.render(facts(MailKind.task, "4.8/2026-H2", END_OF_2026, null, "t-1", 0), RU);
    assertThat(ru.subject()).isEqualTo("[Jospar] Сдать отчёт: 4.8 — II полугодие 2026 года [Акимат Туркестанской области]");
    assertThat(ru.text()).startsWith("Уважаемый коллега!\n\nВам поступила новая задача: Сдать отчёт.\n\n")
        .contains("Пункт плана: 4.8 ", "Период: II полугодие 2026 года\n", "Орган: Акимат Туркестанской области\n",
            "Срок: 31.12.2026 18:00 (время Астаны)\n", "Открыть задачу: https://jospar.example.kz/jospar/desk/task/t-1\n")
        .contains("-- \nЭто письмо отправлено системой Jospar автоматически")
        .doesNotContain("Причина");
  }

  @Test
  void theSameTaskReadsInKazakhAndEnglish() {
    MailTexts.Facts f = facts(MailKind.task, "4.8/2026-H2", END_OF_2026, null, "t-1", 0);
    MailTexts.Content kk = texts.render(f, KK);
    assertThat(kk.subject()).isEqualTo("[Jospar] Есеп тапсыру: 4.8 — 2026 жылғы II жартыжылдық [Түркістан облысының әкімдігі]");
    assertThat(kk.text()).startsWith("Құрметті әріптес!").contains("Сізге жаңа тапсырма келді: Есеп тапсыру.",
        "Мерзімі: 31.12.2026 18:00 (Астана уақыты)", "Тапсырманы ашу: https://jospar.example.kz/jospar/desk/task/t-1");
    MailTexts.Content en = texts.render(f, Locale.ENGLISH);
    assertThat(en.subject()).startsWith("[Jospar] Submit report: 4.8 — H2 2026 [");
    assertThat(en.text()).startsWith("Dear colleague,").contains("A new task has arrived for you: Submit report.",
        "Due: 31.12.2026 18:00 (Astana time)", "Open the task: https://jospar.example.kz/jospar/desk/task/t-1");
  }

  @Test
  void theDueMomentIsShownInAstanasTimeWhateverZoneItWasStoredIn() {
    OffsetDateTime inUtc = END_OF_2026.withOffsetSameInstant(java.time.ZoneOffset.UTC); // 13:00Z
    assertThat(texts.render(facts(MailKind.reminder, "4.8/2026-H2", inUtc, null, "t-1", 0), RU).text())
        .contains("Срок: 31.12.2026 18:00 (время Астаны)");
  }

  @Test
  void aReturnSaysWhyAndANoTaskMailLinksToThePersonsList() {
    MailTexts.Content returned = texts.render(facts(MailKind.returned, "8.3/2026", END_OF_2026, "нет подписи руководителя", null, 0), RU);
    assertThat(returned.subject()).startsWith("[Jospar] Отчёт возвращён: 8.3 — ").endsWith("[Акимат Туркестанской области]");
    assertThat(returned.text()).contains("Отчёт возвращён на доработку.", "Причина: нет подписи руководителя\n",
        "Мои задачи: https://jospar.example.kz/jospar/desk\n").doesNotContain("Открыть задачу");
  }

  @Test
  void eachKindAndLevelHasItsOwnWords() {
    String level1 = texts.render(facts(MailKind.escalation, "4.8/2026-H2", END_OF_2026, null, "t-2", 1), RU).text();
    String level2 = texts.render(facts(MailKind.escalation, "4.8/2026-H2", END_OF_2026, null, "t-2", 2), RU).text();
    assertThat(level1).contains("Орган не сдал отчёт в срок: примите меры или объясните.");
    assertThat(level2).contains("меры первого уровня не помогли (2-й уровень)");
    assertThat(texts.render(facts(MailKind.deadline, "4.8/2026-H2", END_OF_2026, null, "t-3", 1), Locale.ENGLISH).subject())
        .startsWith("[Jospar] Control deadline passed: Submit report: 4.8");
    assertThat(texts.render(facts(MailKind.extension, "4.8/2026-H2", END_OF_2026, null, null, 1), KK).text())
        .contains("Есеп мерзімі ұзартылды");
    assertThat(texts.render(facts(MailKind.accepted, "4.8/2026-H2", null, null, null, 0), Locale.ENGLISH).text())
        .contains("The report has been accepted. Thank you!").doesNotContain("Due:");
  }

  @Test
  void theHtmlAlternativeEscapesTheTextAndMakesLinksClickable() {
    String html = MailTexts.html("Причина: <script>alert(1)</script> & more\nОткрыть задачу: https://jospar.example.kz/jospar/desk/task/t-1",
        "ru");
    assertThat(html).startsWith("<!DOCTYPE html><html lang=\"ru\">")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more<br>")
        .contains("<a href=\"https://jospar.example.kz/jospar/desk/task/t-1\">https://jospar.example.kz/jospar/desk/task/t-1</a>")
        .doesNotContain("<script>");
  }

  @Test
  void aDigestCountsItsMailsAndKeepsThemInOrder() {
    String first = texts.render(facts(MailKind.task, "4.8/2026-H2", END_OF_2026, null, "t-1", 0), RU).summary();
    String second = texts.render(facts(MailKind.returned, "8.3/2026", END_OF_2026, "нет подписи", "t-2", 0), RU).summary();
    assertThat(first).startsWith("• Сдать отчёт: 4.8 — II полугодие 2026 года [Акимат Туркестанской области]\n  Пункт плана: 4.8 ");
    MailTexts.Content digest = texts.digest(List.of(first, second), RU);
    assertThat(digest.subject()).isEqualTo("[Jospar] Ежедневная сводка: 2");
    assertThat(digest.text()).startsWith("Уважаемый коллега!\n\nВаши уведомления за последние сутки (2):\n\n");
    assertThat(digest.text().indexOf("Сдать отчёт: 4.8")).isPositive().isLessThan(digest.text().indexOf("Отчёт возвращён: 8.3"));
  }

  @Test
  void anOverlongSubjectIsCutWithAnEllipsis() {
    assertThat(MailTexts.cut("x".repeat(600), 500)).hasSize(500).endsWith("…");
    assertThat(MailTexts.cut("short", 500)).isEqualTo("short");
    assertThat(MailTexts.cut(null, 500)).isNull();
  }
}
