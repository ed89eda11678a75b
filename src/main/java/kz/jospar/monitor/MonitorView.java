package kz.jospar.monitor;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Everything the monitor page draws for a year, in the reader's language; {@code planVersion} is the plan's version in
 * force (a report line whose version differs ran under an earlier one), {@code discipline} the executive discipline.
 */
record MonitorView(
    int year,
    List<Integer> years,
    String lang,
    boolean wholePlan,
    List<Option> directions,
    List<Option> bodies,
    List<RowSummary> rows,
    List<Cell> heatMap,
    Map<String, Integer> totals,
    List<Line> reports,
    List<IndicatorLine> indicators,
    String plan,
    List<Option> plans,
    String planVersion,
    Discipline.View discipline) {

  /** A choice of a filter; {@code shortName} is the decree's abbreviation where it has one (heat-map rows). */
  record Option(String code, String name, String shortName) {

    Option(String code, String name) {
      this(code, name, name);
    }
  }

  /**
   * One plan row over the year: its reports by state, and its quota (planned for the reporting
   * bodies over the year's periods, achieved as the bodies reported it).
   */
  record RowSummary(String number, String parent, String direction, String name, Map<String, Integer> states, Integer quotaPlanned,
      Integer quotaAchieved, int belowQuota, String unit) {}

  /** A body's reports on a row (the heat map): the worst state decides the colour. */
  record Cell(String row, String body, String worst, int reports, int done, int maxEscalation) {}

  /** One body's report; {@code planVersion} is the version of the plan its cycle was opened under (null: before versions). */
  record Line(String cycleKey, String row, String period, String body, String bodyName, String state, OffsetDateTime dueAt,
      OffsetDateTime submittedAt, boolean late, int escalationLevel, int returns, boolean byAgreement, Integer achieved,
      String planCode, String planVersion, boolean extended, OffsetDateTime stepDueAt) {}

  record IndicatorLine(int number, String name, String unit, SortedMap<Integer, BigDecimal> planned, SortedMap<Integer, BigDecimal> fact) {}
}
