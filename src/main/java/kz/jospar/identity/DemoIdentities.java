package kz.jospar.identity;

import kz.jospar.access.Roles;

import java.util.ArrayList;
import java.util.List;
import kz.jospar.catalog.Body;
import kz.jospar.catalog.PlanCatalog;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo profile's people, made from the bodies directory: for every body an official
 * ({@code <code>.official}), a supervisor ({@code <code>.supervisor}) and a deputy supervisor
 * ({@code <code>.deputy}), plus {@code coordinator} (АҚДМ), {@code coordinator2} ("Қоғамдық келісім"
 * РММ), {@code auditor} and {@code admin}, all with the demo password. Only in the demo profile:
 * anywhere else Jospar has no default password.
 */
@Component
@Profile("demo")
@Order(10)
class DemoIdentities implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoIdentities.class);

  record DemoUser(String id, String firstName, String lastName, List<String> groups) {}

  private final IdentityService identityService;
  private final IdentitySetup identitySetup;
  private final PlanCatalog catalog;
  private final String password;

  DemoIdentities(IdentityService identityService, IdentitySetup identitySetup, PlanCatalog catalog,
      @Value("${jospar.demo.password}") String password, @Value("${spring.datasource.url:}") String databaseUrl,
      @Value("${jospar.demo.allow-any-database:false}") boolean allowAnyDatabase) {
    if (!databaseUrl.startsWith("jdbc:h2:") && !allowAnyDatabase) {
      throw new IllegalStateException("The demo profile creates users whose password is known ('" + "demo" + "' by default) and runs on H2 only,"
          + " but the database is " + databaseUrl.replaceAll("password=[^;&]*", "password=***")
          + ". For a real database run with SPRING_PROFILES_ACTIVE=postgres (or postgres,keycloak).");
    }
    this.identityService = identityService;
    this.identitySetup = identitySetup;
    this.catalog = catalog;
    this.password = password;
  }

  static List<DemoUser> users(PlanCatalog catalog) {
    List<DemoUser> users = new ArrayList<>();
    for (Body body : catalog.bodies().leaves()) {
      String name = body.abbreviation() != null ? body.abbreviation().kk() : body.name().kk();
      users.add(new DemoUser(body.code() + ".official", "Official", name, List.of(body.code(), Roles.OFFICIAL)));
      users.add(new DemoUser(body.code() + ".supervisor", "Supervisor", name,
          List.of(body.code(), Roles.supervisorsOf(body.code()), Roles.SUPERVISOR)));
      // a second supervisor, so that four-eyes has someone to turn to when a supervisor submits
      users.add(new DemoUser(body.code() + ".deputy", "Deputy supervisor", name,
          List.of(body.code(), Roles.supervisorsOf(body.code()), Roles.SUPERVISOR)));
    }
    users.add(new DemoUser("coordinator", "Plan", "Coordinator", List.of("aqdm", Roles.COORDINATOR)));
    users.add(new DemoUser("coordinator2", "Second", "Coordinator", List.of("qk-rmm", Roles.COORDINATOR)));
    users.add(new DemoUser("auditor", "Plan", "Auditor", List.of(Roles.AUDITOR)));
    users.add(new DemoUser("admin", "Jospar", "Administrator", List.of(Roles.ADMIN)));
    return users;
  }

  /** A demo person's address; nothing is sent to it unless the demo is given an SMTP server (see the README). */
  static String demoEmail(String userId) {
    return userId + "@demo.jospar.kz";
  }

  @Override
  public void run(ApplicationArguments args) {
    identitySetup.ensureGroupsAndGrants();
    int created = 0;
    for (DemoUser demo : users(catalog)) {
      if (identityService.createUserQuery().userId(demo.id()).count() == 0) {
        User user = identityService.newUser(demo.id());
        user.setFirstName(demo.firstName());
        user.setLastName(demo.lastName());
        user.setPassword(password);
        user.setEmail(demoEmail(demo.id()));
        identityService.saveUser(user);
        created++;
      } else {
        // demo data from before demo people had addresses
        User user = identityService.createUserQuery().userId(demo.id()).singleResult();
        if (user.getEmail() == null) {
          user.setEmail(demoEmail(demo.id()));
          identityService.saveUser(user);
        }
      }
      for (String group : demo.groups()) {
        if (identityService.createUserQuery().userId(demo.id()).memberOfGroup(group).count() == 0) {
          identityService.createMembership(demo.id(), group);
        }
      }
    }
    log.warn("DEMO profile: {} demo users ready ({} new), all with the demo password. Never run the demo profile in production.",
        users(catalog).size(), created);
  }
}
