package kz.jospar.reporting;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import kz.jospar.catalog.CatalogLoader;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.catalog.Plans;
import kz.jospar.catalog.WorkKind;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** Start-up refuses a catalog whose rows name a kind of work that has no deployed model, naming the kind, rows and model. */
class ModelDeploymentTest {

  @Test
  void aKindWithoutADeployedModelStopsTheStartNamingKindRowsAndModel() {
    PlanCatalog catalog = CatalogLoader.load(new ClassPathResource("catalog/bodies.yaml"), new ClassPathResource("catalog/plan-2022-2026.yaml"));
    RepositoryService repository = mock(RepositoryService.class, RETURNS_DEEP_STUBS);
    when(repository.createProcessDefinitionQuery().processDefinitionKey(anyString()).latestVersion().count()).thenReturn(0L);

    assertThatThrownBy(() -> new ModelDeployment(repository, new Plans(List.of(catalog))).checkEveryKindHasAModel())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("kind '" + WorkKind.annual_session.code() + "' (rows 2 of plan " + catalog.code() + ", ")
        .hasMessageContaining("plan-2022-2026.yaml) has no deployed model 'AnnualSession'; add bpmn/AnnualSession.bpmn");
  }
}
