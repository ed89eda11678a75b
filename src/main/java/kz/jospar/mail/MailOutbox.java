package kz.jospar.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The table {@code jospar_mail_outbox}. Inserts join the caller's transaction (the engine's, for a
 * step); claims are single conditional UPDATEs, so two senders on two nodes never take the same row.
 */
@Repository
class MailOutbox {

  enum State {
    // skipped: its task was done, or its report moved on, before it went out (see Staleness)
    pending, sent, failed, digest, digested, skipped
  }

  /** A new row: one mail to one person. */
  record NewMail(MailKind kind, String recipient, String address, String locale, String cycleKey, String body, String taskId,
      String subject, String text, String summary, State state, String error) {}

  /** A claimed row, as the sender needs it, with what it is about as it stands now: is its task open, what state is its report in. */
  record Mail(long id, MailKind kind, String recipient, String address, String locale, String subject, String text, int attempts,
      Staleness.Now about) {}

  /** A row as an administrator sees it: no body text (people's words stay in the database). */
  record View(long id, String kind, String recipient, String address, String locale, String cycleKey, String body, String taskId,
      String subject, String state, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt,
      String skippedBecause) {}

  /**
   * A mail's row with what it tells of, read in the same statement at the moment it would go out:
   * whether its task is still open in the engine, and its body's report's state in Jospar's records.
   */
  private static final String WITH_NOW = "SELECT o.*, (SELECT COUNT(*) FROM ACT_RU_TASK t WHERE t.ID_ = o.task_id) AS task_open, "
      + "(SELECT r.state FROM jospar_body_report r WHERE r.cycle_key = o.cycle_key AND r.body_code = o.body_code) AS report_state "
      + "FROM jospar_mail_outbox o ";

  private final JdbcTemplate jdbc;

