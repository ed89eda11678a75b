package kz.jospar.bench;

import kz.jospar.support.JarNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.jospar.bench.JosparBenchmark.Results;
import kz.jospar.bench.JosparBenchmark.Sizes;
import kz.jospar.bench.JosparBenchmark.Stats;

/** The benchmark's table: printed, and written as markdown to target/bench/report.md. */
final class Report {

  final Map<String, String> conditions = new LinkedHashMap<>();
  double pgbenchTps = Double.NaN;
  String pgbenchConditions = "";

  void condition(String name, String value) {
    conditions.put(name, value);
  }

  private final List<String[]> rows = new ArrayList<>();

  private void row(String part, String figure, String tuned, String stock, String ratio, String target, String how) {
    rows.add(new String[] {part, figure, tuned, stock, ratio, target, how});
  }

  static String f(double v, int decimals) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "–" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  static String ms(Stats s, double q) {
    return s == null ? "–" : f(s.p(q), 1);
  }

  static String ratio(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "–" : f(a / b, 2) + "×";
  }

  void write(Sizes sizes, Results t, Results t2, Results s, double totalSeconds) throws IOException {
    boolean stock = s.completionLatency != null;
    // 1. report cycles
    String cyc = String.format(Locale.ROOT, "%d measured cycles (%d reports; after %d warm-up cycles, excluded), %d clients, REST complete as the task's person",
        t.cyclesClosed, t.cycleReports, sizes.warmupCycles(), sizes.clients());
    row("1", "task completions / s", f(t.completionsPerSecond(), 0), stock ? f(s.completionsPerSecond(), 0) : "–",
        stock ? ratio(t.completionsPerSecond(), s.completionsPerSecond()) : "–", "≥ 300; ≥ 1.5× stock", cyc);
    row("1", "cycles / s", f(t.cyclesClosed / t.cycleSeconds, 2), stock ? f(s.cyclesClosed / s.cycleSeconds, 2) : "–",
        stock ? ratio(t.cyclesClosed / t.cycleSeconds, s.cyclesClosed / s.cycleSeconds) : "–", "", String.format(Locale.ROOT,
            "tuned %d completions in %.1f s; stock %d in %.1f s; errors tuned %d, stock %d", t.completions, t.cycleSeconds, s.completions,
            s.cycleSeconds, t.errors, s.errors));
    for (double q : new double[] {0.5, 0.95, 0.99}) {
      row("1", "completion p" + (int) (q * 100) + " (ms)", ms(t.completionLatency, q), stock ? ms(s.completionLatency, q) : "–",
          stock ? ratio(s.completionLatency.p(q), t.completionLatency.p(q)) : "–", "", "one POST /engine-rest/task/{id}/complete");
    }
    row("1", "node CPU per completion (ms)", f((double) t.nodeCpuMs / Math.max(1, t.completions), 1),
        stock ? f((double) s.nodeCpuMs / Math.max(1, s.completions), 1) : "–", "", "",
        "user + system CPU of the node's JVM (/proc/<pid>/stat) during the measured cycles ÷ completions; the machine's cores are shared with PostgreSQL and the clients");
    // 1b. the desk (issue 14)
    if (!Double.isNaN(t.deskBulkSeconds)) {
      row("1", "desk: bulk acceptance of 20 reports (s)", f(t.deskBulkSeconds, 2), "–", "", "≤ 2 s", String.format(Locale.ROOT,
          "the coordinator ticks %d approved reports and accepts them in one POST /jospar/desk/bulk (webapp session); %d accepted, each "
              + "completed through the engine as the coordinator", t.deskBulkAsked, t.deskBulkAccepted));
    }
    if (!Double.isNaN(t.deskSeconds)) {
      row("1", "desk: task completions / s", f(t.deskCompletions / t.deskSeconds, 0), "–", ratio(t.deskCompletions / t.deskSeconds,
          t.completionsPerSecond()) + " of REST", "≥ engine REST's", String.format(Locale.ROOT, "%d cycles after part 1's, %d completions "
              + "in %.1f s by %d clients through the desk's form pages (POST /jospar/desk/task/{id}, webapp session, as the task's person); "
              + "p50 %s ms, p95 %s ms; errors %d", sizes.deskCycles(), t.deskCompletions, t.deskSeconds, sizes.clients(), ms(t.deskLatency, 0.5),
              ms(t.deskLatency, 0.95), t.deskErrors));
    }
    // 2. pgbench
    double tCommits = t.commits / t.cycleSeconds;
    double sCommits = stock ? s.commits / s.cycleSeconds : Double.NaN;
    row("2", "Jospar committed transactions / s", f(tCommits, 0), f(sCommits, 0), "", "",
        "pg_stat_database.xact_commit of the node's database during part 1 (read-only transactions included), minus the driver's look-ups");
    row("2", "pgbench -N transactions / s", f(pgbenchTps, 0), "", "", "", pgbenchConditions + ", same PostgreSQL, before the nodes start");
    row("2", "Jospar ÷ pgbench commits", ratio(tCommits, pgbenchTps), ratio(sCommits, pgbenchTps), "", "", "share of the raw commit rate");
    // 4. task list
    for (var e : t.taskList.entrySet()) {
      Stats st = e.getValue();
      String target = e.getKey().equals("coordinator") ? "p95 ≤ 50" : e.getKey().equals("official") ? "p95 ≤ 25" : "";
      row("4", "task list first page + count, " + e.getKey() + " p50 / p95 / p99 (ms)", ms(st, 0.5) + " / " + ms(st, 0.95) + " / " + ms(st, 0.99),
          "–", "", target, String.format(Locale.ROOT, "%,d open tasks (%,d opened through the API, the rest SQL copies), %,d visible to this person; "
              + "%d samples after %d warm-up, one client; GET /engine-rest/task?candidateUser=…&sortBy=dueDate … maxResults=15 + /task/count",
              t.openTasks, t.realTasks, t.taskListVisible.get(e.getKey()), st.n(), sizes.listWarmup()));
    }
    for (var e : t.deskList.entrySet()) {
      Stats st = e.getValue();
      row("4", "desk \"My work\", " + e.getKey() + " p50 / p95 / p99 (ms)", ms(st, 0.5) + " / " + ms(st, 0.95) + " / " + ms(st, 0.99), "–", "",
          e.getKey().equals("official") ? "p95 ≤ 10 (server)" : "", String.format(Locale.ROOT, "the same %,d open tasks and person; GET /jospar/desk "
              + "(webapp session, Russian, its first page of up to 100 rows as HTML, %,d bytes uncompressed), %d samples after %d warm-up, one client; "
              + "client-measured, so HTTP and the session are included", t.openTasks, t.deskBytes.get(e.getKey()), st.n(), sizes.listWarmup()));
    }
    for (var e : t.deskServer.entrySet()) {
      JosparBenchmark.ServerTimes st = e.getValue();
      row("4", "desk \"My work\", " + e.getKey() + ", server time p50 / p95 / p99 (ms)",
          String.format(Locale.ROOT, "≤ %.1f / ≤ %.1f / ≤ %.1f", st.p50(), st.p95(), st.p99()), "–", "",
          e.getKey().equals("official") ? "p95 ≤ 10" : "", String.format(Locale.ROOT, "the same %d requests, timed inside the node by "
              + "Spring's http.server.requests timer (histogram buckets read from /actuator/prometheus before and after; each figure is "
              + "the upper bound of its bucket); the page gzip-compressed is %,d bytes", st.n(), t.deskGzipBytes.get(e.getKey())));
    }
    for (var e : t.taskListBaseline.entrySet()) {
      Stats st = e.getValue();
      row("4", "baseline: two GET /engine-rest/version as the " + e.getKey() + " p50 / p95 (ms)", ms(st, 0.5) + " / " + ms(st, 0.95), "–", "", "",
          "HTTP, Basic authentication (password check) and the person's groups alone, without a task query");
    }
    // 5. burst
    row("5", "escalation burst, 1 node (s)", f(t.burstSeconds, 1), stock ? f(s.burstSeconds, 1) : "–", stock ? ratio(s.burstSeconds, t.burstSeconds) : "–",
        "≤ 60 s; ≥ 3× stock", String.format(Locale.ROOT, "tuned %,d deadline jobs due at one moment, %,d escalated, %d incidents; stock %,d jobs, %,d escalated, %d incidents",
            t.burstJobs, t.burstEscalated, t.burstIncidents, s.burstJobs, s.burstEscalated, s.burstIncidents));
    row("5", "escalation burst, 2 nodes (s)", f(t2.burstSeconds, 1), "", "", "", String.format(Locale.ROOT,
        "%,d deadline jobs, %,d escalated, %d incidents; by node: %s", t2.burstJobs, t2.burstEscalated, t2.burstIncidents, t2.burstByNode));
    double perJob1 = t.burstSeconds / Math.max(1, t.burstJobs);
    double perJob2 = t2.burstSeconds / Math.max(1, t2.burstJobs);
    row("5", "2 nodes speed-up (jobs/s ÷ jobs/s)", ratio(perJob1, perJob2), "", "", "≥ 1.6×", "jobs per second on two nodes ÷ on one node");
    // 6. monitor
    row("6", "monitor year page p50 / p95 (ms)", ms(t.monitor, 0.5) + " / " + ms(t.monitor, 0.95), "–", "", "p95 ≤ 300",
        "GET /jospar/monitor/data?year=2026 as the coordinator (webapp session), " + t.monitorConditions + "; "
            + (t.monitor == null ? 0 : t.monitor.n()) + " samples after " + sizes.monitorWarmup() + " warm-up");
    // 7. start-up, memory
    row("7", "start-up to readiness UP (s)", f(t.startupMs / 1000.0, 1), stock ? f(s.startupMs / 1000.0, 1) : "–", "", "≤ 25 s",
        "process start → GET /actuator/health/readiness 200, schema already in place");
    row("7", "resident memory at rest (MB)", String.valueOf(t.rssRest), stock ? String.valueOf(s.rssRest) : "–", "", "≤ 800",
        "VmRSS 15 s after readiness");
    row("7", "resident memory under the benchmark, max (MB)", Math.max(t.rssLoad, t.burstRss) + " (after all parts: " + t.rssAfter + ")",
        stock ? String.valueOf(Math.max(s.rssLoad, s.burstRss)) : "–", "", "", "VmRSS sampled every 0.5 s in parts 1 and 5");
    if (s.poolConnections >= 0) {
      condition("stock check", "connections of the stock node to its database: " + s.poolConnections + " (Hikari default 10 + the check's own)");
    }
    condition("total run time", f(totalSeconds / 60, 1) + " min");
    condition("finished", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());

    StringBuilder md = new StringBuilder("# Jospar benchmark report\n\n## Conditions\n\n| | |\n|---|---|\n");
    conditions.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.replace("|", "/")).append(" |\n"));
    md.append("\n## Figures\n\n| part | figure | tuned | stock | tuned ÷ stock | target | conditions |\n|---|---|---|---|---|---|---|\n");
    for (String[] r : rows) {
      md.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    if (!t.cycleStatements.isEmpty() || !t.taskListStatements.isEmpty()) {
      md.append("\n## Where the time goes (pg_stat_statements, tuned run)\n\n");
      if (!t.cycleStatements.isEmpty()) {
        md.append("Part 1, report cycles: ").append(t.cycleStatements).append("\n");
      }
      if (!s.cycleStatements.isEmpty()) {
        md.append("Part 1, stock: ").append(s.cycleStatements).append("\n");
      }
      t.taskListStatements.forEach((k, v) -> md.append("Part 4, task list of the ").append(k).append(": ").append(v).append("\n"));
    }
    Path file = JosparBenchmark.LOGS.resolve("report.md");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, md.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println("\n" + md);
    System.out.println("bench: written to " + file.toAbsolutePath());
  }
}
