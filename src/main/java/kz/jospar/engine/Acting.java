package kz.jospar.engine;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who the engine is acting for in this thread (the person completing a task through the desk, the webapps or the
 * REST API; nobody for a timer or the job executor), and running work as the system. The engine's type for it lives in
 * its internals; the rest of Jospar asks here.
 */
public final class Acting {

  private Acting() {}

  /** The person the engine acts for, empty for the engine itself (a timer, the job executor, a start-up step). */
  public static Optional<String> userId(IdentityService identity) {
    Authentication auth = identity.getCurrentAuthentication();
    return auth == null ? Optional.empty() : Optional.ofNullable(auth.getUserId());
  }

  /** Their groups (bodies and roles); empty when nobody is acting. */
  public static List<String> groupIds(IdentityService identity) {
    Authentication auth = identity.getCurrentAuthentication();
    return auth == null || auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
  }

  /** Whether a person is acting at all (an authentication is set), whatever their id. */
  public static boolean anyone(IdentityService identity) {
    return identity.getCurrentAuthentication() != null;
  }

  /**
   * Runs work as the system: the engine's authorizations and Jospar's command policy judge people, not the service
   * that calls this after it has checked the person's right itself. The person's authentication comes back after.
   */
  public static <T> T asSystem(IdentityService identity, Supplier<T> work) {
    Authentication saved = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (saved != null) {
        identity.setAuthentication(saved);
      }
    }
  }
}