  MailOutbox(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void add(NewMail m, Instant now) {
    jdbc.update("INSERT INTO jospar_mail_outbox (kind, recipient, address, locale, cycle_key, body_code, task_id, subject, body_text, "
            + "summary, state, attempts, next_attempt_at, last_error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
        m.kind().name(), MailTexts.cut(m.recipient(), 64), m.address(), m.locale(), m.cycleKey(), m.body(), m.taskId(),
        MailTexts.cut(m.subject(), 500), MailTexts.cut(m.text(), 100_000), MailTexts.cut(m.summary(), 4000), m.state().name(),
        ts(now), MailTexts.cut(m.error(), 1000), ts(now));
  }

  /** Ids of mails due now and not held by a live claim, oldest first. */
  List<Long> due(Instant now, int limit) {
    return jdbc.queryForList("SELECT id FROM jospar_mail_outbox WHERE state = 'pending' AND next_attempt_at <= ? "
        + "AND (locked_until IS NULL OR locked_until < ?) ORDER BY next_attempt_at, id FETCH FIRST " + limit + " ROWS ONLY",
        Long.class, ts(now), ts(now));
  }

  /** Takes a mail for one sender until {@code until}; false when another sender has it, or it is no longer pending. */
  boolean claim(long id, String owner, Instant now, Instant until) {
    return jdbc.update("UPDATE jospar_mail_outbox SET locked_by = ?, locked_until = ? WHERE id = ? AND state = 'pending' "
        + "AND next_attempt_at <= ? AND (locked_until IS NULL OR locked_until < ?)", owner, ts(until), id, ts(now), ts(now)) == 1;
  }

  Optional<Mail> claimed(long id, String owner) {
    return jdbc.query(WITH_NOW + "WHERE o.id = ? AND o.locked_by = ?", (rs, i) -> new Mail(rs.getLong("id"),
        MailKind.valueOf(rs.getString("kind")), rs.getString("recipient"), rs.getString("address"), rs.getString("locale"),
        rs.getString("subject"), rs.getString("body_text"), rs.getInt("attempts"), now(rs)), id, owner).stream().findFirst();
  }

  private static Staleness.Now now(ResultSet rs) throws SQLException {
    String taskId = rs.getString("task_id");
    return new Staleness.Now(MailKind.valueOf(rs.getString("kind")), taskId, taskId == null ? null : rs.getLong("task_open") > 0,
        rs.getString("report_state"));
  }

  /** A claimed mail that would tell of something already done: not sent, and why. */
  void skipped(long id, String owner, String because) {
    jdbc.update("UPDATE jospar_mail_outbox SET state = 'skipped', skipped_because = ?, locked_by = NULL, locked_until = NULL "
        + "WHERE id = ? AND locked_by = ?", MailTexts.cut(because, 500), id, owner);
  }

  /** How a task that is no longer open ended, from the engine's history: "completed at …", for a skipped mail's reason. */
  Optional<String> taskEnd(String taskId) {
    return jdbc.query("SELECT DELETE_REASON_, END_TIME_, ASSIGNEE_ FROM ACT_HI_TASKINST WHERE ID_ = ?", (rs, i) -> {
      Timestamp end = rs.getTimestamp(2);
      return (rs.getString(1) == null ? "ended" : rs.getString(1)) + (end == null ? "" : " at " + end.toInstant())
          + (rs.getString(3) == null ? "" : " (assignee " + rs.getString(3) + ")");
    }, taskId).stream().findFirst();
  }

  void sent(long id, String owner, Instant now) {
    jdbc.update("UPDATE jospar_mail_outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL, "
        + "locked_by = NULL, locked_until = NULL WHERE id = ? AND locked_by = ?", ts(now), id, owner);
  }

  /** A failed attempt: again at {@code next}, or failed for good when {@code next} is null. */
  void attemptFailed(long id, String owner, Instant next, String error) {
    jdbc.update("UPDATE jospar_mail_outbox SET attempts = attempts + 1, state = ?, next_attempt_at = COALESCE(?, next_attempt_at), "
            + "last_error = ?, locked_by = NULL, locked_until = NULL WHERE id = ? AND locked_by = ?",
        next == null ? State.failed.name() : State.pending.name(), ts(next), MailTexts.cut(error, 1000), id, owner);
  }

  /** An administrator's retry of a failed mail: pending again, now, with a fresh round of attempts. */
  boolean retry(long id, Instant now) {
    return jdbc.update("UPDATE jospar_mail_outbox SET state = 'pending', attempts = 0, next_attempt_at = ? "
        + "WHERE id = ? AND state = 'failed' AND address IS NOT NULL", ts(now), id) == 1;
  }

  // ---- the daily digest ----------------------------------------------------------------------

  List<String> waitingForDigest() {
    return jdbc.queryForList("SELECT DISTINCT recipient FROM jospar_mail_outbox WHERE state = 'digest' ORDER BY recipient", String.class);
  }

  /** Moves a person's waiting mails into one digest; another node running the same digest finds none left. */
  int collect(String recipient, String digestKey) {
    return jdbc.update("UPDATE jospar_mail_outbox SET state = 'digested', digest_key = ? WHERE recipient = ? AND state = 'digest'",
        digestKey, recipient);
  }

  record Collected(long id, String summary, String address, Staleness.Now about) {}

  List<Collected> collected(String digestKey) {
    return jdbc.query(WITH_NOW + "WHERE o.digest_key = ? ORDER BY o.created_at, o.id",
        (rs, i) -> new Collected(rs.getLong("id"), rs.getString("summary"), rs.getString("address"), now(rs)), digestKey);
  }

  /** A collected mail left out of its digest: what it told of was done before the digest went out. */
  void skippedFromDigest(long id, String because) {
    jdbc.update("UPDATE jospar_mail_outbox SET state = 'skipped', skipped_because = ? WHERE id = ? AND state = 'digested'",
        MailTexts.cut(because, 500), id);
  }

  /** Forgets mails that went out (alone or in a digest), or were skipped, before {@code before}; failed and waiting mails stay. */
  int forgetSentBefore(Instant before) {
    return jdbc.update("DELETE FROM jospar_mail_outbox WHERE state IN ('sent', 'digested', 'skipped') AND created_at < ?", ts(before));
  }

  // ---- what administrators and monitoring see ------------------------------------------------

  List<View> list(State state, int limit) {
    return jdbc.query("SELECT * FROM jospar_mail_outbox" + (state == null ? "" : " WHERE state = ?")
        + " ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY", this::view, state == null ? new Object[0] : new Object[] {state.name()});
  }

  Optional<View> find(long id) {
    return jdbc.query("SELECT * FROM jospar_mail_outbox WHERE id = ?", this::view, id).stream().findFirst();
  }

  long count(State state) {
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM jospar_mail_outbox WHERE state = ?", Long.class, state.name());
    return n == null ? 0 : n;
  }

  private View view(ResultSet rs, int i) throws SQLException {
    return new View(rs.getLong("id"), rs.getString("kind"), rs.getString("recipient"), rs.getString("address"), rs.getString("locale"),
        rs.getString("cycle_key"), rs.getString("body_code"), rs.getString("task_id"), rs.getString("subject"), rs.getString("state"),
        rs.getInt("attempts"), instant(rs, "next_attempt_at"), rs.getString("last_error"), instant(rs, "created_at"),
        instant(rs, "sent_at"), rs.getString("skipped_because"));
  }

  private static Timestamp ts(Instant t) {
    return t == null ? null : Timestamp.from(t);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
