package kz.jospar.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The whole plan as loaded and validated: one source of truth for items, schedules, executors,
 * quotas and indicators. A new plan is a new catalog, not new code.
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
    BodyDirectory bodies) {

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
