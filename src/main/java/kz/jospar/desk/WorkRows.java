package kz.jospar.desk;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * The rows of "My work" as HTML, written here rather than by the template: the same markup a hundred
 * times over, where Thymeleaf's expression evaluation cost about 90 µs a row (a hundred rows: 9 of the
 * page's 20 ms, measured with JFR and curl on 100,000 open tasks; see docs/benchmarks.md). The page
 * around them stays a template ({@code desk/work.html}). Every text goes through {@link #esc}, and
 * nothing else is written from data: ids are the engine's, words are the catalog's and the messages'.
 */
final class WorkRows {

  private WorkRows() {}

  /**
   * @param lang the page's {@code ?lang=} when it was given (kept on the task links), else null
   */
  static String html(List<DeskController.Shown> rows, Collection<String> bulkKinds, Collection<String> forms, String lang,
      MessageSource words, Locale locale) {
    StringBuilder out = new StringBuilder(rows.size() * 1200);
    String me = words.getMessage("desk.holder.me", null, locale);
    String none = words.getMessage("desk.holder.none", null, locale);
    String langQuery = lang == null ? "" : "?lang=" + URLEncoder.encode(lang, StandardCharsets.UTF_8);
    for (DeskController.Shown s : rows) {
      MyWork.Row r = s.row();
      String id = esc(r.taskId());
      out.append("<tr class=\"t-").append(r.timing().name().toLowerCase(Locale.ROOT)).append("\">\n");
      out.append("  <td class=\"pick\">");
      if (bulkKinds.contains(r.taskKey())) {
        out.append("<input type=\"checkbox\" name=\"task\" value=\"").append(id).append("\" id=\"pick-").append(id)
            .append("\" aria-label=\"").append(esc(words.getMessage("desk.col.selectOne", new Object[] {r.title(), r.bodyName()}, locale)))
            .append("\"><input type=\"hidden\" name=\"onPage\" value=\"").append(id).append("\">");
      }
      out.append("</td>\n  <td class=\"when\"><span class=\"sym\" aria-hidden=\"true\">").append(symbol(r.timing()))
          .append("</span> <span>").append(esc(s.when())).append("</span>");
      if (r.dueDate() != null) {
        out.append(" <small>").append(esc(r.dueDate())).append("</small>");
      }
      out.append("</td>\n  <td class=\"task\" title=\"")
          .append(esc(r.rowNumber() != null ? r.title() + " — " + r.rowNumber() + " " + r.rowName() : r.title())).append("\">");
      if (forms.contains(r.taskKey())) {
        out.append("<a href=\"/jospar/desk/task/").append(URLEncoder.encode(r.taskId(), StandardCharsets.UTF_8)).append(esc(langQuery))
            .append("\">").append(esc(r.title())).append("</a>");
      } else {
        out.append("<a href=\"/camunda/app/tasklist/default/#/?task=").append(URLEncoder.encode(r.taskId(), StandardCharsets.UTF_8))
            .append("\">").append(esc(r.title() + " ↗")).append("</a>");
      }
      if (r.rowNumber() != null) {
        out.append(" <span class=\"item\">").append(esc((r.plan() == null ? "" : r.plan() + " · ") + r.rowNumber() + " " + r.rowName()))
            .append("</span>");
      }
      out.append("</td>\n  <td title=\"").append(esc(r.periodLabel())).append("\">").append(esc(r.periodLabel())).append("</td>\n")
          .append("  <td title=\"").append(esc(r.bodyName())).append("\">").append(esc(r.bodyName())).append("</td>\n")
          .append("  <td>").append(esc(r.heldByMe() ? me : (r.holder() != null ? r.holder() : none))).append("</td>\n</tr>\n");
    }
    return out.toString();
  }

  static String symbol(MyWork.Timing timing) {
    return switch (timing) {
      case ESCALATED -> "⚑";
      case OVERDUE -> "⚠";
      case DUE_TODAY, DUE_SOON -> "◔";
      default -> "·";
    };
  }

  /** Text for HTML content and quoted attributes: the five characters that could end either, as Thymeleaf escapes them. */
  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (replacement != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }
}
