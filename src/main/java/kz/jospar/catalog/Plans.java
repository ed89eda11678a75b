package kz.jospar.catalog;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every plan the application runs, in the order configuration lists them ({@code jospar.catalog.plans}). The first
 * is the primary plan: the one a request that names no plan means, and the one whose cycle keys carry no plan code
 * (the form they had before several plans, kept so that running cycles and history stay valid).
 */
public record Plans(List<PlanCatalog> all) {

  public Plans {
    all = List.copyOf(all);
    if (all.isEmpty()) {
      throw new CatalogException(List.of("jospar.catalog.plans: no plan is configured; list at least one plan file"));
    }
  }

  public PlanCatalog primary() {
    return all.get(0);
  }

  public Optional<PlanCatalog> find(String code) {
    return code == null ? Optional.of(primary()) : all.stream().filter(p -> p.code().equals(code)).findFirst();
  }

  public Optional<PlanRow> row(String planCode, String number) {
    return find(planCode).flatMap(p -> p.row(number));
  }

  public int firstYear() {
    return all.stream().mapToInt(PlanCatalog::firstYear).min().orElseThrow();
  }

  public int lastYear() {
    return all.stream().mapToInt(PlanCatalog::lastYear).max().orElseThrow();
  }

  public Stream<PlanCatalog> stream() {
    return all.stream();
  }

  /** The codes, for an error that says which plans exist. */
  public String codes() {
    return all.stream().map(PlanCatalog::code).collect(Collectors.joining(", "));
  }
}
