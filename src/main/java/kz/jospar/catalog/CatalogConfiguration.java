package kz.jospar.catalog;

import kz.jospar.calendar.PlanCalendar;
import kz.jospar.calendar.WorkingCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads and validates the catalog at start-up: a bad catalog stops the start, naming every mistake. */
@Configuration
@EnableConfigurationProperties(CatalogProperties.class)
class CatalogConfiguration {

  private static final Logger log = LoggerFactory.getLogger(CatalogConfiguration.class);

  @Bean
  PlanCatalog planCatalog(CatalogProperties properties) {
    PlanCatalog catalog = CatalogLoader.load(properties.bodies(), properties.plan());
    log.info("Plan catalog {} loaded: {} items, {} sub-items, {} bodies, {} indicators",
        catalog.code(), catalog.items().size(), catalog.rows().filter(r -> !r.isItem()).count(),
        catalog.bodies().all().size(), catalog.indicators().size());
    return catalog;
  }

  @Bean
  WorkingCalendar workingCalendar(CatalogProperties properties, PlanCatalog catalog) {
    return WorkingCalendarLoader.load(properties.workingCalendar(), catalog.firstYear(), catalog.lastYear());
  }

  @Bean
  PlanCalendar planCalendar(PlanCatalog catalog, WorkingCalendar workingCalendar) {
    return new PlanCalendar(catalog, workingCalendar);
  }
}
