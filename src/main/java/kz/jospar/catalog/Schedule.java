package kz.jospar.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.MonthDay;
import java.util.List;

/**
 * A row's machine-readable deadline. What each kind means as concrete periods and deadlines is
 * defined in one place, {@link kz.jospar.calendar.PlanCalendar}.
 *
 * @param date MM-DD, for {@link Kind#FIXED_DATE} and {@link Kind#BEFORE_DATE}
 * @param years the only years the row runs in; empty means every year of the plan
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Schedule(Kind kind, String date, Integer times, Integer quarter, Integer half, List<Integer> years) {

  public enum Kind {
    /** Once a year: "жыл сайын", "жылына 1 рет". */
    ANNUAL,
    /** Once a year, done before a date: "жыл сайын, 1 мамырға дейін". */
    BEFORE_DATE,
    /** Once a year, on a date: "жыл сайын, 1 наурыз". */
    FIXED_DATE,
    /** N times a year: "жылына 3 рет". */
    TIMES_PER_YEAR,
    /** Every quarter: "тоқсан сайын". */
    QUARTERLY,
    /** Every half-year: "жарты жылдықта 1 рет". */
    HALF_YEARLY,
    /** Once a year, in a given quarter: "жылына 1 рет, II тоқсан". */
    IN_QUARTER,
    /** Once a year, in a given half-year: "жылына 1 рет, 2-жарты жылдық". */
    IN_HALF,
    /** Continuous work, reported once a year: "жыл бойы", "жыл ішінде", "үнемі". */
    THROUGHOUT_YEAR
  }

  public Schedule {
    years = years == null ? List.of() : List.copyOf(years);
  }

  @JsonIgnore
  public MonthDay monthDay() {
    return date == null ? null : MonthDay.parse("--" + date);
  }

  public boolean runsIn(int year) {
    return years.isEmpty() || years.contains(year);
  }
}
