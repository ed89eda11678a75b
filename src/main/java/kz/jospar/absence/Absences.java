package kz.jospar.absence;

import kz.jospar.access.PersonNames;
import kz.jospar.engine.Acting;

import kz.jospar.engine.EngineClock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import kz.jospar.catalog.Body;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.access.Caller;
import kz.jospar.access.Roles;
import kz.jospar.reporting.CycleProperties;
import kz.jospar.reporting.Deputising;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Absences and deputies. A person, or a supervisor of their body, records an absence (first and last
 * day) and a deputy. Who is in which body and role is read from the engine's identity service (its
 * own tables, or Keycloak's through the plugin), never from the request: the deputy must be in the
 * same body and hold every work role the person holds (official, supervisor, coordinator, and the
 * body's supervisors' group). While the absence lasts the person's claimed tasks are the deputy's
 * and their personal mails and notifications go to the deputy; at its end what the deputy still holds
 * for them is unclaimed, back in the body's list.
 *
 * <p>Each move of an absence (planned → started → ended, or cancelled) is one {@code UPDATE … WHERE
 * state = ?} in the transaction that hands the tasks over or back: on two nodes only the one whose
 * update changed the row acts.
 */
@Service
public class Absences implements Deputising {

  private static final Logger log = LoggerFactory.getLogger(Absences.class);

  /** The roles a deputy takes over; the others (auditor, administrator, monitoring) decide nothing. */
  static final List<String> WORK_ROLES = List.of(Roles.OFFICIAL, Roles.SUPERVISOR, Roles.COORDINATOR);

  /** Who acts when the scheduled check starts or ends an absence. */
  public static final String SYSTEM = "absences";

  public enum State {
    planned, started, ended, cancelled
  }

  /** A recorded absence. */
  public record Absence(long id, String person, String deputy, String body, List<String> roles, LocalDate firstDay, LocalDate lastDay,
      State state, String recordedBy, Instant recordedAt) {

    public boolean open() {
      return state == State.planned || state == State.started;
    }
  }

  /** A person as a list offers them: id and name. */
  public record Person(String id, String name) {}

  private final JdbcTemplate jdbc;
  private final IdentityService identity;
  private final TaskService tasks;
  private final PlanCatalog catalog;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;
  private final ZoneId zone;

  Absences(JdbcTemplate jdbc, IdentityService identity, TaskService tasks, PlanCatalog catalog, ApplicationEventPublisher events,
      PlatformTransactionManager transactions, CycleProperties cycles) {
    this.jdbc = jdbc;
    this.identity = identity;
    this.tasks = tasks;
    this.catalog = catalog;
    this.events = events;
    this.transaction = new TransactionTemplate(transactions);
    this.zone = cycles.zone();
  }

  public ZoneId zone() {
    return zone;
  }

  public LocalDate today() {
    return LocalDate.ofInstant(now(), zone);
  }

  private static Instant now() {
    return EngineClock.instant();
  }

  // ---- recording -----------------------------------------------------------------------------

