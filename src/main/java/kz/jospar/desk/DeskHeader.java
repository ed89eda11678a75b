package kz.jospar.desk;

import kz.jospar.catalog.PlanCatalog;
import kz.jospar.identity.Caller;
import kz.jospar.identity.PasswordSignIn;
import kz.jospar.identity.Roles;
import kz.jospar.identity.SignInAddress;
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

  /** The header's links; {@code user} the person's id. */
  record Nav(String user, boolean coordinator, boolean monitor, boolean admin, String signOut) {}

  private final PlanCatalog catalog;
  private final ObjectProvider<PasswordSignIn> passwords;
  private final Notifications notes;

  DeskHeader(PlanCatalog catalog, ObjectProvider<PasswordSignIn> passwords, Notifications notes) {
    this.catalog = catalog;
    this.passwords = passwords;
    this.notes = notes;
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
    return new Nav(caller.userId(), caller.isIn(Roles.COORDINATOR), monitor, caller.isIn(Roles.ADMIN),
        passwords.getIfAvailable() != null ? SignInAddress.SIGN_OUT : "/logout");
  }
}
