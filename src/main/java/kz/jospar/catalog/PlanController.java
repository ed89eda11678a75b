package kz.jospar.catalog;

import kz.jospar.language.LocalizedText;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import kz.jospar.language.RejectedInput;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The plan catalog and the bodies directory, read-only. */
@RestController
@RequestMapping("/api")
class PlanController {

  private final PlanCatalog catalog;
  private final Plans plans;

  PlanController(PlanCatalog catalog, Plans plans) {
    this.catalog = catalog;
    this.plans = plans;
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

  /** The primary plan, or the one {@code ?plan=code} names (a 400 naming the plans there are, for another). */
  @GetMapping("/plan")
  PlanView plan(@RequestParam(name = "plan", required = false) String code) {
    PlanCatalog catalog = code == null || code.isBlank() ? this.catalog : plans.find(code.strip())
        .orElseThrow(() -> RejectedInput.badRequest("plan", "period.noPlan", code.length() <= 40 ? code : code.substring(0, 40) + "…",
            plans.codes()));
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
