package kz.jospar.monitor;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The annual report as PDF, landscape A4, in Liberation Sans (embedded: it has every Kazakh
 * letter, so the file reads the same on any machine).
 */
final class PdfExport {

  private static final BaseFont REGULAR = font("liberation/LiberationSans-Regular.ttf");
  private static final BaseFont BOLD = font("liberation/LiberationSans-Bold.ttf");

  private PdfExport() {}

  static void write(ExecutionReport.Model m, OutputStream out) {
    Font title = new Font(BOLD, 14);
    Font heading = new Font(BOLD, 11);
    Font text = new Font(REGULAR, 8);
    Font head = new Font(BOLD, 8);
    Document pdf = new Document(PageSize.A4.rotate(), 28, 28, 28, 28);
    try {
      PdfWriter.getInstance(pdf, out);
      pdf.addTitle(m.title());
      pdf.open();
      Paragraph t = new Paragraph(m.title(), title);
      t.setAlignment(Element.ALIGN_CENTER);
      pdf.add(t);
      Paragraph plan = new Paragraph(m.plan(), new Font(REGULAR, 10));
      plan.setAlignment(Element.ALIGN_CENTER);
      pdf.add(plan);
      pdf.add(new Paragraph(m.scope() + ". " + m.generated(), text));

      pdf.add(new Paragraph(m.word("report.summary"), heading));
      PdfPTable totals = new PdfPTable(new float[] {4, 1});
      totals.setWidthPercentage(45);
      totals.setHorizontalAlignment(Element.ALIGN_LEFT);
      for (var e : m.totals().entrySet()) {
        String label = e.getKey().equals("late") ? m.word("late") : e.getKey().equals("onTime") ? m.word("onTime")
            : e.getKey().equals("escalated") ? m.word("col.escalation") : m.word("state." + e.getKey());
        totals.addCell(new Phrase(label, text));
        totals.addCell(new Phrase(String.valueOf(e.getValue()), text));
      }
      pdf.add(totals);

      pdf.add(new Paragraph(m.word("report.items"), heading));
      if (m.items().stream().allMatch(i -> i.entries().isEmpty())) {
        pdf.add(new Paragraph(m.word("report.nothing"), text));
      }
      for (ExecutionReport.Item item : m.items()) {
        if (item.entries().isEmpty()) {
          continue;
        }
        String quota = item.planned() == null ? "" : "  (" + m.word("col.achieved") + " " + item.achieved() + " / " + m.word("col.planned")
            + " " + item.planned() + " " + item.unit() + ")";
        // the item's heading is the table's first header row: it wraps within the page's width (a long name is never
        // cut), never stays alone at a page's foot, and is repeated above the rows that go on to the next page
        PdfPTable table = new PdfPTable(new float[] {1.1f, 3, 1.5f, 1.2f, 1.4f, 5, 2});
        table.setWidthPercentage(100);
        table.setSpacingBefore(6);
        PdfPCell itemTitle = new PdfPCell(new Phrase(item.number() + ". " + item.name() + quota, new Font(BOLD, 9)));
        itemTitle.setColspan(7);
        itemTitle.setBorder(com.lowagie.text.Rectangle.NO_BORDER);
        itemTitle.setPaddingBottom(4);
        itemTitle.setNoWrap(false);
        table.addCell(itemTitle);
        table.setHeaderRows(2);
        for (String h : new String[] {m.word("col.period"), m.word("col.body"), m.word("col.state"), m.word("col.timeliness"),
            m.word("col.submitted"), m.word("col.text"), m.word("col.documents")}) {
          PdfPCell cell = new PdfPCell(new Phrase(h, head));
          cell.setGrayFill(0.9f);
          table.addCell(cell);
        }
        for (ExecutionReport.Entry e : item.entries()) {
          table.addCell(new Phrase(e.period(), text));
          table.addCell(new Phrase(e.body(), text));
          table.addCell(new Phrase(e.state() + (e.escalationLevel() > 0 ? " (" + m.word("col.escalation") + " " + e.escalationLevel() + ")" : ""), text));
          table.addCell(new Phrase(e.timeliness(), text));
          table.addCell(new Phrase(e.submitted() + (e.submittedBy().isEmpty() ? "" : "\n" + e.submittedBy()), text));
          table.addCell(new Phrase(e.text(), text));
          table.addCell(new Phrase(String.join(", ", e.documents()), text));
        }
        pdf.add(table);
      }

      pdf.add(new Paragraph(m.word("report.indicators"), heading));
      PdfPTable indicators = new PdfPTable(new float[] {0.4f, 6, 1, 1, 1});
      indicators.setWidthPercentage(100);
      for (String h : new String[] {"№", m.word("col.indicator"), m.word("col.unit"), m.word("col.planned"), m.word("col.fact")}) {
        PdfPCell cell = new PdfPCell(new Phrase(h, head));
        cell.setGrayFill(0.9f);
        indicators.addCell(cell);
      }
      for (ExecutionReport.IndicatorRow i : m.indicators()) {
        indicators.addCell(new Phrase(String.valueOf(i.number()), text));
        indicators.addCell(new Phrase(i.name(), text));
        indicators.addCell(new Phrase(i.unit(), text));
        indicators.addCell(new Phrase(i.planned(), text));
        indicators.addCell(new Phrase(i.fact(), text));
      }
      pdf.add(indicators);

      pdf.add(new Paragraph(m.word("discipline.title"), heading));
      pdf.add(new Paragraph(m.disciplineSummary(), text));
      disciplineTable(pdf, m, m.disciplineHead(m.word("col.body"), true), m.discipline().bodies(), true, head, text);
      pdf.add(new Paragraph(m.word("discipline.items"), new Font(BOLD, 9)));
      disciplineTable(pdf, m, m.disciplineHead(m.word("col.item"), false), m.discipline().items(), false, head, text);
      pdf.add(new Paragraph(m.word("discipline.periods"), new Font(BOLD, 9)));
      disciplineTable(pdf, m, m.disciplineHead(m.word("col.period"), false), m.discipline().periods(), false, head, text);
      pdf.add(new Paragraph(m.word("discipline.quarters"), new Font(BOLD, 9)));
      PdfPTable quarters = new PdfPTable(5);
      quarters.setWidthPercentage(60);
      quarters.setHorizontalAlignment(Element.ALIGN_LEFT);
      for (String h : new String[] {m.word("discipline.quarter"), m.word("discipline.due"), m.word("discipline.onTime"), m.word("discipline.late"),
          m.word("discipline.share")}) {
        PdfPCell cell = new PdfPCell(new Phrase(h, head));
        cell.setGrayFill(0.9f);
        quarters.addCell(cell);
      }
      for (java.util.List<String> q : m.quarterRows()) {
        q.forEach(v -> quarters.addCell(new Phrase(v, text)));
      }
      pdf.add(quarters);
    } catch (DocumentException e) {
      throw new IllegalStateException("cannot write the PDF report: " + e.getMessage(), e);
    } finally {
      if (pdf.isOpen()) {
        pdf.close();
      }
    }
  }

