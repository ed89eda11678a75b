package kz.jospar.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import kz.jospar.support.KeycloakSupport;
import org.junit.jupiter.api.Test;

/** The same import against a real Keycloak with Jospar's realm: create, move to another body, rerun. */
class PeopleImportKeycloakIT {

  static final KeycloakSupport keycloak = KeycloakSupport.server();

  @Test
  void createsAPersonInTheirGroupsThenMovesThemAndARerunChangesNothing() {
    KeycloakPeople directory = new KeycloakPeople(keycloak.url(), KeycloakSupport.REALM, keycloak::adminToken);
    String list = PeopleImportIT.HEADER + "Aliya Sarsen,aliya.sarsen@sim.gov.kz,sim,supervisor,en\n";

    assertThat(run(directory, list)).contains("line 2: create aliya.sarsen@sim.gov.kz").contains("1 created");
    PeopleDirectory.Entry created = read().get("aliya.sarsen@sim.gov.kz");
    assertThat(created.groups()).isEqualTo(Set.of("sim", "sim-supervisors", "supervisor"));
    assertThat(created.language()).isEqualTo("en");
    assertThat(created.name()).isEqualTo("Aliya Sarsen");

    assertThat(run(new KeycloakPeople(keycloak.url(), KeycloakSupport.REALM, keycloak::adminToken),
        PeopleImportIT.HEADER + "Aliya Sarsen,aliya.sarsen@sim.gov.kz,akimat-abai,official,en\n"))
        .contains("update aliya.sarsen@sim.gov.kz: joins akimat-abai, official; leaves sim, sim-supervisors, supervisor");
    assertThat(read().get("aliya.sarsen@sim.gov.kz").groups()).isEqualTo(Set.of("akimat-abai", "official"));

    assertThat(run(new KeycloakPeople(keycloak.url(), KeycloakSupport.REALM, keycloak::adminToken),
        PeopleImportIT.HEADER + "Aliya Sarsen,aliya.sarsen@sim.gov.kz,akimat-abai,official,en\n"))
        .contains("0 created, 0 updated, 0 disabled, 1 unchanged");
  }

  private static java.util.Map<String, PeopleDirectory.Entry> read() {
    return new KeycloakPeople(keycloak.url(), KeycloakSupport.REALM, keycloak::adminToken)
        .read(Set.of("aliya.sarsen@sim.gov.kz"), Set.of("sim", "sim-supervisors", "supervisor", "akimat-abai", "official"));
  }

  private static String run(KeycloakPeople directory, String list) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = PeopleCommand.run(list, PeopleCommand.bodies(java.util.Map.of()), directory, false, false,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }
}
