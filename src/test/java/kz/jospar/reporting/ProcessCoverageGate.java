package kz.jospar.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * The coverage gate of {@link PlanProcessesTest}: every flow node and sequence flow of every model
 * in bpmn/ was walked by one of its tests. Runs when the class has finished, right after the
 * coverage listener has written the class's report to target/process-test-coverage (Spring calls
 * {@code afterTestClass} in reverse order, so this listener is ordered just before that one), and
 * fails the class when an element was not walked. It needs no other test to have run before it.
 */
public class ProcessCoverageGate implements TestExecutionListener, Ordered {

  static final Path REPORT = Path.of("target/process-test-coverage/" + PlanProcessesTest.class.getName() + "/report.json");

  private long started;

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE - 1; // the coverage listener's order is LOWEST_PRECEDENCE
  }

  @Override
  public void beforeTestClass(TestContext context) {
    started = System.currentTimeMillis();
  }

  @Override
  public void afterTestClass(TestContext context) throws IOException {
    // a developer running one test (-Dtest=PlanProcessesTest#oneOfThem) walks part of the models, by design
    Set<String> declared = new HashSet<>();
    for (java.lang.reflect.Method m : context.getTestClass().getDeclaredMethods()) {
      if ((m.isAnnotationPresent(org.junit.jupiter.api.Test.class) || m.isAnnotationPresent(org.junit.jupiter.params.ParameterizedTest.class))
          && !m.isAnnotationPresent(org.junit.jupiter.api.Disabled.class)) {
        declared.add(m.getName());
      }
    }
    Set<String> ran = new HashSet<>();
    if (Files.exists(REPORT)) {
      new ObjectMapper().readTree(REPORT.toFile()).path("suites").forEach(suite -> suite.path("runs")
          .forEach(run -> ran.add(run.path("name").asText())));
    }
    if (!ran.containsAll(declared)) {
      System.out.printf("process coverage not checked: %d of the %d tests of %s ran%n", declared.stream().filter(ran::contains).count(),
          declared.size(), context.getTestClass().getSimpleName());
      return;
    }
    everyElementOfEveryModelIsWalked();
  }

  void everyElementOfEveryModelIsWalked() throws IOException {
    assertThat(REPORT).as("the coverage report of PlanProcessesTest").exists();
    // this run's report, not one an earlier build left (the file system may round to the second)
    assertThat(Files.getLastModifiedTime(REPORT).toMillis()).as("the report's time").isGreaterThanOrEqualTo(started - 2000);
    JsonNode report = new ObjectMapper().readTree(REPORT.toFile());
    Map<String, Set<String>> walked = new HashMap<>();
    for (JsonNode suite : report.path("suites")) {
      for (JsonNode run : suite.path("runs")) {
        for (JsonNode event : run.path("events")) {
          walked.computeIfAbsent(event.path("modelKey").asText(), k -> new HashSet<>()).add(event.path("definitionKey").asText());
        }
      }
    }
    List<String> notWalked = new ArrayList<>();
    List<Path> models;
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      models = files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
    }
    assertThat(models).as("one model per kind of work, plus the shared pieces").hasSize(9);
    for (Path file : models) {
      BpmnModelInstance model = Bpmn.readModelFromFile(new File(file.toString()));
      String key = file.getFileName().toString().replace(".bpmn", "");
      Set<String> seen = walked.getOrDefault(key, Set.of());
      Stream.concat(model.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId),
              model.getModelElementsByType(SequenceFlow.class).stream().map(SequenceFlow::getId))
          .filter(id -> !seen.contains(id))
          .forEach(id -> notWalked.add(key + "." + id));
    }
    assertThat(notWalked).as("elements no test walks").isEmpty();
  }
}