  private static void disciplineTable(Document pdf, ExecutionReport.Model m, java.util.List<String> headings, java.util.List<Discipline.Line> lines,
      boolean ranked, Font head, Font text) throws DocumentException {
    float[] widths = new float[headings.size()];
    java.util.Arrays.fill(widths, 1);
    widths[ranked ? 1 : 0] = 5;
    PdfPTable table = new PdfPTable(widths);
    table.setWidthPercentage(100);
    table.setHeaderRows(1);
    for (String h : headings) {
      PdfPCell cell = new PdfPCell(new Phrase(h, head));
      cell.setGrayFill(0.9f);
      table.addCell(cell);
    }
    if (lines.isEmpty()) {
      PdfPCell none = new PdfPCell(new Phrase(m.word("discipline.none"), text));
      none.setColspan(headings.size());
      table.addCell(none);
    }
    for (Discipline.Line l : lines) {
      ExecutionReport.Model.disciplineCells(l, ranked).forEach(v -> table.addCell(new Phrase(v, text)));
    }
    table.setSpacingBefore(4);
    table.setSpacingAfter(6);
    pdf.add(table);
  }

  private static BaseFont font(String resource) {
    try (InputStream in = PdfExport.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path (dependency openpdf-fonts-extra)");
      }
      return BaseFont.createFont(resource, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, in.readAllBytes(), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
