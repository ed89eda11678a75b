package kz.jospar.ops;

import kz.jospar.engine.Acting;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The health of a node, beside Spring Boot's database check: the engine (models deployed), the job
 * executor (running, with its backlog), incidents (failed jobs out of retries), and Keycloak when
 * it is the identity provider. Readiness takes the database, engine, job executor and Keycloak;
 * incidents show in the overall status as {@value #INCIDENTS} (HTTP 200: a node with an incident
 * still serves) so that a monitor and an administrator see them.
 */
@Configuration
@EnableScheduling
class OperationsHealth {

  static final String INCIDENTS = "INCIDENTS";

  /** A node's health is the node's, not the caller's: the engine's queries run without the caller's authorizations. */
  static <T> T asSystem(ProcessEngine engine, java.util.function.Supplier<T> query) {
    return kz.jospar.engine.Acting.asSystem(engine.getIdentityService(), query);
  }

  @Bean
  HealthIndicator engineHealthIndicator(ProcessEngine engine) {
    // models are deployed once at start; once seen, the check needs the database no more (the db
    // check reports an outage, and readiness does not wait for the pool's timeout twice)
    java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong();
    return () -> {
      long deployments = seen.get() > 0 ? seen.get() : asSystem(engine,
          () -> engine.getRepositoryService().createDeploymentQuery().deploymentName("jospar").count());
      seen.set(deployments);
      Health.Builder health = deployments > 0 ? Health.up() : Health.down();
      return health.withDetail("name", engine.getName()).withDetail("deployments", deployments).build();
    };
  }

  @Bean
  HealthIndicator jobExecutorHealthIndicator(ProcessEngine engine, OperationsSnapshot snapshot,
      @Value("${camunda.bpm.job-execution.enabled:true}") boolean enabled) {
    return () -> {
      kz.jospar.engine.JobExecutorState executor = kz.jospar.engine.JobExecutorState.of(engine).orElse(null);
      if (!enabled) {
        // a node set up to serve requests only: the other nodes run the jobs
        return Health.up().withDetail("active", false).withDetail("disabled", "camunda.bpm.job-execution.enabled=false").build();
      }
      if (executor == null || !executor.active()) {
        return Health.down().withDetail("active", false).build();
      }
      // the last figures read (at most 15 s old), never a fresh read: the executor's state is in memory
      OperationsSnapshot.Figures figures = snapshot.lastOrEmpty();
      return Health.up().withDetail("active", true).withDetail("lockOwner", executor.lockOwner())
          .withDetail("dueJobs", figures.dueJobs()).withDetail("lockedJobs", figures.lockedJobs()).build();
    };
  }

  @Bean
  HealthIndicator incidentsHealthIndicator(ProcessEngine engine) {
    return () -> asSystem(engine, () -> {
      long open = engine.getRuntimeService().createIncidentQuery().count();
      if (open == 0) {
        return Health.up().withDetail("open", 0).build();
      }
      Health.Builder health = Health.status(new Status(INCIDENTS)).withDetail("open", open)
          .withDetail("resolve", "see Cockpit and the runbook in docs/production.md (Incidents)");
      engine.getRuntimeService().createIncidentQuery().orderByIncidentTimestamp().desc().listPage(0, 5)
          .forEach(i -> health.withDetail("incident " + i.getId(), i.getActivityId() + " in " + i.getProcessInstanceId()
              + " since " + i.getIncidentTimestamp().toInstant()));
      return health.build();
    });
  }

  @Bean
  @Profile("keycloak")
  HealthIndicator keycloakHealthIndicator(@Value("${jospar.keycloak.url}/realms/${jospar.keycloak.realm}") String issuer) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI discovery = URI.create(issuer + "/.well-known/openid-configuration");
    return () -> {
      try {
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(3)).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        return (response.statusCode() == 200 ? Health.up() : Health.down()).withDetail("issuer", issuer)
            .withDetail("status", response.statusCode()).build();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        return Health.down().withDetail("issuer", issuer).withDetail("error", e.getClass().getSimpleName()).build();
      }
    };
  }
}
