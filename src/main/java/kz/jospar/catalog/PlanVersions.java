package kz.jospar.catalog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every version of every plan a cycle was opened under ({@code jospar_plan_version}). An amendment is an edited catalog
 * file and a restart; the cycles opened before it keep running under the version they were opened with: their row's
 * executors, quota, completion form and indicators come from here, not from today's file. A row, or a whole plan, that
 * an amendment removes still finishes its open cycles and keeps its history readable.
 *
 * <p>The current version of each plan is stored at start and again, if missing, when a cycle is opened under it (a
 * node started on a schema the schema step had not yet upgraded). A stored version is never changed or deleted.
 */
@Component
public class PlanVersions {

  private static final Logger log = LoggerFactory.getLogger(PlanVersions.class);

  private final Plans plans;
  private final CatalogProperties properties;
  private final JdbcTemplate jdbc;
  /** Older versions read back, by "code/version": a version's text never changes, so neither does what it loads to. */
  private final Map<String, PlanCatalog> loaded = new ConcurrentHashMap<>();

  PlanVersions(Plans plans, CatalogProperties properties, JdbcTemplate jdbc) {
    this.plans = plans;
    this.properties = properties;
    this.jdbc = jdbc;
  }

  /** Stores the plans in force once the schema step has run (the demo's runs at start; production's before it). */
  @EventListener(ApplicationReadyEvent.class)
  public void storeCurrent() {
    for (PlanCatalog plan : plans.all()) {
      try {
        store(plan);
      } catch (RuntimeException e) {
        // not fatal here: opening a cycle stores its version again, and fails there if it cannot
        log.warn("Plan {} version {}: not stored at start ({}); it will be when a cycle is opened under it", plan.code(), plan.version(),
            e.getMessage());
      }
    }
  }

  /**
   * Stores a plan's current version unless it is already there. Called in the transaction that opens a cycle, so that
   * no cycle records a version that cannot be read back.
   */
  public void store(PlanCatalog plan) {
    if (isStored(plan.code(), plan.version())) {
      return;
    }
    Resource file = properties.planFiles().stream().filter(r -> CatalogLoader.describe(r).equals(plan.source())).findFirst()
        .orElseThrow(() -> new IllegalStateException("plan " + plan.code() + ": its file " + plan.source() + " is no longer configured"));
    byte[] planBytes = bytes(file);
    if (!CatalogLoader.version(planBytes).equals(plan.version())) {
      throw new IllegalStateException("plan " + plan.code() + ": " + plan.source() + " changed since start (version "
          + CatalogLoader.version(planBytes) + ", loaded " + plan.version() + "); restart to apply the amendment");
    }
    try {
      jdbc.update("INSERT INTO jospar_plan_version (plan_code, version, source, plan_text, bodies_text, stored_at) VALUES (?, ?, ?, ?, ?, ?)",
          plan.code(), plan.version(), plan.source(), new String(planBytes, StandardCharsets.UTF_8),
          new String(bytes(properties.bodies()), StandardCharsets.UTF_8), OffsetDateTime.now(ZoneOffset.UTC));
      log.info("Plan {} version {} stored ({})", plan.code(), plan.version(), plan.source());
    } catch (DuplicateKeyException raced) {
      // another node stored the same version a moment ago: the same text, since the version is its hash
    }
  }

  private boolean isStored(String code, String version) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM jospar_plan_version WHERE plan_code = ? AND version = ?", Integer.class,
        code, version);
    return n != null && n > 0;
  }

  /**
   * The plan a cycle runs under: the plan in force when the version is today's, or unknown ({@code null}: cycles opened
   * before versions were recorded); else the stored version. Empty when neither the configuration nor the store has it.
   */
  public Optional<PlanCatalog> find(String code, String version) {
    Optional<PlanCatalog> current = plans.find(code);
    if (current.isPresent() && (version == null || version.equals(current.get().version()))) {
      return current;
    }
    if (version == null) {
      return Optional.empty();
    }
    PlanCatalog old = loaded.computeIfAbsent(code + "/" + version, key -> read(code, version));
    return Optional.ofNullable(old);
  }

  /** The version's row of that number; the row of today's plan when the version has none stored. */
  public Optional<PlanRow> row(String code, String version, String number) {
    return find(code, version).flatMap(p -> p.row(number)).or(() -> plans.row(code, number));
  }

  /**
   * The row of a cycle as the plan's version it was opened under has it, for its name on the desk and in mails (a row
   * renamed or removed by a later amendment); today's row of the key's plan when the cycle is not recorded.
   */
  public Optional<PlanRow> rowOfCycle(String planCode, String number, String periodKey) {
    List<Map<String, Object>> cycle = jdbc.queryForList(
        "SELECT plan_code, plan_version FROM jospar_cycle WHERE plan_code = ? AND plan_row = ? AND period_key = ?",
        planCode == null ? plans.primary().code() : planCode, number, periodKey);
    if (cycle.isEmpty()) {
      return plans.row(planCode, number);
    }
    return row((String) cycle.get(0).get("plan_code"), (String) cycle.get(0).get("plan_version"), number);
  }

  private PlanCatalog read(String code, String version) {
    List<Map<String, Object>> found = jdbc.queryForList(
        "SELECT source, plan_text, bodies_text FROM jospar_plan_version WHERE plan_code = ? AND version = ?", code, version);
    if (found.isEmpty()) {
      return null; // ConcurrentHashMap keeps no null: asked again next time, once it may be stored
    }
    Map<String, Object> row = found.get(0);
    String source = row.get("source") + " (version " + version + ")";
    byte[] planText = text(row.get("plan_text")).getBytes(StandardCharsets.UTF_8);
    byte[] bodiesText = text(row.get("bodies_text")).getBytes(StandardCharsets.UTF_8);
    return CatalogLoader.loadAll("bodies of " + source, () -> new ByteArrayInputStream(bodiesText),
        Map.of(source, () -> new ByteArrayInputStream(planText))).primary();
  }

  /** A TEXT column as the driver gives it: a String on PostgreSQL, a Clob on H2. */
  private static String text(Object value) {
    if (value instanceof java.sql.Clob clob) {
      try {
        return clob.getSubString(1, (int) clob.length());
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("a stored plan version cannot be read: " + e.getMessage(), e);
      }
    }
    return (String) value;
  }

  private static byte[] bytes(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new CatalogException(List.of(CatalogLoader.describe(resource) + ": cannot be read: " + e.getMessage()));
    }
  }
}
