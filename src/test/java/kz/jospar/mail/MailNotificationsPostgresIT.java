package kz.jospar.mail;

import kz.jospar.support.EmbeddedPostgresSupport;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The same e-mail behaviour on a real PostgreSQL, production's database: the outbox's SQL, and two
 * senders racing for the same rows where PostgreSQL's row locks decide.
 */
// demo people on PostgreSQL: the postgres profile comes last so its database wins, and the demo is told it may
@ActiveProfiles({"demo", "postgres"})
@TestPropertySource(properties = "jospar.demo.allow-any-database=true")
class MailNotificationsPostgresIT extends MailNotificationsIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresSupport.register(registry, "jospar_mail");
  }
}
