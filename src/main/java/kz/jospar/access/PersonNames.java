package kz.jospar.access;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** People's names as others read them: "Айгүл Серікова" for aigul.serikova. One rule for the desk, mails and records. */
public final class PersonNames {

  private PersonNames() {}

  /** First and last name; the id when the directory has neither. */
  public static String of(User user) {
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).strip();
    return name.isEmpty() ? user.getId() : name;
  }

  /** The names of these people in one directory query; an id no longer in the directory has no entry (show the id). */
  public static Map<String, String> of(IdentityService identity, Collection<String> userIds) {
    Map<String, String> names = new HashMap<>();
    if (!userIds.isEmpty()) {
      for (User u : identity.createUserQuery().userIdIn(userIds.toArray(String[]::new)).list()) {
        names.put(u.getId(), of(u));
      }
    }
    return names;
  }
}
