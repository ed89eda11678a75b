package kz.jospar.catalog;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The plan catalog and the bodies directory, read-only. */
@RestController
@RequestMapping("/api")
class PlanController {

  private final PlanCatalog catalog;

  PlanController(PlanCatalog catalog) {
    this.catalog = catalog;
  }

  record PlanView(
      String code,
      LocalizedText title,
      Map<String, Object> decree,
      Map<String, Integer> years,
      Map<String, LocalizedText> units,
      List<Direction> directions,
      List<PlanRow> items,
      List<IndicatorView> indicators) {}

  /** An indicator with both statements of its planned values; {@code annexDiffers} lists the years they disagree. */
  record IndicatorView(
      int number,
      LocalizedText name,
      String unit,
      LocalizedText source,
      BigDecimal fact2020,
      BigDecimal estimate2021,
      Map<Integer, BigDecimal> planned,
      Map<Integer, BigDecimal> plannedInAnnex,
      List<Integer> annexDiffers) {}

  @GetMapping("/plan")
  PlanView plan() {
    return new PlanView(
        catalog.code(),
        catalog.title(),
        Map.of("number", catalog.decreeNumber(), "date", catalog.decreeDate()),
        Map.of("from", catalog.firstYear(), "to", catalog.lastYear()),
        catalog.units(),
        catalog.directions(),
        catalog.items(),
        catalog.indicators().stream().map(PlanController::view).toList());
  }

  @GetMapping("/bodies")
  Collection<Body> bodies() {
    return catalog.bodies().all();
  }

  private static IndicatorView view(Indicator i) {
    List<Integer> differs = i.planned().keySet().stream()
        .filter(y -> i.plannedInAnnex().containsKey(y) && i.plannedInAnnex().get(y).compareTo(i.planned().get(y)) != 0)
        .toList();
    return new IndicatorView(i.number(), i.name(), i.unit(), i.source(), i.fact2020(), i.estimate2021(),
        i.planned(), i.plannedInAnnex(), differs);
  }
}
