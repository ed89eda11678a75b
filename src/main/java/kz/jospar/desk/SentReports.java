package kz.jospar.desk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.jospar.access.PersonNames;
import kz.jospar.reporting.ReportProcess.Event;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * "What we sent": the reports a person's bodies submitted (or declined), newest activity first, each
 * with its history of decisions. Read from Jospar's own records: the body's report row
 * ({@code jospar_body_report}) and its audit trail ({@code jospar_report_event}), which holds who
 * decided, when, and the reason of a return or decline; the decisions table ({@code jospar_decision})
 * holds the same decisions by process instance, without reasons, for the engine's gateways.
 */
@Service
class SentReports {

  /** Reports per page. */
  static final int LIMIT = 50;

  /** The steps a report's history shows: the body's and its deciders'. */
  static final List<Event> HISTORY = List.of(Event.SUBMITTED, Event.DECLINED, Event.APPROVED, Event.RETURNED_BY_SUPERVISOR,
      Event.ACCEPTED, Event.RETURNED_BY_COORDINATOR);

  /** The steps that decide on a report someone sent. */
  static final List<Event> DECISIONS = List.of(Event.APPROVED, Event.RETURNED_BY_SUPERVISOR, Event.ACCEPTED,
      Event.RETURNED_BY_COORDINATOR);

  /**
   * One step of a report's history; {@code who} is a name, not an id (null for the engine);
   * {@code forWhom} the name of the absent person a deputy acted for, else null.
   */
  record Step(Event event, String actor, String who, Instant at, String reason, String forWhom) {}

  record Report(String cycleKey, String body, String state, Instant updatedAt, List<Step> history) {
    /** The last decision on it (an approval, acceptance or return), or null while none was made. */
    Step lastDecision() {
      Step last = null;
      for (Step s : history) {
        if (DECISIONS.contains(s.event())) {
          last = s;
        }
      }
      return last;
    }
  }

  record Page(List<Report> reports, int total) {}

  private final NamedParameterJdbcTemplate sql;
  private final IdentityService identity;

  SentReports(NamedParameterJdbcTemplate sql, IdentityService identity) {
    this.sql = sql;
    this.identity = identity;
  }

  /** The page starting at {@code from} of the reports of these bodies that were ever submitted or declined. */
  Page of(Collection<String> bodies, int from) {
    if (bodies.isEmpty()) {
      return new Page(List.of(), 0);
    }
    MapSqlParameterSource p = new MapSqlParameterSource("bodies", bodies);
    String where = " FROM jospar_body_report r WHERE r.body_code IN (:bodies) AND r.submitted_at IS NOT NULL";
    Integer total = sql.queryForObject("SELECT COUNT(*)" + where, p, Integer.class);
    Map<String, Report> reports = new LinkedHashMap<>();
    sql.query("SELECT r.cycle_key, r.body_code, r.state, r.updated_at" + where + " ORDER BY r.updated_at DESC, r.cycle_key, r.body_code "
        + "OFFSET " + Math.max(0, from) + " ROWS FETCH FIRST " + LIMIT + " ROWS ONLY", p, rs -> {
          reports.put(key(rs.getString(1), rs.getString(2)), new Report(rs.getString(1), rs.getString(2), rs.getString(3),
              rs.getTimestamp(4).toInstant(), new ArrayList<>()));
        });
    if (reports.isEmpty()) {
      return new Page(List.of(), total == null ? 0 : total);
    }
    List<String> cycles = reports.values().stream().map(Report::cycleKey).distinct().toList();
    List<String> ofPage = reports.values().stream().map(Report::body).distinct().toList();
    record Raw(String cycleKey, String body, Event event, String actor, Instant at, String reason, String onBehalfOf) {}
    List<Raw> raw = sql.query("SELECT cycle_key, body_code, event, actor, occurred_at, reason, on_behalf_of FROM jospar_report_event "
            + "WHERE cycle_key IN (:cycles) AND body_code IN (:bodies) AND event IN (:events) ORDER BY occurred_at, id",
        new MapSqlParameterSource("cycles", cycles).addValue("bodies", ofPage)
            .addValue("events", HISTORY.stream().map(Event::name).toList()),
        (rs, i) -> new Raw(rs.getString(1), rs.getString(2), Event.valueOf(rs.getString(3)), rs.getString(4),
            rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7)));
    Map<String, String> names = names(java.util.stream.Stream.concat(raw.stream().map(Raw::actor),
        raw.stream().map(Raw::onBehalfOf).filter(java.util.Objects::nonNull)).distinct().toList());
    for (Raw r : raw) {
      Report report = reports.get(key(r.cycleKey(), r.body()));
      if (report != null) { // the other pairs of the IN lists are not on this page
        report.history().add(new Step(r.event(), r.actor(), names.get(r.actor()), r.at(), r.reason(),
            r.onBehalfOf() == null ? null : names.getOrDefault(r.onBehalfOf(), r.onBehalfOf())));
      }
    }
    return new Page(List.copyOf(reports.values()), total == null ? 0 : total);
  }

  private static String key(String cycleKey, String body) {
    return cycleKey + "\n" + body;
  }

  /** People's names from the identity directory; an id no longer there stays an id. */
  private Map<String, String> names(List<String> userIds) {
    return PersonNames.of(identity, userIds);
  }
}
