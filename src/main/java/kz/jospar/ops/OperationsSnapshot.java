package kz.jospar.ops;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The figures an operator watches, read from the database shared by all nodes (so every node
 * reports the same, and a restarted node loses nothing): open tasks per candidate group, overdue
 * reports, escalations, the job backlog and incidents. Read at most once per {@link #MAX_AGE}, so a
 * scrape costs a few indexed counts, whatever the number of gauges.
 */
@Component
public class OperationsSnapshot {

  private static final Logger log = LoggerFactory.getLogger(OperationsSnapshot.class);
  static final Duration MAX_AGE = Duration.ofSeconds(15);

  /** One reading. A figure is -1 when it could not be read (the database is unavailable). */
  public record Figures(Instant at, Map<String, Long> openTasksByGroup, long overdueReports, long escalationsLevel1,
      long escalationsLevel2, long dueJobs, long lockedJobs, long incidents) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private volatile Figures last;

  OperationsSnapshot(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.clock = Clock.systemUTC();
  }

  public Figures figures() {
    Figures current = last;
    if (current == null || current.at().plus(MAX_AGE).isBefore(clock.instant())) {
      current = read();
      last = current;
    }
    return current;
  }

  /** The last reading, without reading; empty (all -1) before the first. */
  public Figures lastOrEmpty() {
    Figures current = last;
    return current != null ? current : new Figures(clock.instant(), Map.of(), -1, -1, -1, -1, -1, -1);
  }

  private Figures read() {
    Instant now = clock.instant();
    Timestamp ts = Timestamp.from(now);
    try {
      Map<String, Long> open = new HashMap<>();
      // ACT_RU_IDENTITYLINK's index on TASK_ID_ and the candidate groups; one row per group
      jdbc.query("select l.GROUP_ID_, count(*) from ACT_RU_TASK t join ACT_RU_IDENTITYLINK l on l.TASK_ID_ = t.ID_ "
          + "where l.TYPE_ = 'candidate' and l.GROUP_ID_ is not null group by l.GROUP_ID_",
          rs -> {
            open.put(rs.getString(1), rs.getLong(2));
          });
      long overdue = count("select count(*) from jospar_body_report where state in ('open', 'returned') and due_at < ?", ts);
      Map<String, Long> escalations = new HashMap<>();
      jdbc.query("select event, count(*) from jospar_report_event where event in ('ESCALATED_1', 'ESCALATED_2') group by event",
          rs -> {
            escalations.put(rs.getString(1), rs.getLong(2));
          });
      long due = count("select count(*) from ACT_RU_JOB where RETRIES_ > 0 and SUSPENSION_STATE_ = 1 and DUEDATE_ <= ? "
          + "and (LOCK_OWNER_ is null or LOCK_EXP_TIME_ < ?)", ts, ts);
      long locked = count("select count(*) from ACT_RU_JOB where LOCK_OWNER_ is not null and LOCK_EXP_TIME_ >= ?", ts);
      long incidents = count("select count(*) from ACT_RU_INCIDENT");
      return new Figures(now, Map.copyOf(open), overdue, escalations.getOrDefault("ESCALATED_1", 0L),
          escalations.getOrDefault("ESCALATED_2", 0L), due, locked, incidents);
    } catch (RuntimeException e) {
      log.debug("Operations figures unavailable: {}", e.getMessage());
      return new Figures(now, Map.of(), -1, -1, -1, -1, -1, -1);
    }
  }

  private long count(String sql, Object... args) {
    Long n = jdbc.queryForObject(sql, Long.class, args);
    return n == null ? 0 : n;
  }
}
