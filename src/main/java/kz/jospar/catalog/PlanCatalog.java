package kz.jospar.catalog;

import kz.jospar.language.LocalizedText;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The whole plan as loaded and validated: one source of truth for items, schedules, executors,
 * quotas and indicators. A new plan is a new catalog, not new code.
 *
 * @param source the file as errors name it
 * @param yearsAt where the file gives the plan's years, as errors name it ("catalog/plan.yaml:30: plan.years")
 * @param version the plan's version, which each cycle records: a hash of the file, so any amendment changes it
 */
public record PlanCatalog(
    String code,
    LocalizedText title,
    String decreeNumber,
    LocalDate decreeDate,
    int firstYear,
    int lastYear,
    Map<String, LocalizedText> units,
    List<Indicator> indicators,
    List<Direction> directions,
    List<PlanRow> items,
    BodyDirectory bodies,
    @JsonIgnore String source,
    @JsonIgnore String yearsAt,
    String version) {

  /** Items and sub-items in the decree's order. */
  public Stream<PlanRow> rows() {
    return items.stream().flatMap(i -> Stream.concat(Stream.of(i), i.subitems().stream()));
  }

  public Optional<PlanRow> row(String number) {
    return rows().filter(r -> r.number().equals(number)).findFirst();
  }

  public boolean coversYear(int year) {
    return year >= firstYear && year <= lastYear;
  }
}
