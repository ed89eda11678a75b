package kz.jospar.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where Keycloak is, and what a token for Jospar's APIs must carry. */
@ConfigurationProperties("jospar.keycloak")
record KeycloakProperties(String url, String realm, String apiAudience, Duration clockSkew) {

  String issuer() {
    return url + "/realms/" + realm;
  }
}
