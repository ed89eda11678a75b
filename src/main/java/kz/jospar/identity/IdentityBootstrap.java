package kz.jospar.identity;

import kz.jospar.access.Roles;

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
 * Outside the demo, body and role groups and their grants still come from the bodies directory;
 * people do not. The first administrator is created from the environment, when both
 * JOSPAR_ADMIN_USER and JOSPAR_ADMIN_PASSWORD are set; there is no default.
 */
@Component
@Profile("!demo")
@Order(10)
class IdentityBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

  private final IdentitySetup identitySetup;
  private final IdentityService identityService;
  private final String adminUser;
  private final String adminPassword;

  IdentityBootstrap(IdentitySetup identitySetup, IdentityService identityService,
      @Value("${JOSPAR_ADMIN_USER:}") String adminUser, @Value("${JOSPAR_ADMIN_PASSWORD:}") String adminPassword) {
    this.identitySetup = identitySetup;
    this.identityService = identityService;
    this.adminUser = adminUser;
    this.adminPassword = adminPassword;
  }

  @Override
  public void run(ApplicationArguments args) {
    identitySetup.ensureGroupsAndGrants();
    if (adminUser.isBlank() || identityService.isReadOnly()) {
      return;
    }
    if (adminPassword.length() < 12) {
      throw new IllegalStateException("JOSPAR_ADMIN_PASSWORD must have at least 12 characters to create the administrator '" + adminUser + "'");
    }
    if (identityService.createUserQuery().userId(adminUser).count() == 0) {
      User user = identityService.newUser(adminUser);
      user.setFirstName("Jospar");
      user.setLastName("Administrator");
      user.setPassword(adminPassword);
      identityService.saveUser(user);
      identityService.createMembership(adminUser, Roles.ADMIN);
      log.info("Administrator '{}' created from JOSPAR_ADMIN_USER", adminUser);
    }
  }
}
