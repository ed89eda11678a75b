package kz.jospar.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Where the plan's data lives. The defaults are the files in the repository's {@code catalog/};
 * an administrator may point at edited copies ({@code file:/etc/jospar/plan.yaml}).
 */
@ConfigurationProperties("jospar.catalog")
public record CatalogProperties(Resource plan, Resource bodies, Resource workingCalendar) {}
