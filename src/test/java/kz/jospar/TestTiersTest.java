package kz.jospar;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The two test tiers, kept by a test. {@code ./mvnw test} runs the classes named {@code *Test}: unit tests and
 * engine-only model tests, inside the test JVM, on an in-memory database and without a web port, so the tier stays
 * fast. {@code ./mvnw verify} adds the classes named {@code *IT}: whatever starts a server — PostgreSQL, Keycloak, a
 * browser, an SMTP server, a node from the jar, or the application on a port. And no test leans on another having run
 * first: tests run in a random order (junit-platform.properties), and nothing may ask for a fixed one.
 */
class TestTiersTest {

  static final JavaClasses TESTS = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
      .importPackages("kz.jospar");

  /** What only the integration tier may start. */
  static final List<String> SERVERS = List.of("kz.jospar.support.EmbeddedPostgresSupport", "kz.jospar.support.KeycloakSupport",
      "kz.jospar.support.JarNode", "io.zonky.test.db.postgres.embedded.EmbeddedPostgres");

  @Test
  void theFastTierStartsNoServer() {
    ArchRule rule = noClasses().that().haveSimpleNameEndingWith("Test")
        .should().dependOnClassesThat().haveFullyQualifiedName(SERVERS.get(0))
        .orShould().dependOnClassesThat().haveFullyQualifiedName(SERVERS.get(1))
        .orShould().dependOnClassesThat().haveFullyQualifiedName(SERVERS.get(2))
        .orShould().dependOnClassesThat().haveFullyQualifiedName(SERVERS.get(3))
        .orShould().dependOnClassesThat().resideInAnyPackage("org.openqa.selenium..", "com.icegreen.greenmail..")
        .because("./mvnw test is the tier a developer runs after every change: a class that starts a server is named *IT");
    rule.check(TESTS);
  }

  @Test
  void theFastTierOpensNoWebPort() {
    List<String> onAPort = TESTS.stream().filter(c -> c.getSimpleName().endsWith("Test"))
        .filter(c -> c.isAnnotatedWith(SpringBootTest.class))
        .filter(c -> c.getAnnotationOfType(SpringBootTest.class).webEnvironment().isEmbedded())
        .map(JavaClass::getName).toList();
    assertThat(onAPort).as("classes named *Test that start the application on a port (name them *IT)").isEmpty();
  }

  @Test
  void noTestAsksForAFixedOrder() {
    noClasses().should().beAnnotatedWith(TestMethodOrder.class)
        .because("tests run in a random order; steps that must follow each other are one test (a @TestFactory)")
        .check(TESTS);
    methods().should().notBeAnnotatedWith(Order.class).check(TESTS);
  }

  @Test
  void theTiersAreRecognisedByTheirNames() {
    // a class with tests is either *Test (surefire) or *IT (failsafe): any other name would run in neither
    // (abstract contracts run in the classes that extend them; the benchmark runs in its own profile: ./mvnw -Pbench)
    List<String> unnamed = TESTS.stream().filter(c -> !c.isNestedClass() && !c.isAnonymousClass())
        .filter(c -> !c.getModifiers().contains(JavaModifier.ABSTRACT) && !c.getPackageName().equals("kz.jospar.bench"))
        .filter(c -> c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(Test.class)
            || m.isAnnotatedWith("org.junit.jupiter.params.ParameterizedTest")
            || m.isAnnotatedWith("org.junit.jupiter.api.TestFactory")))
        .map(JavaClass::getSimpleName).filter(n -> !n.endsWith("Test") && !n.endsWith("IT")).toList();
    assertThat(unnamed).as("test classes that neither tier runs").isEmpty();
  }
}
