package kz.jospar.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Jospar's Kazakh and Russian label files for the Camunda 7.24 webapps hold exactly the keys of the
 * webapps' own en.json (from the webjar on the class path): none missing, none extra, every
 * {{placeholder}} kept, no value left empty; and every webapp offers them, with the language switch,
 * Kazakh numeric dates and Monday first, and without the end-of-life banner.
 */
class WebappTranslationsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*\\}\\}");

  static JsonNode read(String app, String language) throws IOException {
    String path = "META-INF/resources/webjars/camunda/app/" + app + "/locales/" + language + ".json";
    try (InputStream in = WebappTranslationsTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path + " on the class path").isNotNull();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }
  }

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource({"tasklist, kk", "tasklist, ru", "welcome, kk", "welcome, ru", "admin, kk", "admin, ru", "cockpit, kk", "cockpit, ru"})
  void everyLabelOfTheWebappIsTranslatedAndNothingElse(String app, String language) throws IOException {
    JsonNode english = read(app, "en");
    JsonNode translated = read(app, language);
    List<String> problems = new ArrayList<>();
    compare("", english, translated, problems);
    assertThat(problems).as("%s/%s.json against 7.24's en.json", app, language).isEmpty();
    assertThat(translated.path("labels").size()).isEqualTo(english.path("labels").size()).isGreaterThan(100);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tasklist", "welcome", "admin", "cockpit"})
  void everyWebappOffersKazakhRussianAndEnglishWithTheSwitch(String app) throws IOException {
    // each app's config.js (an ES module the app imports) takes the settings every webapp shares and keeps them
    String config = text("META-INF/resources/webjars/camunda/app/" + app + "/scripts/config.js");
    assertThat(config).contains("import jospar from '../../jospar/webapp-config.js';")
        .containsPattern("(?m)^export default (jospar;|\\{\\s*\\.\\.\\.jospar,)")
        .doesNotContainPattern("(?m)^  (locales|disableWelcomeMessage):");
    assertThat(text("META-INF/resources/webjars/camunda/app/jospar/webapp-config.js"))
        .containsPattern("(?m)^  locales: \\{\\s*availableLocales: \\['kk', 'ru', 'en'\\],\\s*fallbackLocale: 'kk'\\s*\\}")
        .containsPattern("(?m)^  customScripts: \\['\\.\\./jospar/jospar-language'\\]")
        .containsPattern("(?m)^  disableWelcomeMessage: true");
    if (app.equals("tasklist")) {
      assertThat(config).contains("customScripts: [...jospar.customScripts, 'scripts/jospar-forms.js']");
    }
    // each app's user-styles.css imports the shared rules, which hide the banner
    assertThat(text("META-INF/resources/webjars/camunda/app/" + app + "/styles/user-styles.css"))
        .contains("@import url(\"../../jospar/jospar.css\");");
    assertThat(text("META-INF/resources/webjars/camunda/app/jospar/jospar.css"))
        .containsPattern("\\.ce-eol-banner \\{\\s*display: none !important;");
    assertThat(WebappTranslationsTest.class.getClassLoader().getResource("META-INF/resources/webjars/camunda/app/jospar/jospar-language.js"))
        .as("the switch's script, at the path config.js names").isNotNull();
  }

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource({"tasklist, kk", "tasklist, ru", "admin, kk", "admin, ru", "cockpit, kk", "cockpit, ru"})
  void datesAreDayMonthYearWithMondayFirst(String app, String language) throws IOException {
    JsonNode dates = read(app, language).path("dateLocales");
    assertThat(dates.path("longDateFormat").path("L").asText()).isEqualTo("DD.MM.YYYY");
    assertThat(dates.path("longDateFormat").path("LLL").asText()).startsWith("DD.MM.YYYY");
    assertThat(dates.path("week").path("dow").asInt()).as("Monday").isEqualTo(1);
  }

  static String text(String path) throws IOException {
    try (InputStream in = WebappTranslationsTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path + " on the class path").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static void compare(String at, JsonNode en, JsonNode tr, List<String> problems) {
    if (en.isObject()) {
      if (!tr.isObject()) {
        problems.add(at + ": expected an object");
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = en.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!tr.has(e.getKey())) {
          problems.add(at + "." + e.getKey() + ": missing");
        } else {
          compare(at + "." + e.getKey(), e.getValue(), tr.get(e.getKey()), problems);
        }
      }
      for (Iterator<String> it = tr.fieldNames(); it.hasNext();) {
        String key = it.next();
        if (!en.has(key)) {
          problems.add(at + "." + key + ": not a key of en.json");
        }
      }
    } else if (en.isArray()) {
      if (!tr.isArray() || tr.size() != en.size()) {
        problems.add(at + ": expected a list of " + en.size());
      }
    } else if (en.isTextual()) {
      if (!tr.isTextual()) {
        problems.add(at + ": expected a text");
      } else {
        // the English plural ending "s" that Cockpit appends to a noun has no Kazakh counterpart: a
        // blank there is a translation; anywhere else it is a hole
        if (tr.asText().isBlank() && !en.asText().isBlank() && !en.asText().equals("s")) {
          problems.add(at + ": empty");
        }
        if (!placeholders(en.asText()).equals(placeholders(tr.asText()))) {
          problems.add(at + ": placeholders " + placeholders(en.asText()) + " became " + placeholders(tr.asText()));
        }
      }
    }
  }

  static TreeSet<String> placeholders(String text) {
    TreeSet<String> found = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      found.add(m.group().replace(" ", ""));
    }
    return found;
  }
}
