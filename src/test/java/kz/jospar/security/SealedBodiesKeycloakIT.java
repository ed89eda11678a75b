package kz.jospar.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kz.jospar.support.EmbeddedPostgresSupport;
import kz.jospar.support.KeycloakSupport;
import kz.jospar.support.WebappSession;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The attack suite with people signed in through a real Keycloak (access tokens on the APIs), on
 * PostgreSQL: the same attacks fail the same way whoever vouches for the person. The webapps sign in
 * through Keycloak's own page here, so Tasklist's door is walked by {@link SealedBodiesIT} only.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"postgres", "keycloak"})
class SealedBodiesKeycloakIT extends SealedBodiesContract {

  static final KeycloakSupport keycloak = KeycloakSupport.server();
  static final Map<String, String> tokens = new ConcurrentHashMap<>();

  @DynamicPropertySource
  static void environment(DynamicPropertyRegistry registry) {
    EmbeddedPostgresSupport.register(registry, "jospar_sealed_keycloak");
    registry.add("JOSPAR_KEYCLOAK_URL", keycloak::url);
    registry.add("JOSPAR_WEBAPPS_CLIENT_SECRET", keycloak::webappsClientSecret);
    registry.add("JOSPAR_IDENTITY_CLIENT_SECRET", keycloak::identityClientSecret);
  }

  @Override
  TestRestTemplate as(String user) {
    String token = tokens.computeIfAbsent(user, u -> keycloak.token(u, "demo"));
    return new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port).additionalInterceptors((request, body, next) -> {
      request.getHeaders().setBearerAuth(token);
      return next.execute(request, body);
    }));
  }

  @Override
  WebappSession tasklist(String user) {
    return null;
  }
}
