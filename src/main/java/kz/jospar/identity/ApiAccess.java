package kz.jospar.identity;

import kz.jospar.access.Roles;

import static kz.jospar.identity.ApiErrors.path;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call the APIs, whichever way callers sign in (HTTP Basic or a Keycloak token): the same
 * rules for both profiles. Path patterns, not MVC matchers: /engine-rest is Jersey's servlet.
 */
final class ApiAccess {

  static final RequestMatcher PATHS = new OrRequestMatcher(path("/api/**"), path("/engine-rest/**"), path("/actuator/**"));

  private ApiAccess() {}

  static void rules(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry a) {
    a
        // a load balancer's probes need no credentials and get UP/DOWN; monitoring and admins also see the parts
        .requestMatchers(path("/actuator/health"), path("/actuator/health/**")).permitAll()
        // the figures of the whole plan: for the monitoring service account and administrators
        .requestMatchers(path("/actuator/prometheus")).hasAnyAuthority(Roles.MONITORING, Roles.ADMIN)
        .requestMatchers(path("/actuator/**")).denyAll()
        // the mail outbox (who was told what, failures and their errors): administrators only
        .requestMatchers(path("/api/mail/**")).hasAuthority(Roles.ADMIN)
        .anyRequest().authenticated();
  }
}
