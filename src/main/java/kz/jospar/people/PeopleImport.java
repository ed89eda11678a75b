package kz.jospar.people;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kz.jospar.catalog.Body;
import kz.jospar.catalog.BodyDirectory;
import kz.jospar.access.Roles;

/**
 * Brings a directory to a list of people: creates who is new, updates name, language, body and
 * role of who changed, leaves alone who did not (a second run changes nothing), and disables
 * (never deletes) those not on the list only when asked to. A dry run says the same and changes nothing.
 */
final class PeopleImport {

  record Outcome(List<String> changes, int created, int updated, int disabled, int unchanged) {}

  private final PeopleDirectory directory;
  private final Set<String> managedGroups = new HashSet<>();

  PeopleImport(PeopleDirectory directory, BodyDirectory bodies) {
    this.directory = directory;
    for (Body body : bodies.leaves()) {
      managedGroups.add(body.code());
      managedGroups.add(Roles.supervisorsOf(body.code()));
    }
    managedGroups.addAll(PeopleList.ROLES);
  }

  Outcome apply(List<PeopleList.Person> people, boolean dryRun, boolean disableMissing) {
    Set<String> ids = new LinkedHashSet<>();
    people.forEach(p -> ids.add(p.id()));
    Map<String, PeopleDirectory.Entry> existing = directory.read(ids, managedGroups);
    List<String> changes = new ArrayList<>();
    int created = 0;
    int updated = 0;
    int disabled = 0;
    int unchanged = 0;
    for (PeopleList.Person person : people) {
      PeopleDirectory.Entry entry = existing.get(person.id());
      if (entry == null) {
        changes.add("line " + person.line() + ": create " + person.id() + " (" + person.name() + "), body " + person.body()
            + ", role " + person.role() + ", language " + person.language());
        if (!dryRun) {
          directory.create(person);
          for (String group : new TreeSet<>(person.groups())) {
            directory.join(person.id(), group);
          }
        }
        created++;
        continue;
      }
      List<String> what = new ArrayList<>();
      boolean fields = false;
      if (!person.name().equals(entry.name())) {
        what.add("name '" + entry.name() + "' → '" + person.name() + "'");
        fields = true;
      }
      if (!person.language().equals(entry.language())) {
        what.add("language " + entry.language() + " → " + person.language());
        fields = true;
      }
      if (!person.email().equals(entry.email())) {
        what.add("e-mail " + entry.email() + " → " + person.email());
        fields = true;
      }
      Set<String> join = new TreeSet<>(person.groups());
      join.removeAll(entry.groups());
      Set<String> leave = new TreeSet<>(entry.groups());
      leave.removeAll(person.groups());
      if (!join.isEmpty()) {
        what.add("joins " + String.join(", ", join));
      }
      if (!leave.isEmpty()) {
        what.add("leaves " + String.join(", ", leave));
      }
      if (!entry.enabled()) {
        what.add("enabled again");
      }
      if (what.isEmpty()) {
        unchanged++;
        continue;
      }
      changes.add("line " + person.line() + ": update " + person.id() + ": " + String.join("; ", what));
      updated++;
      if (!dryRun) {
        if (fields) {
          directory.update(person);
        }
        if (!entry.enabled()) {
          directory.setEnabled(person.id(), true);
        }
        join.forEach(g -> directory.join(person.id(), g));
        leave.forEach(g -> directory.leave(person.id(), g));
      }
    }
    if (disableMissing) {
      for (PeopleDirectory.Entry entry : existing.values()) {
        if (!ids.contains(entry.id()) && entry.enabled() && !entry.groups().contains(Roles.ADMIN)) {
          changes.add("disable " + entry.id() + " (not on the list; kept with their history, can be enabled again)");
          disabled++;
          if (!dryRun) {
            directory.setEnabled(entry.id(), false);
          }
        }
      }
    }
    return new Outcome(changes, created, updated, disabled, unchanged);
  }
}
