package kz.jospar.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import kz.jospar.JosparApplication;
import kz.jospar.support.EmbeddedPostgresSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/**
 * Each start-up failure an administrator can cause: the application's main class started in this
 * JVM as the unit starts it, and the first lines on standard error say what happened and what to do.
 */
class StartupFailureIT {

  /**
   * Here, not beside a running application: a start that fails in the test JVM takes the process engine "default" out
   * of Camunda's static registry, which the webapps of an application running in the same JVM then miss.
   */
  @Test
  void theDemoProfileRefusesToRunOnARealDatabase() {
    SpringApplication app = new SpringApplication(JosparApplication.class);
    app.setAdditionalProfiles("demo");
    app.setDefaultProperties(java.util.Map.of("JOSPAR_DEMO_DB_URL", EmbeddedPostgresSupport.newDatabase("jospar_demo_refused"),
        "spring.datasource.username", "postgres", "spring.datasource.password", "postgres", "server.port", "0"));
    assertThatThrownBy(app::run).rootCause()
        .hasMessageStartingWith("The demo profile creates users whose password is known")
        .hasMessageContaining("SPRING_PROFILES_ACTIVE=postgres");
  }

  @Test
  void withoutTheDatabaseUrlTheFirstLineNamesTheVariable() {
    List<String> lines = failedStart("postgres", "--JOSPAR_DB_USER=jospar", "--JOSPAR_DB_PASSWORD=x");

    assertThat(lines.get(0)).isEqualTo("Jospar did not start: JOSPAR_DB_URL is not set.");
    assertThat(lines.get(1)).startsWith("What to do: Set JOSPAR_DB_URL in /etc/jospar/jospar.env");
  }

  @Test
  void aRefusedPasswordSaysSoAndHowToSetIt() {
    // without the user=postgres the embedded server's address carries
    String url = EmbeddedPostgresSupport.newDatabase("startup_password").replaceFirst("\\?.*", "");
    // the embedded server trusts its users; a role that does not exist is refused the same way (SQL state 28000/28P01)
    List<String> lines = failedStart("postgres", "--JOSPAR_DB_URL=" + url, "--JOSPAR_DB_USER=nobody_here",
        "--JOSPAR_DB_PASSWORD=wrong");

    assertThat(lines.get(0)).startsWith("Jospar did not start: the database refused JOSPAR_DB_USER with JOSPAR_DB_PASSWORD")
        .contains("nobody_here");
    assertThat(lines.get(1)).startsWith("What to do: Set the password of the database role in JOSPAR_DB_PASSWORD");
  }

  @Test
  void anUnreachableDatabaseSaysWhereItLooked() throws IOException {
    int closedPort = freePort();
    List<String> lines = failedStart("postgres", "--JOSPAR_DB_URL=jdbc:postgresql://127.0.0.1:" + closedPort + "/jospar",
        "--JOSPAR_DB_USER=jospar", "--JOSPAR_DB_PASSWORD=x");

    assertThat(lines.get(0)).startsWith("Jospar did not start: the database at JOSPAR_DB_URL cannot be reached")
        .contains("127.0.0.1:" + closedPort);
    assertThat(lines.get(1)).startsWith("What to do: Check that PostgreSQL runs");
  }

  @Test
  void aSchemaNotUpgradedNamesTheSchemaStepFirstInsteadOfTomcat() {
    String url = EmbeddedPostgresSupport.newDatabase("startup_schema");
    List<String> lines = failedStart("postgres", "--JOSPAR_DB_URL=" + url, "--JOSPAR_DB_USER=postgres",
        "--JOSPAR_DB_PASSWORD=postgres");

    assertThat(lines.get(0)).startsWith("Jospar did not start: the database's schema is not at this version of Jospar")
        .contains("no Jospar schema yet").doesNotContain("Tomcat");
    assertThat(lines.get(1)).startsWith("What to do: Stop every node, back up the database, run the schema step once: "
        + "java -jar jospar.jar schema-upgrade");
  }

  @Test
  void anUnreachableKeycloakSaysWhichAddressDidNotAnswer() throws IOException {
    String url = EmbeddedPostgresSupport.newDatabase("startup_keycloak");
    EmbeddedPostgresSupport.upgradeSchema(url);
    String keycloak = "http://127.0.0.1:" + freePort();
    List<String> lines = failedStart("postgres,keycloak", "--JOSPAR_DB_URL=" + url, "--JOSPAR_DB_USER=postgres",
        "--JOSPAR_DB_PASSWORD=postgres", "--JOSPAR_KEYCLOAK_URL=" + keycloak, "--JOSPAR_WEBAPPS_CLIENT_SECRET=s1",
        "--JOSPAR_IDENTITY_CLIENT_SECRET=s2");

    assertThat(lines.get(0)).startsWith("Jospar did not start: Keycloak did not answer for the realm at " + keycloak
        + "/realms/jospar");
    assertThat(lines.get(1)).startsWith("What to do: Check that Keycloak runs and that JOSPAR_KEYCLOAK_URL");
  }

  @Test
  void aMissingClientSecretIsNamedBeforeAnythingIsContacted() {
    List<String> lines = failedStart("postgres,keycloak", "--JOSPAR_DB_URL=jdbc:postgresql://127.0.0.1:1/none",
        "--JOSPAR_DB_USER=jospar", "--JOSPAR_DB_PASSWORD=x", "--JOSPAR_KEYCLOAK_URL=http://127.0.0.1:1",
        "--JOSPAR_WEBAPPS_CLIENT_SECRET=s1");

    assertThat(lines.get(0)).isEqualTo("Jospar did not start: JOSPAR_IDENTITY_CLIENT_SECRET is not set.");
    assertThat(lines.get(1)).startsWith("What to do: Set JOSPAR_IDENTITY_CLIENT_SECRET in /etc/jospar/jospar.env");
  }

  /** Starts Jospar's main configuration as {@code java -jar jospar.jar} does and returns what it wrote on standard error. */
  private static List<String> failedStart(String profiles, String... settings) {
    List<String> args = new ArrayList<>(List.of("--spring.profiles.active=" + profiles, "--server.port=0",
        "--jospar.node-id=startup-test", "--logging.structured.format.console=", "--spring.main.banner-mode=off"));
    args.addAll(List.of(settings));
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThatThrownBy(() -> SpringApplication.run(JosparApplication.class, args.toArray(String[]::new)))
          .isInstanceOf(Throwable.class);
    } finally {
      System.setErr(original);
    }
    String err = captured.toString(StandardCharsets.UTF_8);
    original.println(err);
    return err.lines().toList();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
