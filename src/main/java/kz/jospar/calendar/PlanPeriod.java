package kz.jospar.calendar;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import kz.jospar.language.LocalizedText;

/**
 * One period of one row: the unit of work that becomes exactly one report cycle.
 *
 * @param row the item or sub-item number, "4.8"
 * @param key the period within the year: "2026", "2026-Q3", "2026-H2", "2026-P2of3"
 * @param nominalDeadline the day the schedule names
 * @param deadline the day it is due: the nominal day, or the working day before it when that is a day off
 * @param plan the code of the plan the row belongs to
 * @param cycleKey the business key of the cycle: "4.8/2026-H2" in the primary plan (the form keys had before several
 *     plans, so running cycles and history stay valid), "apk-2027-2031/4.8/2027-H2" in any other
 */
public record PlanPeriod(
    String row, String key, LocalizedText label, LocalDate start, LocalDate end, LocalDate nominalDeadline, LocalDate deadline,
    String plan, String cycleKey) {

  /** A cycle key as {@link PlanCalendar} makes it; null plan for the primary plan. */
  public static String cycleKey(String planOrNull, String row, String periodKey) {
    return (planOrNull == null ? "" : planOrNull + "/") + row + "/" + periodKey;
  }

  /** The plan code a cycle key carries, or null for a key of the primary plan ("4.8/2026-H2"). */
  public static String planOf(String cycleKey) {
    String[] parts = cycleKey.split("/");
    return parts.length == 3 ? parts[0] : null;
  }

  @JsonProperty
  public boolean deadlineMoved() {
    return !deadline.equals(nominalDeadline);
  }

  /** The plan row of a cycle key: "4.8/2026-H2" or "apk-2027-2031/4.8/2027-H2" → "4.8". */
  public static String rowOf(String cycleKey) {
    String[] parts = cycleKey.split("/");
    return parts[parts.length - 2];
  }

  /** The year of a cycle key: "4.8/2026-H2" → 2026. */
  public static int yearOf(String cycleKey) {
    return yearOfKey(cycleKey.substring(cycleKey.lastIndexOf('/') + 1));
  }

  /** The year of a period key: "2026-H2" → 2026. */
  public static int yearOfKey(String periodKey) {
    return Integer.parseInt(periodKey.substring(0, 4));
  }
}
