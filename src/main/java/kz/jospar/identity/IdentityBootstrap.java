package kz.jospar.identity;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Outside the demo, body and role groups and their grants still come from the bodies directory; people do not. */
@Component
@Profile("!demo")
@Order(10)
class IdentityBootstrap implements ApplicationRunner {

  private final IdentitySetup identitySetup;

  IdentityBootstrap(IdentitySetup identitySetup) {
    this.identitySetup = identitySetup;
  }

  @Override
  public void run(ApplicationArguments args) {
    identitySetup.ensureGroupsAndGrants();
  }
}
