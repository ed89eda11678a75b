package kz.jospar.catalog;

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
      List<Indicator> indicators) {}

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
        catalog.indicators());
  }

  @GetMapping("/bodies")
  Collection<Body> bodies() {
    return catalog.bodies().all();
  }
}
