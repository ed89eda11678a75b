package kz.jospar.cluster;

import kz.jospar.support.JarNode;

import static kz.jospar.support.JarNode.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the cluster tests do to the plan, through the nodes' HTTP APIs as people do, and what they read back from the database. */
final class PlanLoad {

  static final String ADMIN = "admin";
  static final String COORDINATOR = "coordinator";
  static final String PDF = Base64.getEncoder().encodeToString("%PDF-1.4 report".getBytes());

  record Period(String row, String key) {}

  record Opened(String cycleKey, int reports, int escalating) {}

  private PlanLoad() {}

  /** Every period of the plan in these years, in the calendar's order. */
  static List<Period> periods(JarNode node, int from, int to) throws IOException {
    List<Period> periods = new ArrayList<>();
    for (int year = from; year <= to; year++) {
      HttpResponse<String> response = node.get("/api/plan/calendar?year=" + year, COORDINATOR);
      if (response.statusCode() != 200) {
        throw new IllegalStateException("calendar of " + year + " answered " + response.statusCode() + ": " + response.body());
      }
      JsonNode view = JSON.readTree(response.body());
      for (JsonNode p : view.path("entries")) {
        periods.add(new Period(p.path("row").asText(), p.path("key").asText()));
      }
    }
    return periods;
  }

  /** Opens one period as the coordinator; null when it was refused. */
  static Opened open(JarNode node, Period period, OffsetDateTime dueAt) throws IOException {
    HttpResponse<String> response = node.post("/api/plan/periods", COORDINATOR,
        Map.of("row", period.row(), "period", period.key(), "dueAt", dueAt.toString()));
    if (response.statusCode() == 409) {
      return null; // already open: refused, as it should be
    }
    if (response.statusCode() != 201) {
      throw new IllegalStateException("opening " + period + " answered " + response.statusCode() + ": " + response.body());
    }
    JsonNode body = JSON.readTree(response.body());
    int escalating = 0;
    for (JsonNode a : body.path("assignments")) {
      if (!a.path("byAgreement").asBoolean()) {
        escalating++;
      }
    }
    return new Opened(body.path("cycleKey").asText(), body.path("assignments").size(), escalating);
  }

  /**
   * Opens periods, spread over the nodes by four clients at once, until the openings name at least
   * {@code reports} bodies that report by order (not by agreement), plus a tenth for the items
   * whose bodies' reports start later.
   */
  static List<Opened> openUntil(List<JarNode> nodes, List<Period> periods, int reports, OffsetDateTime dueAt) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(4);
    AtomicInteger escalating = new AtomicInteger();
    int target = reports + reports / 10;
    List<Future<Opened>> results = new ArrayList<>();
    try {
      int i = 0;
      for (Period p : periods) {
        if (escalating.get() >= target) {
          break;
        }
        JarNode node = nodes.get(i++ % nodes.size());
        results.add(clients.submit(() -> {
          if (escalating.get() >= target) {
            return null;
          }
          Opened o = open(node, p, dueAt);
          if (o != null) {
            escalating.addAndGet(o.escalating());
          }
          return o;
        }));
        // keep at most a few requests ahead of the count, so the total stops near the target
        while (results.stream().filter(f -> !f.isDone()).count() >= 8) {
          JarNode.sleep(20);
        }
      }
      List<Opened> opened = new ArrayList<>();
      for (Future<Opened> f : results) {
        Opened o = f.get();
        if (o != null) {
          opened.add(o);
        }
      }
      return opened;
    } finally {
      clients.shutdown();
    }
  }

  /** Holds (true) or releases (false) the jobs of one timer of the body reports, as an administrator can in Cockpit. */
  static void suspendTimer(JarNode node, String activityId, boolean suspended) throws IOException {
    JsonNode definitions = JSON.readTree(node.get("/engine-rest/job-definition?processDefinitionKey=BodyReport&activityIdIn=" + activityId,
        ADMIN).body());
    for (JsonNode d : definitions) {
      HttpResponse<String> r = node.send("PUT", "/engine-rest/job-definition/" + d.path("id").asText() + "/suspended", ADMIN,
          Map.of("suspended", suspended, "includeJobs", true));
      if (r.statusCode() != 204) {
        throw new IllegalStateException("cannot " + (suspended ? "suspend" : "activate") + " " + activityId + ": " + r.body());
      }
    }
  }

  /** An official submits their body's report: claim, then complete with the form's fields. Returns the completion's status. */
  static int submit(JarNode node, String body, String taskId) throws IOException {
    String official = body + ".official";
    HttpResponse<String> claim = node.post("/engine-rest/task/" + taskId + "/claim", official, Map.of("userId", official));
    if (claim.statusCode() != 204) {
      return claim.statusCode();
    }
    return node.post("/engine-rest/task/" + taskId + "/complete", official, Map.of("variables", Map.of(
        "reportText", Map.of("value", "Done for " + body, "type", "String"),
        "achievedCount", Map.of("value", 1, "type", "Long"),
        "reportDocument", Map.of("value", PDF, "type", "File", "valueInfo", Map.of("filename", "report.pdf", "mimetype", "application/pdf")))))
        .statusCode();
  }

  static long count(JdbcTemplate db, String sql, Object... args) {
    Long n = db.queryForObject(sql, Long.class, args);
    return n == null ? 0 : n;
  }
}
