package kz.jospar.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import kz.jospar.calendar.PlanCalendars;
import kz.jospar.calendar.WorkingCalendarLoader;
import kz.jospar.catalog.CatalogLoader;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.catalog.PlanVersions;
import kz.jospar.catalog.Plans;
import kz.jospar.language.LocalizedText;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.reporting.TaskTitles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * The words of each kind of mail in Kazakh, Russian and English, from the real catalog and calendar, without an engine,
 * a database or an SMTP server: subject, greeting, what happened, item, period, body, due moment in Astana's time, the
 * reason of a return, the link to the desk; escalations, control deadlines and extensions by level, a body or row not in
 * the catalog (a row an amendment removed, from stubbed plan versions), the HTML alternative and the digest.
 * MailNotificationsIT sends them.
 */
class MailTextsTest {

  static final String TURKISTAN = "akimat-turkistan";
  static final LocalizedText SUBMIT = new LocalizedText("Есеп тапсыру", "Сдать отчёт", "Submit report");
  static final OffsetDateTime END_OF_2026 = OffsetDateTime.parse("2026-12-31T18:00:00+05:00");
  static final Locale KK = Locale.forLanguageTag("kk");
  static final Locale RU = Locale.forLanguageTag("ru");

  static final String FOOTER_EN = "Jospar sent this message automatically; please do not reply. "
      + "You can choose how you get e-mail "
      + "(one per event, a daily digest, or none) in your settings.";
  static final String NAME_4_9_RU =
      "Проведение практического семинара-тренинга для представителей этнокультурных объединений АНК";

  static PlanCatalog catalog;
  static PlanCalendars calendars;
  static MailTexts texts;

  @BeforeAll
  static void load() {
    catalog = CatalogLoader.load(new ClassPathResource("catalog/bodies.yaml"),
        new ClassPathResource("catalog/plan-2022-2026.yaml"));
    Plans plans = new Plans(List.of(catalog));
    calendars = new PlanCalendars(plans,
        WorkingCalendarLoader.load(new ClassPathResource("catalog/working-calendar-kz.yaml"), 2022, 2026));
    // the plan versions are read only for a row an amendment removed, which only its own test names
    texts = new MailTexts(calendars, properties("https://jospar.example.kz/"), null);
  }

