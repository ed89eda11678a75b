package kz.jospar.desk;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The desk's notifications ({@code jospar_notification}): what happened and its arguments, one row
 * per person told, in the step's own transaction (the e-mails' writer records them beside its mails,
 * for the same people). A person reads and marks only the rows whose recipient is their own user id,
 * as the signed-in session names it; nothing a request sends decides whose rows these are.
 */
@Repository
public class Notifications {

  /** What a notification is about: the same events as the e-mails. */
  public enum Kind {
    task, reminder, escalation, returned, accepted,
    /** a step's control deadline: near (level 0), passed (1), level 2 */
    deadline,
    /** an extension request asked (level 0), granted (1) or refused (2) */
    extension
  }

  /** A notification before it has a recipient: a step's facts, in no language. */
  public record Note(Kind kind, String taskKey, String taskName, boolean byAgreement, int level, String cycleKey, String body,
      String taskId, OffsetDateTime dueAt, String reason) {}

  /** A stored notification, as its recipient's page reads it. */
  record Stored(long id, Kind kind, String taskKey, String taskName, boolean byAgreement, int level, String cycleKey, String body,
      String taskId, Instant dueAt, String reason, Instant createdAt, Instant readAt) {}

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;

  Notifications(JdbcTemplate jdbc, NamedParameterJdbcTemplate named) {
    this.jdbc = jdbc;
    this.named = named;
  }

  /** One row per recipient, in one round trip, in the caller's transaction (the step's). */
  public void record(Note n, Collection<String> recipients, Instant now) {
    if (recipients.isEmpty()) {
      return;
    }
    List<Object[]> rows = recipients.stream().map(r -> new Object[] {cut(r, 64), n.kind().name(), n.taskKey(), cut(n.taskName(), 255),
        n.byAgreement(), n.level(), n.cycleKey(), n.body(), n.taskId(), n.dueAt() == null ? null : Timestamp.from(n.dueAt().toInstant()),
        cut(n.reason(), 4000), Timestamp.from(now)}).toList();
    jdbc.batchUpdate("INSERT INTO jospar_notification (recipient, kind, task_key, task_name, by_agreement, escalation_level, cycle_key, body_code, "
        + "task_id, due_at, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
  }

  /** A page of the person's notifications, newest first. */
  List<Stored> page(String recipient, int from, int limit) {
    return jdbc.query("SELECT * FROM jospar_notification WHERE recipient = ? ORDER BY id DESC OFFSET " + Math.max(0, from)
        + " ROWS FETCH FIRST " + limit + " ROWS ONLY", Notifications::stored, recipient);
  }

  int count(String recipient) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM jospar_notification WHERE recipient = ?", Integer.class, recipient);
    return n == null ? 0 : n;
  }

  /** What the desk's header says on every page. */
  public int unread(String recipient) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM jospar_notification WHERE recipient = ? AND read_at IS NULL", Integer.class,
        recipient);
    return n == null ? 0 : n;
  }

  /** Marks one of the person's own notifications read; false when they have none with this id. */
  boolean markRead(String recipient, long id, Instant now) {
    int changed = jdbc.update("UPDATE jospar_notification SET read_at = ? WHERE id = ? AND recipient = ? AND read_at IS NULL",
        Timestamp.from(now), id, recipient);
    return changed == 1 || Boolean.TRUE.equals(jdbc.queryForObject(
        "SELECT COUNT(*) > 0 FROM jospar_notification WHERE id = ? AND recipient = ?", Boolean.class, id, recipient));
  }

  int markAllRead(String recipient, Instant now) {
    return jdbc.update("UPDATE jospar_notification SET read_at = ? WHERE recipient = ? AND read_at IS NULL", Timestamp.from(now),
        recipient);
  }

  /** Forgets notifications read before {@code before}; unread ones wait for their reader however old. */
  public int forgetReadBefore(Instant before) {
    return jdbc.update("DELETE FROM jospar_notification WHERE read_at IS NOT NULL AND read_at < ?", Timestamp.from(before));
  }

  /** Which of these tasks are still open in the engine: a notification of a done task says so instead of linking to it. */
  Set<String> stillOpen(Collection<String> taskIds) {
    if (taskIds.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(named.queryForList("SELECT ID_ FROM ACT_RU_TASK WHERE ID_ IN (:ids)", new MapSqlParameterSource("ids", taskIds),
        String.class));
  }

  private static Stored stored(ResultSet rs, int i) throws SQLException {
    return new Stored(rs.getLong("id"), Kind.valueOf(rs.getString("kind")), rs.getString("task_key"), rs.getString("task_name"),
        rs.getBoolean("by_agreement"), rs.getInt("escalation_level"), rs.getString("cycle_key"), rs.getString("body_code"), rs.getString("task_id"),
        instant(rs, "due_at"), rs.getString("reason"), instant(rs, "created_at"), instant(rs, "read_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
