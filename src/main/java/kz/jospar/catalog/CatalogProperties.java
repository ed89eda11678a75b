package kz.jospar.catalog;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Where the plans' data lives. The defaults are the files in the repository's {@code catalog/};
 * an administrator may point at edited copies ({@code file:/etc/jospar/plan.yaml}).
 *
 * @param plans the plan files, one per plan, run side by side; the first is the primary plan
 *     ({@code JOSPAR_CATALOG_PLANS}, comma-separated)
 * @param plan the name this setting had when Jospar ran one plan: when set, it is the primary plan and takes the place
 *     of the first of {@code plans}
 */
@ConfigurationProperties("jospar.catalog")
public record CatalogProperties(Resource plan, List<Resource> plans, Resource bodies, Resource workingCalendar) {

  /** The plan files in force. */
  public List<Resource> planFiles() {
    List<Resource> files = new ArrayList<>(plans == null ? List.of() : plans);
    if (plan != null) {
      if (files.isEmpty()) {
        files.add(plan);
      } else {
        files.set(0, plan);
      }
    }
    return files;
  }
}