  /**
   * Records an absence of {@code personId} (the caller when blank) with {@code deputyId}, from and to
   * as ISO days. Refused, per field, when a value is missing or wrong, the deputy is not of the same
   * body and role, the days overlap another absence of the person or one of the deputy, or the caller
   * may not record for this person. An absence that has begun starts at once.
   */
  public Absence record(Caller caller, String personId, String deputyId, String from, String to) {
    String person = blank(personId) == null ? caller.userId() : personId.strip();
    String deputy = blank(deputyId);
    Map<String, AbsenceRefused.Problem> problems = new LinkedHashMap<>();
    LocalDate first = day(from, "from", problems);
    LocalDate last = day(to, "to", problems);
    if (deputy == null) {
      problems.put("deputy", problem("absence.error.deputyRequired"));
    }
    // someone else's absence only for a supervisor of their body: whether the person even exists is not said to others
    Set<String> personGroups = groupsOf(person);
    List<String> bodies = bodiesOf(personGroups);
    List<String> allowedBodies = person.equals(caller.userId()) ? bodies
        : bodies.stream().filter(b -> caller.isIn(Roles.supervisorsOf(b))).toList();
    if (allowedBodies.isEmpty()) {
      if (person.equals(caller.userId())) {
        problems.put("person", problem("absence.error.noBody"));
        throw new AbsenceRefused(problems, false);
      }
      throw AbsenceRefused.forbidden("person", "absence.error.notYours");
    }
    List<String> roles = rolesOf(personGroups, allowedBodies);
    if (roles.isEmpty()) {
      problems.put("person", problem("absence.error.noRole"));
    }
    String body = null;
    if (deputy != null) {
      Set<String> deputyGroups = groupsOf(deputy);
      if (deputy.equals(person)) {
        problems.put("deputy", problem("absence.error.deputySelf"));
      } else if (deputyGroups.isEmpty() && user(deputy).isEmpty()) {
        problems.put("deputy", problem("absence.error.unknownDeputy", shown(deputy)));
      } else {
        body = allowedBodies.stream().filter(deputyGroups::contains).findFirst().orElse(null);
        if (body == null) {
          problems.put("deputy", problem("absence.error.otherBody", nameOf(deputy), bodyNames(allowedBodies)));
        } else {
          List<String> needed = rolesOf(personGroups, List.of(body));
          List<String> missing = needed.stream().filter(r -> !deputyGroups.contains(r)).toList();
          if (!missing.isEmpty()) {
            problems.put("deputy", problem("absence.error.otherRole", nameOf(deputy), roleWords(missing)));
          }
          roles = needed;
        }
      }
    }
    if (first != null && last != null) {
      if (first.isAfter(last)) {
        problems.put("to", problem("absence.error.order"));
      } else if (last.isBefore(today())) {
        problems.put("to", problem("absence.error.past", today()));
      }
    }
    if (problems.isEmpty()) {
      overlapping(person, first, last).ifPresent(a -> problems.put("from",
          problem("absence.error.overlap", a.firstDay(), a.lastDay())));
      // who stands in for someone then cannot be away then: the absent person's work would reach nobody
      standingIn(person, first, last).ifPresent(a -> problems.putIfAbsent("from",
          problem("absence.error.standsIn", nameOf(person), nameOf(a.person()), a.firstDay(), a.lastDay())));
      overlapping(deputy, first, last).ifPresent(a -> problems.put("deputy",
          problem("absence.error.deputyAbsent", nameOf(deputy), a.firstDay(), a.lastDay())));
    }
    if (!problems.isEmpty()) {
      throw new AbsenceRefused(problems, false);
    }
    String theBody = body;
    List<String> theRoles = roles;
    long id = transaction.execute(s -> {
      Instant now = now();
      jdbc.update("INSERT INTO jospar_absence (person, deputy, body_code, roles, first_day, last_day, starts_at, ends_at, state, "
          + "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'planned', ?, ?)", person, deputy, theBody, String.join(",", theRoles),
          first, last, ts(first.atStartOfDay(zone).toInstant()), ts(last.plusDays(1).atStartOfDay(zone).toInstant()), caller.userId(),
          ts(now));
      long newId = jdbc.queryForObject("SELECT MAX(id) FROM jospar_absence WHERE person = ? AND recorded_by = ?", Long.class, person,
          caller.userId());
      if (!first.isAfter(today())) {
        start(newId);
      }
      return newId;
    });
    log.info("Absence {} of {} ({} to {}), deputy {}, recorded by {}", id, person, first, last, deputy, caller.userId());
    return find(id).orElseThrow();
  }

