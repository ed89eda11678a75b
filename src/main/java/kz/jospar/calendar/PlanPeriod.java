package kz.jospar.calendar;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import kz.jospar.catalog.LocalizedText;

/**
 * One period of one row: the unit of work that becomes exactly one report cycle.
 *
 * @param row the item or sub-item number, "4.8"
 * @param key the period within the year: "2026", "2026-Q3", "2026-H2", "2026-P2of3"
 * @param nominalDeadline the day the schedule names
 * @param deadline the day it is due: the nominal day, or the working day before it when that is a day off
 */
public record PlanPeriod(
    String row, String key, LocalizedText label, LocalDate start, LocalDate end, LocalDate nominalDeadline, LocalDate deadline) {

  @JsonProperty
  public boolean deadlineMoved() {
    return !deadline.equals(nominalDeadline);
  }

  /** The plan row of a cycle key: "4.8/2026-H2" → "4.8". */
  public static String rowOf(String cycleKey) {
    return cycleKey.substring(0, cycleKey.indexOf('/'));
  }

  /** The year of a cycle key: "4.8/2026-H2" → 2026. */
  public static int yearOf(String cycleKey) {
    return yearOfKey(cycleKey.substring(cycleKey.indexOf('/') + 1));
  }

  /** The year of a period key: "2026-H2" → 2026. */
  public static int yearOfKey(String periodKey) {
    return Integer.parseInt(periodKey.substring(0, 4));
  }

  /** The business key of the cycle: unique per (row, period) across the whole plan. */
  @JsonProperty
  public String cycleKey() {
    return row + "/" + key;
  }
}
