package kz.jospar.catalog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Loads and validates the catalog at start-up: a bad catalog stops the start, naming every mistake. */
@Configuration
@EnableConfigurationProperties(CatalogProperties.class)
class CatalogConfiguration {

  private static final Logger log = LoggerFactory.getLogger(CatalogConfiguration.class);

  @Bean
  Plans plans(CatalogProperties properties) {
    Plans plans = CatalogLoader.loadAll(properties.bodies(), properties.planFiles());
    for (PlanCatalog catalog : plans.all()) {
      log.info("Plan catalog {} (version {}, {}) loaded: {} items, {} sub-items, {} bodies, {} indicators",
          catalog.code(), catalog.version(), catalog.source(), catalog.items().size(), catalog.rows().filter(r -> !r.isItem()).count(),
          catalog.bodies().all().size(), catalog.indicators().size());
    }
    return plans;
  }

  /** The primary plan: what a request or a screen that names no plan means. */
  @Bean
  @Primary
  PlanCatalog planCatalog(Plans plans) {
    return plans.primary();
  }
}
