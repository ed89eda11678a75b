package kz.jospar.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference ({@code docs/configuration.md}) is generated from the configuration itself: every
 * environment variable that {@code application*.yaml} reads, with the property it sets, its default and the comment
 * that explains it there. Not copied by hand: when the files and the reference differ, this test writes the reference
 * anew and fails, so that the change is committed with the setting that made it.
 */
class ConfigurationReferenceTest {

  static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(JOSPAR_[A-Z0-9_]+)(?::([^}]*))?}");
  static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z0-9_.\\-\\[\\]\"]+):(.*)$");

  record Setting(String variable, String profile, List<String> properties, String defaultValue, String meaning) {}

  @Test
  void theReferenceInDocsIsTheConfigurations() throws IOException {
    Map<String, Setting> settings = new LinkedHashMap<>();
    for (String profile : List.of("", "demo", "postgres", "keycloak")) {
      Path file = Path.of("src/main/resources", profile.isEmpty() ? "application.yaml" : "application-" + profile + ".yaml");
      read(file, profile.isEmpty() ? "all" : profile, settings);
    }
    StringBuilder md = new StringBuilder();
    md.append("# Configuration reference\n\n[← README](../README.md)\n\n")
        .append("Generated from `src/main/resources/application*.yaml` by `kz.jospar.ops.ConfigurationReferenceTest` (do not edit:\n")
        .append("change the YAML and its comment, run the test, commit what it writes). Every setting a deployment changes comes\n")
        .append("from an environment variable; the profile is chosen with `SPRING_PROFILES_ACTIVE`: `demo` (the default: H2 in\n")
        .append("`./data`, demo people), `postgres`, `postgres,keycloak` (production). The meaning is the comment beside the\n")
        .append("setting in the YAML, or above it.\n\n")
        .append("| variable | profile | sets | default | meaning |\n|---|---|---|---|---|\n");
    String previous = null;
    for (Setting s : settings.values()) {
      String meaning = s.meaning().equals(previous) ? "as above" : s.meaning();
      previous = s.meaning();
      md.append("| `").append(s.variable()).append("` | ").append(s.profile()).append(" | ")
          .append(String.join("<br>", s.properties().stream().map(p -> "`" + p + "`").toList())).append(" | ")
          .append(shown(s.defaultValue())).append(" | ").append(meaning.replace("|", "\\|")).append(" |\n");
    }
    // what the commands (schema-upgrade, people import) and the start-up read from the environment themselves
    Map<String, String[]> direct = new java.util.TreeMap<>();
    try (var files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        Matcher m = DIRECT.matcher(text);
        while (m.find()) {
          String variable = m.group(1) != null ? m.group(1) : m.group(3);
          String dflt = m.group(1) != null ? m.group(2) : m.group(4);
          String type = f.toString().replace("src/main/java/", "").replace(".java", "").replace('/', '.');
          if (!settings.containsKey(variable)) {
            direct.merge(variable, new String[] {dflt, type}, (a, b) -> a[1].contains(b[1]) ? a : new String[] {a[0] != null ? a[0] : b[0], a[1] + ", " + b[1]});
          }
        }
      }
    }
    md.append("\nRead from the environment by Jospar's code itself (the commands `schema-upgrade` and `people import`, the\n")
        .append("first administrator at start), not through `application.yaml`:\n\n| variable | default | read by |\n|---|---|---|\n");
    direct.forEach((variable, d) -> md.append("| `").append(variable).append("` | ").append(shown(d[0])).append(" | `")
        .append(d[1].replace(", ", "`, `")).append("` |\n"));
    Path doc = Path.of("docs/configuration.md");
    String expected = md.toString();
    String actual = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
    if (!actual.equals(expected)) {
      Files.writeString(doc, expected, StandardCharsets.UTF_8);
    }
    assertThat(actual).as("docs/configuration.md was out of date; the test wrote the new one: commit it").isEqualTo(expected);
    assertThat(settings).as("the variables production needs are all there").containsKeys("JOSPAR_DB_URL", "JOSPAR_DB_USER",
        "JOSPAR_DB_PASSWORD", "JOSPAR_PORT", "JOSPAR_PUBLIC_URL", "JOSPAR_SMTP_HOST", "JOSPAR_KEYCLOAK_URL", "JOSPAR_CATALOG_PLANS");
  }

  /** {@code @Value("${JOSPAR_X:default}")}, or {@code env.get("JOSPAR_X")} / {@code env.getOrDefault("JOSPAR_X", "default")}. */
  static final Pattern DIRECT = Pattern.compile(
      "\\$\\{(JOSPAR_[A-Z0-9_]+)(?::([^}]*))?}|\\.get(?:OrDefault)?\\(\"(JOSPAR_[A-Z0-9_]+)\"(?:,\\s*\"([^\"]*)\")?\\)");

  private static String shown(String value) {
    return value == null ? "none" : value.isEmpty() ? "empty" : "`" + value.replace("|", "\\|") + "`";
  }

  private static void read(Path file, String profile, Map<String, Setting> settings) throws IOException {
    Deque<String[]> path = new ArrayDeque<>(); // {indent, key, comment}
    List<String> comment = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        comment.clear();
        continue;
      }
      if (trimmed.startsWith("#")) {
        comment.add(trimmed.substring(1).strip());
        continue;
      }
      Matcher key = KEY.matcher(line);
      if (!key.matches()) {
        comment.clear();
        continue;
      }
      int indent = key.group(1).length();
      while (!path.isEmpty() && Integer.parseInt(path.peek()[0]) >= indent) {
        path.pop();
      }
      String value = key.group(3);
      String inline = null;
      int hash = value.indexOf(" #");
      if (hash >= 0) {
        inline = value.substring(hash + 2).strip();
        value = value.substring(0, hash);
      }
      String own = inline != null ? inline : comment.isEmpty() ? null : String.join(" ", comment);
      path.push(new String[] {String.valueOf(indent), key.group(2), own});
      comment.clear();
      Matcher placeholder = PLACEHOLDER.matcher(value);
      while (placeholder.find()) {
        String variable = placeholder.group(1);
        List<String> keys = new ArrayList<>();
        path.descendingIterator().forEachRemaining(p -> keys.add(p[1]));
        String property = String.join(".", keys);
        String meaning = "";
        for (String[] p : path) { // nearest first: the setting's own comment, else its parent's
          if (p[2] != null) {
            meaning = p[2];
            break;
          }
        }
        Setting known = settings.get(variable);
        if (known == null) {
          List<String> properties = new ArrayList<>(List.of(property));
          settings.put(variable, new Setting(variable, profile, properties, placeholder.group(2), meaning));
        } else if (!known.properties().contains(property)) {
          known.properties().add(property);
        }
      }
    }
  }
}