  static MailProperties properties(String publicUrl) {
    return new MailProperties("jospar@example.kz", publicUrl, ZoneId.of("Asia/Almaty"), Duration.ofSeconds(30), 50,
        Duration.ofMinutes(5), List.of(Duration.ofMinutes(1)), "0 0 7 * * ?", false, Duration.ofDays(90));
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
    assertThat(en.subject()).isEqualTo("[Jospar] Submit report: 4.8 — H2 2026 [Akimat of Turkistan region]");
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
    MailTexts.Content returned = texts.render(facts(MailKind.returned, "8.3/2026", END_OF_2026, "нет подписи руководителя", null,
        0), RU);
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
    String html = MailTexts.html("Причина: <script>alert(1)</script> & more\n"
        + "Открыть задачу: https://jospar.example.kz/jospar/desk/task/t-1",
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
    assertThat(first)
        .startsWith("• Сдать отчёт: 4.8 — II полугодие 2026 года [Акимат Туркестанской области]\n  Пункт плана: 4.8 ");
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

  @Test
  void anEscalationIsTitledByItsTaskAndSaysItsLevelInKazakh() {
    MailTexts.Content level1 = texts.render(new MailTexts.Facts(MailKind.escalation,
        TaskTitles.title(ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL1, false), "4.9/2026", TURKISTAN, END_OF_2026, null, "t-5", 1),
            KK);
    assertThat(level1.subject()).isEqualTo("[Jospar] Мерзімі өтті: 4.9 — 2026 жыл [Түркістан облысының әкімдігі]");
    assertThat(level1.text()).contains("\n\nОрган есебін мерзімінде тапсырмады: шара қабылдаңыз немесе түсіндіріңіз.\n\n",
        "Мерзімі: 31.12.2026 18:00 (Астана уақыты)\n", "Тапсырманы ашу: https://jospar.example.kz/jospar/desk/task/t-5\n")
        .doesNotContain("2-деңгей");
    MailTexts.Content level2 = texts.render(new MailTexts.Facts(MailKind.escalation,
        TaskTitles.title(ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL2, false), "4.9/2026", TURKISTAN, END_OF_2026, null, "t-6", 2),
            KK);
    assertThat(level2.subject()).startsWith("[Jospar] Мерзімі өтті (2-деңгей): 4.9 — 2026");
    assertThat(level2.text()).contains("1-деңгейдегі шара да нәтиже бермеді (2-деңгей)");
  }

  @Test
  void aReminderAndAnAcceptanceSayWhatHappenedWithoutATaskTitle() {
    MailTexts.Content reminder = texts.render(facts(MailKind.reminder, "4.9/2026", END_OF_2026, null, "t-7", 0), RU);
    assertThat(reminder.subject()).isEqualTo("[Jospar] Напоминание: 4.9 — 2026 год [Акимат Туркестанской области]");
    assertThat(reminder.text()).contains("\n\nПриближается срок сдачи отчёта. Просим сдать отчёт в срок.\n\n",
        "Пункт плана: 4.9 " + NAME_4_9_RU + "\n", "Срок: 31.12.2026 18:00 (время Астаны)\n")
        .doesNotContain("Сдать отчёт");
    MailTexts.Content accepted = texts.render(facts(MailKind.accepted, "4.9/2026", null, null, null, 0), Locale.ENGLISH);
    assertThat(accepted.subject()).isEqualTo("[Jospar] Report accepted: 4.9 — 2026 [Akimat of Turkistan region]");
    assertThat(accepted.text()).contains("The report has been accepted. Thank you!",
        "Plan item: 4.9 Holding a practical seminar and training for representatives of the APK ethnocultural associations\n",
        "My work: https://jospar.example.kz/jospar/desk\n");
  }

  @Test
  void aReturnsReasonAndNewDueDateReadInEachLanguage() {
    MailTexts.Facts f = facts(MailKind.returned, "8.3/2026", OffsetDateTime.parse("2026-11-11T13:00:00Z"), "Хаттама жоқ", "t-8",
        0);
    assertThat(texts.render(f, KK).text()).contains("Себебі: Хаттама жоқ\n", "Мерзімі: 11.11.2026 18:00 (Астана уақыты)",
        "Есеп пысықтауға қайтарылды.");
    assertThat(texts.render(f, KK).subject()).startsWith("[Jospar] Есеп қайтарылды: 8.3 — 2026 жыл");
    assertThat(texts.render(f, Locale.ENGLISH).text()).contains("Reason: Хаттама жоқ\n", "Due: 11.11.2026 18:00 (Astana time)",
        "The report has been returned for revision. Read the reason and submit it again before the new due date.");
    assertThat(texts.render(f, RU).text()).contains("Причина: Хаттама жоқ\n", "Срок: 11.11.2026 18:00 (время Астаны)");
  }

  @Test
  void aMailAboutNoCycleNorBodyLeavesThoseLinesOutAndLinksToThePersonsList() {
    MailTexts.Content none = texts.render(new MailTexts.Facts(MailKind.task, null, null, null, null, null, null, 0),
        Locale.ENGLISH);
    assertThat(none.subject()).isEqualTo("[Jospar] Jospar");
    assertThat(none.text()).isEqualTo("Dear colleague,\n\nA new task has arrived for you: Jospar.\n\n"
        + "My work: https://jospar.example.kz/jospar/desk\n\n-- \n" + FOOTER_EN + "\n");
    assertThat(none.summary()).isEqualTo("• Jospar\n  My work: https://jospar.example.kz/jospar/desk\n");
  }

  @Test
  void aBodyNotInTheCatalogIsNamedByItsCode() {
    MailTexts.Content ru = texts.render(new MailTexts.Facts(MailKind.task, SUBMIT, "4.8/2026-H2", "new-body", null, null, "t-1",
        0), RU);
    assertThat(ru.subject()).isEqualTo("[Jospar] Сдать отчёт: 4.8 — II полугодие 2026 года [new-body]");
    assertThat(ru.text()).contains("Орган: new-body\n").doesNotContain("Срок:");
  }

  @Test
  void controlDeadlinesAndExtensionsHaveTheirOwnSubjectsAndWords() {
    MailTexts.Content near = texts.render(facts(MailKind.deadline, "4.8/2026-H2", END_OF_2026, null, "t-3", 0), Locale.ENGLISH);
    assertThat(near.subject()).isEqualTo("[Jospar] Reminder: Submit report: 4.8 — H2 2026 [Akimat of Turkistan region]");
    assertThat(near.text()).contains("\n\nThe task's control deadline is near; please complete it on time.\n\n");
    MailTexts.Content longPassed = texts.render(facts(MailKind.deadline, "4.8/2026-H2", END_OF_2026, null, "t-3", 2), RU);
    assertThat(longPassed.subject()).startsWith("[Jospar] Контрольный срок истёк: Сдать отчёт: 4.8 — II полугодие 2026 года");
    assertThat(longPassed.text()).contains("Контрольный срок задачи давно истёк (2-й уровень): примите меры.");
    MailTexts.Content untitled = texts.render(new MailTexts.Facts(MailKind.deadline, null, "4.8/2026-H2", TURKISTAN, END_OF_2026,
        null,
        "t-3", 1), Locale.ENGLISH);
    assertThat(untitled.subject()).isEqualTo("[Jospar] Control deadline passed: 4.8 — H2 2026 [Akimat of Turkistan region]");
    MailTexts.Content asked = texts.render(facts(MailKind.extension, "4.8/2026-H2", END_OF_2026, "пожар в здании", "t-4", 0), RU);
    assertThat(asked.subject())
        .isEqualTo("[Jospar] Продление срока: 4.8 — II полугодие 2026 года [Акимат Туркестанской области]");
    assertThat(asked.text()).contains("Орган просит продлить срок отчёта; рассмотрите запрос и примите решение",
        "Причина: пожар в здании\n");
    assertThat(texts.render(facts(MailKind.extension, "4.8/2026-H2", END_OF_2026, null, null, 2), Locale.ENGLISH).text())
        .contains("The request for more time was refused; please submit the report by its current due date");
  }

  @Test
  void aLongReasonStaysWholeInTheMailButItsDigestSummaryIsCut() {
    String reason = "причина ".repeat(700);
    MailTexts.Content c = texts.render(facts(MailKind.returned, "8.3/2026", END_OF_2026, reason, "t-8", 0), RU);
    assertThat(c.text()).contains("Причина: " + reason + "\n");
    assertThat(c.summary()).hasSize(4000).endsWith("…")
        .startsWith("• Отчёт возвращён: 8.3 — 2026 год [Акимат Туркестанской области]\n");
    assertThat(c.subject()).isEqualTo("[Jospar] Отчёт возвращён: 8.3 — 2026 год [Акимат Туркестанской области]");
  }

  @Test
  void theLinkIsTheSameWhetherThePublicUrlEndsWithASlashOrNot() {
    MailTexts withoutSlash = new MailTexts(calendars, properties("https://jospar.example.kz"), null);
    MailTexts.Facts f = facts(MailKind.task, "4.8/2026-H2", END_OF_2026, null, "t-1", 0);
    assertThat(withoutSlash.render(f, RU).text()).contains("Открыть задачу: https://jospar.example.kz/jospar/desk/task/t-1\n")
        .isEqualTo(texts.render(f, RU).text());
  }

  @Test
  void aRowAnAmendmentRemovedIsNamedAsItsCyclesPlanVersionHadIt() {
    PlanVersions versions = mock(PlanVersions.class);
    when(versions.rowOfCycle(null, "4.99", "2026")).thenReturn(catalog.row("4.9"));
    MailTexts amended = new MailTexts(calendars, properties("https://jospar.example.kz/"), versions);
    MailTexts.Content ru = amended.render(facts(MailKind.task, "4.99/2026", END_OF_2026, null, "t-1", 0), RU);
    assertThat(ru.subject()).as("no period of the current plan: the key stands for it")
        .isEqualTo("[Jospar] Сдать отчёт: 4.99 — 2026 [Акимат Туркестанской области]");
    assertThat(ru.text()).contains("Пункт плана: 4.99 " + NAME_4_9_RU + "\n");
    when(versions.rowOfCycle(null, "4.98", "2026")).thenReturn(Optional.empty());
    assertThat(amended.render(facts(MailKind.task, "4.98/2026", END_OF_2026, null, "t-1", 0), RU).text())
        .contains("Пункт плана: 4.98 \n");
  }

  @Test
  void aDigestReadsInKazakhAndEnglishWithTheFooter() {
    String summary = texts.render(facts(MailKind.task, "4.8/2026-H2", END_OF_2026, null, "t-1", 0), KK).summary();
    MailTexts.Content kk = texts.digest(List.of(summary), KK);
    assertThat(kk.subject()).isEqualTo("[Jospar] Күнделікті хабарламалар: 1");
    assertThat(kk.text()).startsWith("Құрметті әріптес!\n\nСоңғы тәуліктегі хабарламаларыңыз (1):\n\n" + summary)
        .endsWith("-- \nБұл хатты Jospar жүйесі автоматты түрде жіберді; оған жауап бермеңіз. Хат алу тәсілін (әр оқиға бойынша, "
            + "күнделікті жиынтық немесе мүлдем алмау) өз баптауларыңызда таңдай аласыз.\n");
    assertThat(kk.summary()).isNull();
    MailTexts.Content en = texts.digest(List.of(), Locale.ENGLISH);
    assertThat(en.subject()).isEqualTo("[Jospar] Daily digest: 0");
    assertThat(en.text()).startsWith("Dear colleague,\n\nYour notifications of the last day (0):").endsWith(FOOTER_EN + "\n");
  }

  @Test
  void theHtmlAlternativeKeepsALinksQueryWholeAndBreaksEachLine() {
    String html = MailTexts.html("Мерзімі: 31.12.2026\nhttps://jospar.example.kz/jospar/desk?a=1&b=2\nhttp://x.kz/y соңы", "kk");
    assertThat(html).startsWith("<!DOCTYPE html><html lang=\"kk\"><head><meta charset=\"UTF-8\"></head>")
        .contains("Мерзімі: 31.12.2026<br>\n")
        .contains("<a href=\"https://jospar.example.kz/jospar/desk?a=1&amp;b=2\">"
            + "https://jospar.example.kz/jospar/desk?a=1&amp;b=2</a><br>\n")
        .contains("<a href=\"http://x.kz/y\">http://x.kz/y</a> соңы")
        .endsWith("</body></html>");
  }
}
