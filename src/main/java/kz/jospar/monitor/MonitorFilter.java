package kz.jospar.monitor;

import java.util.Set;

/**
 * What the monitor shows: a year, optionally narrowed to a direction, a row (an item takes its
 * sub-items too), a body and a state, of one plan (blank: the primary plan). Blank means all.
 */
record MonitorFilter(int year, String direction, String row, String body, String state, String plan) {

  static final Set<String> STATES = Set.of("open", "submitted", "approved", "returned", "accepted", "declined", "overdue", "late",
      "escalated");

  /** {@code plan}: the plan's code, null for the primary plan. */
  static MonitorFilter of(int year, String direction, String row, String body, String state, String plan) {
    return new MonitorFilter(year, blank(direction), blank(row), blank(body), blank(state), blank(plan));
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  boolean rowMatches(String number, String parent, String rowDirection) {
    return (direction == null || direction.equals(rowDirection)) && (row == null || row.equals(number) || row.equals(parent));
  }

  boolean stateMatches(String reportState, boolean late, int escalationLevel) {
    if (state == null) {
      return true;
    }
    return switch (state) {
      case "late" -> late;
      case "escalated" -> escalationLevel > 0;
      default -> state.equals(reportState);
    };
  }
}
