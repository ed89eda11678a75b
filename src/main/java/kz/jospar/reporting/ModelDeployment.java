package kz.jospar.reporting;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.catalog.PlanRow;
import kz.jospar.catalog.Plans;
import kz.jospar.catalog.WorkKind;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the repository's {@code bpmn/} and {@code forms/} as one deployment, with resource names
 * as they are in the repository ("forms/submit-report.html"), so the models' form keys
 * ({@code embedded:deployment:forms/...}) resolve. Unchanged files are not deployed again; the
 * engine's deployment lock keeps two nodes starting together from deploying twice.
 */
@Component
@Order(0)
class ModelDeployment implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(ModelDeployment.class);
  static final String NAME = "jospar";
  /** What a release deploys: its models and its task forms, nothing else (no scripts, no other kinds of file). */
  static final String[] RELEASE_MODELS = {"bpmn/*.bpmn", "forms/*.html"};

  private final RepositoryService repositoryService;
  private final Plans plans;

  ModelDeployment(RepositoryService repositoryService, Plans plans) {
    this.repositoryService = repositoryService;
    this.plans = plans;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    DeploymentBuilder builder = repositoryService.createDeployment().name(NAME).source(NAME).enableDuplicateFiltering(true);
    int count = 0;
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    String release = ModelDeployment.class.getProtectionDomain().getCodeSource().getLocation().toString();
    for (String pattern : RELEASE_MODELS) {
      String folder = pattern.substring(0, pattern.indexOf('/'));
      Resource[] resources = resolver.getResources("classpath*:" + pattern);
      Arrays.sort(resources, Comparator.comparing(Resource::getFilename));
      for (Resource r : resources) {
        if (!r.getURL().toString().startsWith(release)) {
          // only the release's own models: a library or an extra class-path entry with a bpmn/ folder deploys nothing
          log.warn("Not deployed, not part of this release: {}", r.getURL());
          continue;
        }
        try (InputStream in = r.getInputStream()) {
          builder.addInputStream(folder + "/" + r.getFilename(), new java.io.ByteArrayInputStream(in.readAllBytes()));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + folder + "/" + r.getFilename(), e);
        }
        count++;
      }
    }
    Deployment deployment = builder.deploy();
    log.info("Deployment '{}' of {} resources: {}", NAME, count, deployment.getId());
    checkEveryKindHasAModel();
  }

  /**
   * Every row's kind of work must have a deployed model, or its periods would fail when they open, long after
   * start-up. The models of earlier releases stay deployed whatever this release ships, so cycles opened under
   * them (the per-item {@code PlanItemNN} models included) run on.
   */
  void checkEveryKindHasAModel() {
    List<String> missing = new ArrayList<>();
    for (PlanCatalog catalog : plans.all()) {
      Map<WorkKind, List<String>> rowsByKind = new TreeMap<>();
      catalog.rows().filter(PlanRow::hasSchedule)
          .forEach(r -> rowsByKind.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r.number()));
      rowsByKind.forEach((kind, rows) -> {
        if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(kind.processKey()).latestVersion().count() == 0) {
          missing.add("kind '" + kind.code() + "' (rows " + String.join(", ", rows) + " of plan " + catalog.code() + ", "
              + catalog.source() + ") has no deployed model '" + kind.processKey() + "'; add bpmn/" + kind.processKey()
              + ".bpmn to the release");
        }
      });
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("Cannot start: " + String.join("; ", missing));
    }
  }
}