  /** Cancels an absence: the person, who recorded it, or a supervisor of its body. One already over is refused. */
  public Absence cancel(Caller caller, long id) {
    Absence a = find(id).filter(x -> mayManage(caller, x))
        .orElseThrow(() -> AbsenceRefused.forbidden("absence", "absence.error.notFound"));
    if (!a.open()) {
      throw new AbsenceRefused(Map.of("absence", problem("absence.error.over")), false);
    }
    transaction.executeWithoutResult(s -> {
      Instant now = now();
      if (jdbc.update("UPDATE jospar_absence SET state = 'cancelled', ended_at = ?, cancelled_by = ? WHERE id = ? AND state = 'started'",
          ts(now), caller.userId(), id) == 1) {
        giveBack(a, now);
      } else {
        jdbc.update("UPDATE jospar_absence SET state = 'cancelled', ended_at = ?, cancelled_by = ? WHERE id = ? AND state = 'planned'",
            ts(now), caller.userId(), id);
      }
    });
    return find(id).orElseThrow();
  }

  /** The person's own absences, those they stand in for, and, for a supervisor, those of their bodies; newest first. */
  public List<Absence> visibleTo(Caller caller) {
    List<String> supervised = bodiesOf(caller.groups()).stream().filter(b -> caller.isIn(Roles.supervisorsOf(b))).toList();
    List<Object> args = new ArrayList<>(List.of(caller.userId(), caller.userId(), caller.userId()));
    args.addAll(supervised);
    String in = supervised.isEmpty() ? "" : " OR body_code IN (" + String.join(", ", java.util.Collections.nCopies(supervised.size(), "?")) + ")";
    return jdbc.query("SELECT * FROM jospar_absence WHERE (person = ? OR deputy = ? OR recorded_by = ?" + in + ") ORDER BY first_day DESC, id DESC",
        Absences::absence, args.toArray());
  }

  /** Whether the caller may cancel this absence. */
  public boolean mayManage(Caller caller, Absence a) {
    return a.person().equals(caller.userId()) || a.recordedBy().equals(caller.userId()) || caller.isIn(Roles.supervisorsOf(a.body()));
  }

  public Optional<Absence> find(long id) {
    return jdbc.query("SELECT * FROM jospar_absence WHERE id = ?", Absences::absence, id).stream().findFirst();
  }

  /** Whom the caller may record an absence for: themselves, and the people of the bodies they supervise. */
  public List<Person> recordableFor(Caller caller) {
    Map<String, Person> people = new LinkedHashMap<>();
    people.put(caller.userId(), new Person(caller.userId(), nameOf(caller.userId())));
    for (String body : bodiesOf(caller.groups())) {
      if (caller.isIn(Roles.supervisorsOf(body))) {
        members(body).forEach(u -> people.putIfAbsent(u.getId(), person(u)));
      }
    }
    return List.copyOf(people.values());
  }

