package kz.jospar.people;

import java.util.Map;
import java.util.Set;

/** Where people live: the engine's own tables (profile postgres) or Keycloak (profile keycloak). */
interface PeopleDirectory {

  /** A person as the directory has them; groups only those Jospar manages (bodies, supervisors, roles). */
  record Entry(String id, String name, String email, String language, boolean enabled, Set<String> groups) {}

  /** Everyone with a membership in a group Jospar manages, or whose id is asked for, by id. */
  Map<String, Entry> read(Set<String> ids, Set<String> managedGroups);

  void create(PeopleList.Person person);

  void update(PeopleList.Person person);

  void setEnabled(String id, boolean enabled);

  void join(String id, String group);

  void leave(String id, String group);
}
