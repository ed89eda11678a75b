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
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Every flow node and sequence flow of every model in bpmn/ was walked by some test. Reads the
 * coverage report PlanProcessesTest leaves in target/process-test-coverage, so it runs last.
 */
@Order(Integer.MAX_VALUE)
class ProcessCoverageVerificationTest {

  static final Path REPORT = Path.of("target/process-test-coverage/" + PlanProcessesTest.class.getName() + "/report.json");

  @Test
  void everyElementOfEveryModelIsWalkedBySomeTest() throws IOException {
    assertThat(REPORT).as("the coverage report of PlanProcessesTest (run the whole test suite: ./mvnw verify)").exists();
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
