package kz.jospar.people;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.jospar.catalog.BodyDirectory;
import kz.jospar.catalog.CatalogException;
import kz.jospar.catalog.CatalogLoader;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code java -jar jospar.jar people import people.csv [--dry-run] [--disable-missing]}: brings the
 * people of a list into Keycloak (profile keycloak in SPRING_PROFILES_ACTIVE) or into the engine's
 * own tables (profile postgres), with the same variables as the node. Prints each change; exits 0
 * when done, 1 with every problem of the list (by line) and nothing changed, 2 on a wrong command line.
 */
public final class PeopleCommand {

  public static final String NAME = "people";
  static final String USAGE = "usage: java -jar jospar.jar people import FILE.csv [--dry-run] [--disable-missing]";

  private PeopleCommand() {}

  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
    boolean dryRun = rest.remove("--dry-run");
    boolean disableMissing = rest.remove("--disable-missing");
    if (rest.size() != 2 || !rest.get(0).equals("import") || rest.get(1).startsWith("--")) {
      err.println(USAGE);
      return 2;
    }
    try {
      String text = Files.readString(Path.of(rest.get(1)), StandardCharsets.UTF_8);
      BodyDirectory bodies = bodies(env);
      PeopleDirectory directory = directory(env, err);
      if (directory == null) {
        return 1;
      }
      return run(text, bodies, directory, dryRun, disableMissing, out, err);
    } catch (IOException e) {
      err.println("people import: cannot read " + rest.get(1) + ": " + e.getMessage());
      return 1;
    } catch (CatalogException e) {
      err.println("people import: the catalog is not valid: " + String.join("; ", e.problems()));
      return 1;
    } catch (RuntimeException e) {
      err.println("people import failed: " + e.getMessage());
      return 1;
    }
  }

  static int run(String text, BodyDirectory bodies, PeopleDirectory directory, boolean dryRun, boolean disableMissing,
      PrintStream out, PrintStream err) {
    PeopleList.Result list = PeopleList.read(text, bodies);
    if (!list.problems().isEmpty()) {
      list.problems().forEach(p -> err.println("people import: " + p));
      err.println("people import: nothing changed; correct the lines above and run again");
      return 1;
    }
    PeopleImport.Outcome outcome = new PeopleImport(directory, bodies).apply(list.people(), dryRun, disableMissing);
    outcome.changes().forEach(c -> out.println((dryRun ? "would " : "") + c));
    out.println("people import: " + outcome.created() + " created, " + outcome.updated() + " updated, " + outcome.disabled()
        + " disabled, " + outcome.unchanged() + " unchanged" + (dryRun ? " (dry run: nothing was changed)" : ""));
    return 0;
  }

  static BodyDirectory bodies(Map<String, String> env) {
    DefaultResourceLoader resources = new DefaultResourceLoader();
    String bodies = env.getOrDefault("JOSPAR_CATALOG_BODIES", "classpath:catalog/bodies.yaml");
    String plan = env.getOrDefault("JOSPAR_CATALOG_PLAN", "classpath:catalog/plan-2022-2026.yaml");
    return CatalogLoader.load(resources.getResource(bodies), resources.getResource(plan)).bodies();
  }

  private static PeopleDirectory directory(Map<String, String> env, PrintStream err) {
    String profiles = env.getOrDefault("SPRING_PROFILES_ACTIVE", "");
    List<String> needed = profiles.contains("keycloak")
        ? List.of("JOSPAR_KEYCLOAK_URL", "JOSPAR_PEOPLE_CLIENT_SECRET")
        : List.of("JOSPAR_DB_URL", "JOSPAR_DB_USER", "JOSPAR_DB_PASSWORD");
    List<String> missing = needed.stream().filter(n -> env.get(n) == null || env.get(n).isBlank()).toList();
    if (!missing.isEmpty()) {
      err.println("people import: set " + String.join(", ", missing) + " (SPRING_PROFILES_ACTIVE=" + profiles + "; "
          + (profiles.contains("keycloak") ? "people go to Keycloak" : "people go to the engine's tables") + ")");
      return null;
    }
    if (profiles.contains("keycloak")) {
      String url = env.get("JOSPAR_KEYCLOAK_URL");
      String realm = env.getOrDefault("JOSPAR_KEYCLOAK_REALM", "jospar");
      return new KeycloakPeople(url, realm, KeycloakPeople.clientCredentials(url, realm,
          env.getOrDefault("JOSPAR_PEOPLE_CLIENT_ID", "jospar-people"), env.get("JOSPAR_PEOPLE_CLIENT_SECRET")));
    }
    return new EnginePeople(new DriverManagerDataSource(env.get("JOSPAR_DB_URL"), env.get("JOSPAR_DB_USER"),
        env.get("JOSPAR_DB_PASSWORD")));
  }
}
