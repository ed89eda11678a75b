package kz.jospar.desk;

import kz.jospar.access.Caller;
import kz.jospar.access.PersonNames;
import kz.jospar.access.Roles;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.identity.PasswordSignIn;
import kz.jospar.identity.SignInAddress;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the desk's header offers a person: links only to what they may use (the same rules that
 * decide there: the monitor shows one's own bodies or, to coordinator, auditor and administrator, the
 * whole plan; opening a period by hand is the coordinator's; Cockpit and Admin are the
 * administrators'), signing out where they signed in (the desk, or Keycloak's /logout), and how
 * many of the person's notifications are unread.
 */
@ControllerAdvice(basePackageClasses = DeskHeader.class)
class DeskHeader {

  /** The header's links; {@code user} the person's name ("Айгүл Серікова"), their id when the directory has none. */
  record Nav(String user, boolean coordinator, boolean monitor, boolean admin, String signOut) {}

  /** A name read from the directory, and when: the header asks on every page, the directory at most every few minutes. */
  private record Name(String name, long readAt) {}

  private static final long NAME_FOR_MILLIS = 5 * 60 * 1000;
  private final java.util.concurrent.ConcurrentHashMap<String, Name> names = new java.util.concurrent.ConcurrentHashMap<>();

  private final PlanCatalog catalog;
  private final ObjectProvider<PasswordSignIn> passwords;
  private final Notifications notes;
  private final IdentityService identity;

  DeskHeader(PlanCatalog catalog, ObjectProvider<PasswordSignIn> passwords, Notifications notes, IdentityService identity) {
    this.catalog = catalog;
    this.passwords = passwords;
    this.notes = notes;
    this.identity = identity;
  }

  @ModelAttribute("unreadNotes")
  int unreadNotes(Authentication authentication) {
    if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
      return 0;
    }
    return notes.unread(Caller.of(authentication).userId());
  }

  @ModelAttribute("nav")
  Nav nav(Authentication authentication) {
    if (authentication == null || authentication instanceof AnonymousAuthenticationToken || !authentication.isAuthenticated()) {
      return null;
    }
    Caller caller = Caller.of(authentication);
    boolean monitor = caller.seesWholePlan() || caller.groups().stream().anyMatch(catalog.bodies()::contains);
    return new Nav(nameOf(caller.userId()), caller.isIn(Roles.COORDINATOR), monitor, caller.isIn(Roles.ADMIN),
        passwords.getIfAvailable() != null ? SignInAddress.SIGN_OUT : "/logout");
  }

  /** The person's name as the directory has it, read again after a few minutes (a rename shows soon, no page waits for it). */
  private String nameOf(String userId) {
    long now = System.currentTimeMillis();
    Name known = names.get(userId);
    if (known != null && now - known.readAt() < NAME_FOR_MILLIS) {
      return known.name();
    }
    String name = userId;
    try {
      User user = identity.createUserQuery().userId(userId).singleResult();
      name = user == null ? userId : PersonNames.of(user);
    } catch (RuntimeException e) {
      // the directory (Keycloak) is away: the id says who is signed in well enough until it is back
      return known == null ? userId : known.name();
    }
    if (names.size() > 10_000) {
      names.clear();
    }
    names.put(userId, new Name(name, now));
    return name;
  }
}
