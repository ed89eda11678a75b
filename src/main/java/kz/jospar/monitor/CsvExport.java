package kz.jospar.monitor;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * The monitor's status table as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet
 * programs read Cyrillic right): one line per report, in the reader's language, the state also as
 * its code for machines.
 */
final class CsvExport {

  private CsvExport() {}

  static String write(MonitorView view, MessageSource words, Locale lang, ZoneId zone) {
    StringBuilder out = new StringBuilder("\uFEFF");
    line(out, List.of(w(words, "col.item", lang), w(words, "col.period", lang), "body", w(words, "col.body", lang), "state",
        w(words, "col.state", lang), w(words, "col.due", lang), w(words, "col.submitted", lang), w(words, "col.timeliness", lang),
        w(words, "col.escalation", lang), w(words, "col.returns", lang), w(words, "col.achieved", lang)));
    for (MonitorView.Line l : view.reports()) {
      line(out, List.of(l.row(), l.period(), l.body(), l.bodyName(), l.state(), w(words, "state." + l.state(), lang),
          l.dueAt() == null ? "" : ExecutionReport.DATE_TIME.format(l.dueAt().atZoneSameInstant(zone)),
          l.submittedAt() == null ? "" : ExecutionReport.DATE_TIME.format(l.submittedAt().atZoneSameInstant(zone)),
          (l.submittedAt() == null ? "" : w(words, l.late() ? "late" : "onTime", lang))
              + (l.extended() ? " (" + w(words, "extended", lang) + ")" : ""), String.valueOf(l.escalationLevel()),
          String.valueOf(l.returns()), l.achieved() == null ? "" : String.valueOf(l.achieved())));
    }
    return out.toString();
  }

  private static String w(MessageSource words, String key, Locale lang) {
    return words.getMessage(key, null, lang);
  }

  private static void line(StringBuilder out, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String v = values.get(i) == null ? "" : values.get(i);
      // a leading = + - @ would be a formula to a spreadsheet: quote it with a leading apostrophe
      if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
        v = "'" + v;
      }
      if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
        v = "\"" + v.replace("\"", "\"\"") + "\"";
      }
      out.append(v);
    }
    out.append("\r\n");
  }
}
