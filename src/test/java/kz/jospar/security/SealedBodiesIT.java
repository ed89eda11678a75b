package kz.jospar.security;

import kz.jospar.support.EmbeddedPostgresSupport;
import kz.jospar.support.WebappSession;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The attack suite with people signed in by password (HTTP Basic, the webapps' login), on PostgreSQL. */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=false", "jospar.demo.allow-any-database=true"})
@ActiveProfiles({"demo", "postgres"})
class SealedBodiesIT extends SealedBodiesContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresSupport.register(registry, "jospar_sealed");
  }

  @Override
  TestRestTemplate as(String user) {
    return http.withBasicAuth(user, "demo");
  }

  @Override
  WebappSession tasklist(String user) {
    return new WebappSession(port).login(user, "demo");
  }
}
