package kz.jospar.access;

import kz.jospar.access.Roles;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who is asking, however they signed in (HTTP Basic, the webapps' session, a Keycloak login or
 * token): the user id, their groups (bodies and roles) and, from Keycloak, the language set there.
 */
public record Caller(String userId, Set<String> groups, Optional<String> keycloakLocale) {

  public static Caller of(Authentication authentication) {
    if (authentication instanceof OAuth2AuthenticationToken token && token.getPrincipal() instanceof OidcUser user) {
      List<String> groups = user.getClaimAsStringList("groups");
      return new Caller(user.getPreferredUsername(), groups == null ? Set.of() : Set.copyOf(groups),
          Optional.ofNullable(user.getClaimAsString("locale")));
    }
    Set<String> groups = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
    return new Caller(authentication.getName(), groups, Optional.empty());
  }

  public boolean isIn(String group) {
    return groups.contains(group);
  }

  /** Coordinator, auditor or administrator: sees every body's reports. */
  public boolean seesWholePlan() {
    return isIn(Roles.COORDINATOR) || isIn(Roles.AUDITOR) || isIn(Roles.ADMIN);
  }
}
