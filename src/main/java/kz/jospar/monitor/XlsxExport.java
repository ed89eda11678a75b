package kz.jospar.monitor;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The annual report as a workbook: a summary sheet, the execution by items, the indicators. */
final class XlsxExport {

  private XlsxExport() {}

  static void write(ExecutionReport.Model m, OutputStream out) throws IOException {
    try (XSSFWorkbook book = new XSSFWorkbook()) {
      CellStyle bold = book.createCellStyle();
      Font font = book.createFont();
      font.setBold(true);
      bold.setFont(font);
      CellStyle wrap = book.createCellStyle();
      wrap.setWrapText(true);
      wrap.setVerticalAlignment(VerticalAlignment.TOP);

      Sheet summary = book.createSheet(m.word("report.summary"));
      int r = 0;
      row(summary, r++, bold, m.title());
      row(summary, r++, null, m.plan());
      row(summary, r++, null, m.scope());
      row(summary, r++, null, m.generated());
      r++;
      row(summary, r++, bold, m.word("col.state"), m.word("col.reports"));
      for (var e : m.totals().entrySet()) {
        String label = e.getKey().equals("late") ? m.word("late") : e.getKey().equals("onTime") ? m.word("onTime")
            : e.getKey().equals("escalated") ? m.word("col.escalation") : m.word("state." + e.getKey());
        Row row = summary.createRow(r++);
        row.createCell(0).setCellValue(label);
        row.createCell(1).setCellValue(e.getValue());
      }
      summary.setColumnWidth(0, 60 * 256);
      summary.setColumnWidth(1, 14 * 256);

      Sheet items = book.createSheet(m.word("report.items"));
      List<String> header = List.of(m.word("col.item"), m.word("col.name"), m.word("col.period"), m.word("col.body"), m.word("col.state"),
          m.word("col.timeliness"), m.word("col.due"), m.word("col.submitted"), m.word("col.submittedBy"), m.word("col.escalation"),
          m.word("col.returns"), m.word("col.achieved"), m.word("col.text"), m.word("col.documents"));
      r = 0;
      row(items, r++, bold, header.toArray(String[]::new));
      items.createFreezePane(0, 1);
      for (ExecutionReport.Item item : m.items()) {
        if (item.entries().isEmpty()) {
          Row row = items.createRow(r++);
          row.createCell(0).setCellValue(item.number());
          row.createCell(1).setCellValue(item.name());
          row.getCell(1).setCellStyle(wrap);
          continue;
        }
        for (ExecutionReport.Entry e : item.entries()) {
          Row row = items.createRow(r++);
          int c = 0;
          row.createCell(c++).setCellValue(item.number());
          row.createCell(c++).setCellValue(item.name());
          row.createCell(c++).setCellValue(e.period());
          row.createCell(c++).setCellValue(e.body());
          row.createCell(c++).setCellValue(e.state());
          row.createCell(c++).setCellValue(e.timeliness());
          row.createCell(c++).setCellValue(e.due());
          row.createCell(c++).setCellValue(e.submitted());
          row.createCell(c++).setCellValue(e.submittedBy());
          row.createCell(c++).setCellValue(e.escalationLevel());
          row.createCell(c++).setCellValue(e.returns());
          if (e.achieved() != null) {
            row.createCell(c).setCellValue(e.achieved());
          }
          c++;
          row.createCell(c++).setCellValue(e.text());
          row.createCell(c).setCellValue(String.join(", ", e.documents()));
          row.getCell(1).setCellStyle(wrap);
          row.getCell(12).setCellStyle(wrap);
        }
      }
      int[] widths = {8, 50, 12, 40, 22, 16, 17, 17, 22, 10, 10, 10, 60, 30};
      for (int i = 0; i < widths.length; i++) {
        items.setColumnWidth(i, widths[i] * 256);
      }
      items.setAutoFilter(new org.apache.poi.ss.util.CellRangeAddress(0, Math.max(0, r - 1), 0, header.size() - 1));

      Sheet indicators = book.createSheet(m.word("report.indicators"));
      r = 0;
      row(indicators, r++, bold, "№", m.word("col.indicator"), m.word("col.unit"), m.word("col.planned"), m.word("col.fact"));
      for (ExecutionReport.IndicatorRow i : m.indicators()) {
        row(indicators, r++, null, String.valueOf(i.number()), i.name(), i.unit(), i.planned(), i.fact());
      }
      indicators.setColumnWidth(1, 70 * 256);

      Sheet discipline = book.createSheet(m.word("discipline.title"));
      r = 0;
      row(discipline, r++, bold, m.word("discipline.title"));
      row(discipline, r++, null, m.disciplineSummary());
      r++;
      row(discipline, r++, bold, m.disciplineHead(m.word("col.body"), true).toArray(String[]::new));
      for (Discipline.Line l : m.discipline().bodies()) {
        row(discipline, r++, null, ExecutionReport.Model.disciplineCells(l, true).toArray(String[]::new));
      }
      r++;
      row(discipline, r++, bold, m.word("discipline.items"));
      row(discipline, r++, bold, m.disciplineHead(m.word("col.item"), false).toArray(String[]::new));
      for (Discipline.Line l : m.discipline().items()) {
        row(discipline, r++, null, ExecutionReport.Model.disciplineCells(l, false).toArray(String[]::new));
      }
      r++;
      row(discipline, r++, bold, m.word("discipline.periods"));
      row(discipline, r++, bold, m.disciplineHead(m.word("col.period"), false).toArray(String[]::new));
      for (Discipline.Line l : m.discipline().periods()) {
        row(discipline, r++, null, ExecutionReport.Model.disciplineCells(l, false).toArray(String[]::new));
      }
      r++;
      row(discipline, r++, bold, m.word("discipline.quarters"));
      row(discipline, r++, bold, m.word("discipline.quarter"), m.word("discipline.due"), m.word("discipline.onTime"), m.word("discipline.late"),
          m.word("discipline.share"));
      for (List<String> q : m.quarterRows()) {
        row(discipline, r++, null, q.toArray(String[]::new));
      }
      discipline.setColumnWidth(0, 10 * 256);
      discipline.setColumnWidth(1, 50 * 256);
      book.write(out);
    }
  }

  private static void row(Sheet sheet, int index, CellStyle style, String... values) {
    Row row = sheet.createRow(index);
    for (int i = 0; i < values.length; i++) {
      var cell = row.createCell(i);
      cell.setCellValue(values[i]);
      if (style != null) {
        cell.setCellStyle(style);
      }
    }
  }
}