  /** Who may stand in for the person: members of their bodies with every work role they hold there. */
  public List<Person> possibleDeputies(String personId) {
    Set<String> groups = groupsOf(personId);
    List<Person> found = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String body : bodiesOf(groups)) {
      List<String> needed = rolesOf(groups, List.of(body));
      if (needed.isEmpty()) {
        continue;
      }
      for (User u : members(body)) {
        if (!u.getId().equals(personId) && seen.add(u.getId()) && groupsOf(u.getId()).containsAll(needed)) {
          found.add(person(u));
        }
      }
    }
    return found;
  }

  // ---- who stands in for whom, now ---------------------------------------------------------------

  /** The people absent now, each with their deputy: personal mails and notifications go to the deputy, group ones skip them. */
  public Map<String, String> deputiesNow() {
    Map<String, String> away = new HashMap<>();
    Timestamp now = ts(now());
    jdbc.query("SELECT person, deputy FROM jospar_absence WHERE state IN ('planned', 'started') AND starts_at <= ? AND ends_at > ?",
        rs -> {
          away.put(rs.getString(1), rs.getString(2));
        }, now, now);
    return away;
  }

  /** Only while the hand-over holds: a task given back and later taken by the same person is their own work. */
  @Override
  public Optional<String> handedOverBy(String taskId, String actor) {
    return jdbc.queryForList("SELECT from_user FROM jospar_absence_handover WHERE task_id = ? AND to_user = ? AND returned_at IS NULL", String.class, taskId, actor)
        .stream().findFirst();
  }

  // ---- the scheduled check -------------------------------------------------------------------------

  /** Starts the absences whose first day has come and ends those whose last day has passed; safe on every node at once. */
  public int runDue() {
    Timestamp now = ts(now());
    int moved = 0;
    for (Long id : jdbc.queryForList("SELECT id FROM jospar_absence WHERE state = 'planned' AND starts_at <= ? ORDER BY id", Long.class, now)) {
      moved += Boolean.TRUE.equals(transaction.execute(s -> start(id))) ? 1 : 0;
    }
    for (Long id : jdbc.queryForList("SELECT id FROM jospar_absence WHERE state = 'started' AND ends_at <= ? ORDER BY id", Long.class, now)) {
      moved += Boolean.TRUE.equals(transaction.execute(s -> end(id))) ? 1 : 0;
    }
    return moved;
  }

  /** planned → started, then the person's claimed tasks (that the deputy may work on) become the deputy's; false when another node did it. */
  private boolean start(long id) {
    Instant now = now();
    if (jdbc.update("UPDATE jospar_absence SET state = 'started', started_at = ? WHERE id = ? AND state = 'planned'", ts(now), id) != 1) {
      return false;
    }
    Absence a = find(id).orElseThrow();
    Set<String> deputyGroups = groupsOf(a.deputy());
    asSystem(() -> {
      for (Task task : tasks.createTaskQuery().taskAssignee(a.person()).list()) {
        Set<String> candidates = tasks.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId)
            .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        if (candidates.stream().noneMatch(deputyGroups::contains)) {
          continue; // a task of a group the deputy is not in stays where it is
        }
        tasks.setAssignee(task.getId(), a.deputy());
        jdbc.update("INSERT INTO jospar_absence_handover (absence_id, task_id, process_instance_id, from_user, to_user, handed_at) "
            + "VALUES (?, ?, ?, ?, ?, ?)", id, task.getId(), task.getProcessInstanceId(), a.person(), a.deputy(), ts(now));
        events.publishEvent(new TaskHandedOver(task.getId(), a.person(), a.deputy()));
        log.info("Absence {}: task {} ({}) of {} handed to the deputy {}", id, task.getId(), task.getTaskDefinitionKey(), a.person(),
            a.deputy());
      }
      return null;
    });
    return true;
  }

  /** started → ended, then what the deputy still holds for the person goes back to the body's list; false when another node did it. */
  private boolean end(long id) {
    Instant now = now();
    if (jdbc.update("UPDATE jospar_absence SET state = 'ended', ended_at = ? WHERE id = ? AND state = 'started'", ts(now), id) != 1) {
      return false;
    }
    giveBack(find(id).orElseThrow(), now);
    return true;
  }

  private void giveBack(Absence a, Instant now) {
    asSystem(() -> {
      for (String taskId : jdbc.queryForList("SELECT task_id FROM jospar_absence_handover WHERE absence_id = ? AND returned_at IS NULL",
          String.class, a.id())) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task != null && a.deputy().equals(task.getAssignee())) {
          tasks.setAssignee(taskId, null);
          log.info("Absence {} ended: task {} unclaimed, back in the list of its group", a.id(), taskId);
        }
        jdbc.update("UPDATE jospar_absence_handover SET returned_at = ? WHERE absence_id = ? AND task_id = ?", ts(now), a.id(), taskId);
      }
      return null;
    });
  }

  // ---- identity ------------------------------------------------------------------------------------

  /** The engine's identity (its tables, or Keycloak through the plugin), read as the system: who is in which group is not the caller's to see. */
  Set<String> groupsOf(String userId) {
    return asSystem(() -> identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
        .collect(Collectors.toCollection(TreeSet::new)));
  }

  private Optional<User> user(String userId) {
    return Optional.ofNullable(asSystem(() -> identity.createUserQuery().userId(userId).singleResult()));
  }

  private List<User> members(String group) {
    return asSystem(() -> identity.createUserQuery().memberOfGroup(group).orderByUserId().asc().list());
  }

  /** "Айгүл Серікова", or the id when the directory has no name for them. */
  public String nameOf(String userId) {
    return user(userId).map(Absences::person).map(Person::name).orElse(userId);
  }

  /** Names of many people at once; an id no longer in the directory stays an id. */
  public Map<String, String> namesOf(Collection<String> userIds) {
    Map<String, String> names = new HashMap<>();
    if (!userIds.isEmpty()) {
      asSystem(() -> identity.createUserQuery().userIdIn(userIds.toArray(String[]::new)).list())
          .forEach(u -> names.put(u.getId(), person(u).name()));
    }
    return names;
  }

  private static Person person(User u) {
    return new Person(u.getId(), PersonNames.of(u));
  }

  private List<String> bodiesOf(Collection<String> groups) {
    return groups.stream().filter(g -> catalog.bodies().find(g).filter(b -> !b.isGroup()).isPresent()).sorted().toList();
  }

  /** The work roles of a person that a deputy must share, for these bodies: the role groups, and each body's supervisors' group. */
  private static List<String> rolesOf(Set<String> groups, List<String> bodies) {
    List<String> roles = new ArrayList<>(WORK_ROLES.stream().filter(groups::contains).toList());
    for (String body : bodies) {
      if (groups.contains(Roles.supervisorsOf(body))) {
        roles.add(Roles.supervisorsOf(body));
      }
    }
    return roles;
  }

  private String bodyNames(List<String> bodies) {
    return bodies.stream().map(b -> catalog.bodies().find(b).map(Body::name).map(n -> n.kk()).orElse(b)).collect(Collectors.joining("; "));
  }

  /** Roles as the error names them: the role group's id (official, supervisor, coordinator), a body's supervisors as "supervisor". */
  private static AbsenceRefused.RoleNames roleWords(List<String> roles) {
    return new AbsenceRefused.RoleNames(roles.stream().map(r -> r.endsWith("-supervisors") ? Roles.SUPERVISOR : r).distinct().toList());
  }

  /** Runs identity and task calls as the system: the engine's authorizations and Jospar's command policy judge people, not this service. */
  private <T> T asSystem(Supplier<T> work) {
    return Acting.asSystem(identity, work);
  }

  // ---- rows ----------------------------------------------------------------------------------------

  private Optional<Absence> overlapping(String person, LocalDate first, LocalDate last) {
    return jdbc.query("SELECT * FROM jospar_absence WHERE person = ? AND state IN ('planned', 'started') AND first_day <= ? AND last_day >= ? "
        + "ORDER BY first_day", Absences::absence, person, last, first).stream().findFirst();
  }

  private Optional<Absence> standingIn(String deputy, LocalDate first, LocalDate last) {
    return jdbc.query("SELECT * FROM jospar_absence WHERE deputy = ? AND state IN ('planned', 'started') AND first_day <= ? AND last_day >= ? "
        + "ORDER BY first_day", Absences::absence, deputy, last, first).stream().findFirst();
  }

  private static Absence absence(ResultSet rs, int i) throws SQLException {
    return new Absence(rs.getLong("id"), rs.getString("person"), rs.getString("deputy"), rs.getString("body_code"),
        List.of(rs.getString("roles").split(",")), rs.getDate("first_day").toLocalDate(), rs.getDate("last_day").toLocalDate(),
        State.valueOf(rs.getString("state")), rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant());
  }

  private static LocalDate day(String value, String field, Map<String, AbsenceRefused.Problem> problems) {
    String v = blank(value);
    if (v == null) {
      problems.put(field, problem("absence.error." + field + "Required"));
      return null;
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      problems.put(field, problem("absence.error.day", shown(v)));
      return null;
    }
  }

  private static AbsenceRefused.Problem problem(String key, Object... args) {
    return new AbsenceRefused.Problem(key, List.of(args));
  }

  private static Timestamp ts(Instant t) {
    return Timestamp.from(t);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** A value as sent, cut short: a refusal does not echo a megabyte back. */
  private static String shown(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
