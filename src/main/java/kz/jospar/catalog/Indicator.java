package kz.jospar.catalog;

import kz.jospar.language.LocalizedText;

import java.math.BigDecimal;
import java.util.SortedMap;

/**
 * A target indicator. The concept states its planned values twice, in section 6 and again in the
 * annex under its direction; both are kept, because for indicator 1 in 2026 they differ.
 */
public record Indicator(
    int number,
    LocalizedText name,
    String unit,
    LocalizedText source,
    BigDecimal fact2020,
    BigDecimal estimate2021,
    SortedMap<Integer, BigDecimal> planned,
    SortedMap<Integer, BigDecimal> plannedInAnnex) {

  /** The years in which the annex states another planned value than section 6 (indicator 1: 2026). */
  @com.fasterxml.jackson.annotation.JsonProperty
  public java.util.List<Integer> annexDiffers() {
    return planned.keySet().stream()
        .filter(y -> plannedInAnnex.containsKey(y) && plannedInAnnex.get(y).compareTo(planned.get(y)) != 0)
        .toList();
  }
}
