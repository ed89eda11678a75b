package kz.jospar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Every {@code curl} command of the README and of {@code docs/} that the embedded default answers (anonymous, or HTTP
 * Basic with a demo person) is run as written, by bash, with {@code $JOSPAR} set to this run's address — a random port, not 8080 —
 * and must succeed: curl is told to fail on an HTTP error through a {@code .curlrc}, so the commands keep their words.
 * Commands that need more than the demo (a Keycloak token, an id from an earlier answer) are listed and left out.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "JOSPAR_DEMO_DB_URL=jdbc:h2:mem:jospar-docs-commands;DB_CLOSE_DELAY=-1")
class DocsCommandsIT {

  /** A command in a fenced block (with its continuation lines) or in inline code, that starts with curl. */
  static final Pattern FENCED = Pattern.compile("```[\\w-]*\\n(.*?)```", Pattern.DOTALL);
  static final Pattern INLINE = Pattern.compile("`(curl [^`]+)`");

  @LocalServerPort int port;

  record Command(String file, String text) {}

  static List<Command> commands() throws IOException {
    List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    List<Command> out = new ArrayList<>();
    for (Path file : files) {
      String md = Files.readString(file, StandardCharsets.UTF_8);
      Matcher fenced = FENCED.matcher(md);
      while (fenced.find()) {
        String block = fenced.group(1).replaceAll("\\\\\\n\\s*", " ");
        for (String line : block.split("\n")) {
          String command = line.strip();
          if (command.startsWith("curl ")) {
            out.add(new Command(file.toString(), command));
          }
        }
      }
      Matcher inline = INLINE.matcher(md);
      while (inline.find()) {
        out.add(new Command(file.toString(), inline.group(1).replaceAll("\\s*\\n\\s*", " ")));
      }
    }
    return out;
  }

  /** The demo answers it: no variable but $JOSPAR (no token, no id of an earlier answer); a person is a demo one. */
  static boolean demoAnswers(Command c) {
    return c.text().contains("$JOSPAR") && c.text().replace("$JOSPAR", "").replaceAll("\\$\\(date[^)]*\\)", "").indexOf('$') < 0
        && (!c.text().contains(" -u ") || c.text().matches(".*-u [\\w.-]+:demo .*"));
  }

  @Test
  void everyDemoCommandOfTheDocsWorksAsWrittenOnAnotherPort(@TempDir Path curlHome) throws Exception {
    assertThat(port).isNotEqualTo(8080);
    Files.writeString(curlHome.resolve(".curlrc"), "--fail-with-body\n--silent\n--show-error\n--max-time 30\n");
    List<Command> all = commands();
    List<Command> run = all.stream().filter(DocsCommandsIT::demoAnswers).toList();
    assertThat(run).as("curl commands of the docs that the demo answers").hasSizeGreaterThanOrEqualTo(8);
    all.stream().filter(c -> !demoAnswers(c)).forEach(c -> System.out.println("left out (needs more than the demo): " + c));
    List<String> failed = new ArrayList<>();
    for (Command c : run) {
      ProcessBuilder bash = new ProcessBuilder("bash", "-c", c.text()).redirectErrorStream(true);
      bash.environment().put("JOSPAR", "http://localhost:" + port);
      bash.environment().put("CURL_HOME", curlHome.toString());
      bash.environment().put("HOME", curlHome.toString());
      Process p = bash.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      System.out.printf("%s: %s -> exit %d%n", c.file(), c.text(), p.exitValue());
      if (p.exitValue() != 0) {
        failed.add(c.file() + ": " + c.text() + "\n  exit " + p.exitValue() + ": " + output.strip());
      }
    }
    assertThat(failed).as("commands of the docs that fail as written").isEmpty();
  }
}
