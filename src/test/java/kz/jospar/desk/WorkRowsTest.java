package kz.jospar.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import kz.jospar.reporting.ReportProcess;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

/** The list's rows written in Java: the template's markup, every text escaped, the page's language kept on the links. */
class WorkRowsTest {

  final StaticMessageSource words = new StaticMessageSource();

  WorkRowsTest() {
    words.addMessage("desk.holder.me", Locale.ENGLISH, "you");
    words.addMessage("desk.holder.none", Locale.ENGLISH, "free");
    words.addMessage("desk.col.selectOne", Locale.ENGLISH, "Select {0}, {1}");
  }

  @Test
  void aRowSaysItsTimingTaskAndHolderAndEscapesEveryText() {
    MyWork.Row row = new MyWork.Row("t-1", ReportProcess.TASK_REVIEW_BY_COORDINATOR, "Accept report", "4.8", "Houses <b>& \"friends\"</b>",
        "2026, II half", "akimat-x", "Akimat 'X'", Instant.parse("2026-11-13T13:00:00Z"), "13 Nov 2026", MyWork.Timing.OVERDUE, 3,
        "<script>alert(1)</script>", false, null);
    String html = WorkRows.html(List.of(new DeskController.Shown(row, "3 days overdue")), Set.of(ReportProcess.TASK_REVIEW_BY_COORDINATOR),
        Set.of(ReportProcess.TASK_REVIEW_BY_COORDINATOR), "ru", words, Locale.ENGLISH);
    assertThat(html).startsWith("<tr class=\"t-overdue\">")
        .contains("<input type=\"checkbox\" name=\"task\" value=\"t-1\" id=\"pick-t-1\" aria-label=\"Select Accept report, Akimat &#39;X&#39;\">")
        .contains("<span class=\"sym\" aria-hidden=\"true\">⚠</span> <span>3 days overdue</span> <small>13 Nov 2026</small>")
        .contains("<a href=\"/jospar/desk/task/t-1?lang=ru\">Accept report</a>")
        .contains("<span class=\"item\">4.8 Houses &lt;b&gt;&amp; &quot;friends&quot;&lt;/b&gt;</span>")
        .contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>")
        .doesNotContain("<script>", "<b>");
  }

  @Test
  void anEscalationHasItsFlagAndATaskWithoutADeskFormLeadsToTasklist() {
    MyWork.Row row = new MyWork.Row("t-2", "Task_Other", "Other", null, null, null, null, null, null, null, MyWork.Timing.ESCALATED, 0,
        null, true, "2027–2028");
    String html = WorkRows.html(List.of(new DeskController.Shown(row, "escalated")), Set.of(), Set.of(), null, words, Locale.ENGLISH);
    assertThat(html).startsWith("<tr class=\"t-escalated\">").contains("<td class=\"pick\"></td>", ">⚑</span>",
        "<a href=\"/camunda/app/tasklist/default/#/?task=t-2\">Other ↗</a>", "<td>you</td>").doesNotContain("class=\"item\"", "<small>");
  }

  @Test
  void escapingLeavesPlainTextAlone() {
    assertThat(WorkRows.esc("Түркістан — 4.8")).isEqualTo("Түркістан — 4.8");
    assertThat(WorkRows.esc("a<b>'c'&\"d\"")).isEqualTo("a&lt;b&gt;&#39;c&#39;&amp;&quot;d&quot;");
    assertThat(WorkRows.esc(null)).isEmpty();
  }
}
