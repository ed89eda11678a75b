package kz.jospar.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.function.ToLongFunction;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Jospar's figures for Prometheus ({@code /actuator/prometheus}, for the {@code monitoring} and
 * {@code camunda-admin} groups): {@code jospar_tasks_open{group}}, {@code jospar_reports_overdue},
 * {@code jospar_escalations_total{level}}, {@code jospar_jobs_due}, {@code jospar_jobs_locked},
 * {@code jospar_incidents}. A figure that cannot be read is NaN, not a stale number.
 */
@Component
class OperationsMetrics {

  private final OperationsSnapshot snapshot;
  private final MultiGauge openTasks;

  OperationsMetrics(OperationsSnapshot snapshot, MeterRegistry registry) {
    this.snapshot = snapshot;
    gauge(registry, "jospar.reports.overdue", "Reports waiting for their body past their due moment", OperationsSnapshot.Figures::overdueReports);
    gauge(registry, "jospar.jobs.due", "Engine jobs due and not locked: the job executors' backlog", OperationsSnapshot.Figures::dueJobs);
    gauge(registry, "jospar.jobs.locked", "Engine jobs locked by a node right now", OperationsSnapshot.Figures::lockedJobs);
    gauge(registry, "jospar.incidents", "Open incidents (failed jobs out of retries); see Cockpit", OperationsSnapshot.Figures::incidents);
    FunctionCounter.builder("jospar.escalations", snapshot, s -> nanIfUnknown(s.figures().escalationsLevel1()))
        .description("Escalations recorded since the plan began").tag("level", "1").register(registry);
    FunctionCounter.builder("jospar.escalations", snapshot, s -> nanIfUnknown(s.figures().escalationsLevel2()))
        .description("Escalations recorded since the plan began").tag("level", "2").register(registry);
    openTasks = MultiGauge.builder("jospar.tasks.open").description("Open tasks by candidate group (a body, its supervisors, the coordinator)")
        .register(registry);
    refreshOpenTasks();
  }

  private void gauge(MeterRegistry registry, String name, String description, ToLongFunction<OperationsSnapshot.Figures> figure) {
    Gauge.builder(name, snapshot, s -> nanIfUnknown(figure.applyAsLong(s.figures()))).description(description)
        .register(registry);
  }

  /** The set of groups changes as tasks come and go; the multi-gauge's rows follow every 15 s. */
  @Scheduled(fixedDelay = 15_000, initialDelay = 15_000)
  void refreshOpenTasks() {
    List<MultiGauge.Row<?>> rows = snapshot.figures().openTasksByGroup().entrySet().stream()
        .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("group", e.getKey()), e.getValue()))
        .toList();
    openTasks.register(rows, true);
  }

  private static double nanIfUnknown(long value) {
    return value < 0 ? Double.NaN : value;
  }
}
