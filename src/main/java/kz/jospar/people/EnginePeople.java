package kz.jospar.people;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import kz.jospar.access.Roles;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The engine's own identity tables (profile postgres without keycloak), written as the engine's
 * IdentityService writes them. Disabled is a lock that does not end: the engine refuses the
 * password of a locked user, and the person keeps their history and memberships.
 */
final class EnginePeople implements PeopleDirectory {

  static final Timestamp NEVER = Timestamp.from(Instant.parse("9999-12-31T00:00:00Z"));
  private static final Timestamp DISABLED_FROM = Timestamp.from(Instant.parse("9000-01-01T00:00:00Z"));

  private final JdbcTemplate jdbc;

  EnginePeople(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  @Override
  public Map<String, Entry> read(Set<String> ids, Set<String> managedGroups) {
    Map<String, Set<String>> groups = new HashMap<>();
    jdbc.query("select USER_ID_, GROUP_ID_ from ACT_ID_MEMBERSHIP", rs -> {
      if (managedGroups.contains(rs.getString(2))) {
        groups.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
      }
    });
    Map<String, String> languages = new HashMap<>();
    jdbc.query("select user_id, locale from jospar_user_setting", rs -> {
      languages.put(rs.getString(1), rs.getString(2));
    });
    Map<String, Entry> entries = new HashMap<>();
    jdbc.query("select ID_, FIRST_, LAST_, EMAIL_, LOCK_EXP_TIME_ from ACT_ID_USER", rs -> {
      String id = rs.getString(1);
      if (ids.contains(id) || groups.containsKey(id)) {
        String name = (nullToEmpty(rs.getString(2)) + " " + nullToEmpty(rs.getString(3))).trim();
        Timestamp lock = rs.getTimestamp(5);
        entries.put(id, new Entry(id, name, rs.getString(4), languages.get(id),
            lock == null || lock.before(DISABLED_FROM), groups.getOrDefault(id, Set.of())));
      }
    });
    return entries;
  }

  @Override
  public void create(PeopleList.Person person) {
    jdbc.update("insert into ACT_ID_USER (ID_, REV_, FIRST_, LAST_, EMAIL_, ATTEMPTS_) values (?, 1, ?, ?, ?, 0)", person.id(),
        person.firstName(), person.lastName(), person.email());
    language(person);
  }

  @Override
  public void update(PeopleList.Person person) {
    jdbc.update("update ACT_ID_USER set REV_ = REV_ + 1, FIRST_ = ?, LAST_ = ?, EMAIL_ = ? where ID_ = ?", person.firstName(),
        person.lastName(), person.email(), person.id());
    language(person);
  }

  private void language(PeopleList.Person person) {
    if (jdbc.update("update jospar_user_setting set locale = ?, updated_at = ? where user_id = ?", person.language(),
        Timestamp.from(Instant.now()), person.id()) == 0) {
      jdbc.update("insert into jospar_user_setting (user_id, locale, mail_mode, updated_at) values (?, ?, 'each', ?)", person.id(),
          person.language(), Timestamp.from(Instant.now()));
    }
  }

  @Override
  public void setEnabled(String id, boolean enabled) {
    jdbc.update("update ACT_ID_USER set REV_ = REV_ + 1, LOCK_EXP_TIME_ = ?, ATTEMPTS_ = 0 where ID_ = ?", enabled ? null : NEVER, id);
  }

  @Override
  public void join(String id, String group) {
    // Jospar creates its groups at start (IdentitySetup); a list imported before the first start creates them here
    if (jdbc.queryForObject("select count(*) from ACT_ID_GROUP where ID_ = ?", Integer.class, group) == 0) {
      String type = PeopleList.ROLES.contains(group) ? Roles.TYPE
          : group.endsWith("-supervisors") ? Roles.BODY_SUPERVISORS_TYPE : Roles.BODY_TYPE;
      jdbc.update("insert into ACT_ID_GROUP (ID_, REV_, NAME_, TYPE_) values (?, 1, ?, ?)", group, group, type);
    }
    jdbc.update("insert into ACT_ID_MEMBERSHIP (USER_ID_, GROUP_ID_) values (?, ?)", id, group);
  }

  @Override
  public void leave(String id, String group) {
    jdbc.update("delete from ACT_ID_MEMBERSHIP where USER_ID_ = ? and GROUP_ID_ = ?", id, group);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
