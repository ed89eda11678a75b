package kz.jospar.engine;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.util.ServletContextUtil;

/**
 * The webapps' session as Jospar shares it: the desk's sign-in puts the webapps' authentication in the session (one
 * login, one logout for the desk, Cockpit, Tasklist and Admin), Jospar's pages read it back, and on the Keycloak
 * profile the webapps take their user from the Keycloak login.
 */
public final class WebappSessions {

  private static final String ENGINE = "default";

  private WebappSessions() {}

  /** The engine's sign-in throttle for a user: failed attempts, when the next try is allowed, and the engine's limits. */
  public record Throttle(int attempts, Date lockedUntil, int maxAttempts, int delayBaseSeconds) {}

  /** The throttle of a user the engine's identity service keeps (none for users read from Keycloak). */
  public static Optional<Throttle> throttle(ProcessEngine engine, User user) {
    if (!(user instanceof UserEntity entity)) {
      return Optional.empty();
    }
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return Optional.of(new Throttle(entity.getAttempts(), entity.getLockExpirationTime(), configuration.getLoginMaxAttempts(),
        configuration.getLoginDelayBase()));
  }

  /**
   * Makes the request's session the person's for the webapps too, under a new session id (no fixation). False when the
   * engine will not authenticate the user.
   */
  public static boolean signIn(ProcessEngine engine, String userId, HttpServletRequest request) {
    UserAuthentication authentication = AuthenticationUtil.createAuthentication(engine, userId);
    if (authentication == null) {
      return false;
    }
    authentication.setCacheValidationTime(ServletContextUtil.getAuthCacheValidationTime(request.getServletContext()));
    AuthenticationUtil.revalidateSession(request, authentication);
    return true;
  }

  /** A person signed in to the webapps in this session: their id and groups. */
  public record SignedIn(String userId, List<String> groupIds) {}

  public static Optional<SignedIn> signedIn(HttpSession session) {
    Authentications all = AuthenticationUtil.getAuthsFromSession(session);
    if (all != null && all.getAuthenticationForProcessEngine(ENGINE) instanceof UserAuthentication user) {
      return Optional.of(new SignedIn(user.getIdentityId(), user.getGroupIds() == null ? List.of() : List.copyOf(user.getGroupIds())));
    }
    return Optional.empty();
  }

  /** The webapps' filter that takes their user from the container's (Spring Security's) Keycloak login. */
  public static Filter fromKeycloakLogin() {
    return new ContainerBasedAuthenticationFilter();
  }

  /** The filter's init parameters: the provider that reads the Keycloak user. */
  public static Map<String, String> fromKeycloakLoginParameters() {
    return Map.of("authentication-provider", OidcWebappAuthenticationProvider.class.getName());
  }
}
