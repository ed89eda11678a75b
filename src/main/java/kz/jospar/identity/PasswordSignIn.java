package kz.jospar.identity;

import kz.jospar.engine.WebappSessions;

import kz.jospar.engine.EngineClock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The desk's own sign-in (embedded default and postgres profile; Keycloak signs people in
 * otherwise): the password is checked by the engine's identity service, as the webapps' login page
 * does, and the person lands in the webapps' session the same way (a fresh session id, the
 * webapps' {@code Authentications} in it), so Jospar's pages, Tasklist, Cockpit and Admin all know
 * them from one sign-in.
 *
 * <p>The engine locks a user for a moment after each wrong password (3 s after the first, doubling
 * after each further one, for good after ten), and during that moment it refuses even the right
 * password without saying why: the webapps answer "Unauthorized". The desk reads the lock first: the
 * first, short lock (the engine's {@code loginDelayBase}) is waited out, so the right password typed
 * right after a wrong one signs the person in; a longer lock is said with its seconds, a lasting one as
 * such. The engine's own counting of wrong passwords is left as it is. At most {@link #WAITERS}
 * requests wait out a lock at once: a request thread waits, so someone typing wrong passwords on
 * purpose cannot hold more than these few; past them the lock is said with its seconds instead.
 */
@Component
@Profile("!keycloak")
public class PasswordSignIn {

  private static final Logger log = LoggerFactory.getLogger(PasswordSignIn.class);

  /** What came of an attempt; {@code seconds}: how long to wait, for {@link Kind#WAIT}. */
  public record Result(Kind kind, String userId, long seconds) {
    public boolean signedIn() {
      return kind == Kind.SIGNED_IN;
    }
  }

  public enum Kind { SIGNED_IN, WRONG, WAIT, LOCKED }

  /** Requests that may wait out a short lock at the same time. */
  static final int WAITERS = 8;
  private final java.util.concurrent.Semaphore waiting = new java.util.concurrent.Semaphore(WAITERS);

  private final ProcessEngine engine;
  private final IdentityService identityService;

  PasswordSignIn(ProcessEngine engine) {
    this.engine = engine;
    this.identityService = engine.getIdentityService();
  }

  /** Checks the password and, when it is right, makes the session the person's (webapps included). */
  public Result signIn(HttpServletRequest request, HttpServletResponse response, String userId, String password) {
    // as the webapps' login: the check runs as nobody
    identityService.clearAuthentication();
    User user = identityService.createUserQuery().userId(userId).singleResult();
    WebappSessions.Throttle throttle = user == null ? null : WebappSessions.throttle(engine, user).orElse(null);
    if (throttle != null) {
      if (throttle.attempts() >= throttle.maxAttempts()) {
        return new Result(Kind.LOCKED, userId, 0);
      }
      long left = lockLeft(throttle.lockedUntil());
      if (left > Duration.ofSeconds(throttle.delayBaseSeconds()).toMillis()) {
        return new Result(Kind.WAIT, userId, (left + 999) / 1000);
      }
      if (left > 0) {
        if (!waiting.tryAcquire()) {
          return new Result(Kind.WAIT, userId, (left + 999) / 1000);
        }
        try {
          waitOut(left);
        } finally {
          waiting.release();
        }
      }
    }
    if (user == null || !identityService.checkPassword(userId, password)) {
      return new Result(Kind.WRONG, userId, 0);
    }
    // a new session id (no fixation), holding the webapps' authentication: Cockpit and Admin see the same person
    if (!WebappSessions.signIn(engine, user.getId(), request)) {
      return new Result(Kind.WRONG, userId, 0);
    }
    // and a new CSRF token for the new session: the next page gets it
    JosparPages.tokens().saveToken(null, request, response);
    log.info("{} signed in at the desk", user.getId());
    return new Result(Kind.SIGNED_IN, user.getId(), 0);
  }

  private static long lockLeft(Date until) {
    return until == null ? 0 : until.getTime() - EngineClock.date().getTime();
  }

  private static void waitOut(long millis) {
    try {
      Thread.sleep(millis + 20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
