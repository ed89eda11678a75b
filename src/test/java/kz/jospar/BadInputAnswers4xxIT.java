package kz.jospar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.regex.Pattern;
import kz.jospar.support.WebappSession;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The embedded default, through HTTP: every input Jospar cannot use (malformed JSON, wrong types,
 * unknown ids, huge or out-of-range values, a missing body or parameter, the wrong content type) is
 * a 4xx that names the field in the caller's language, never a 5xx, and no answer names a Java class.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"JOSPAR_DEMO_DB_URL=jdbc:h2:mem:jospar-bad-input-test;DB_CLOSE_DELAY=-1", "camunda.bpm.job-execution.enabled=false"})
class BadInputAnswers4xxIT {

  /** A qualified Java class name of an exception or error, as an error body must never show. */
  static final Pattern JAVA_CLASS = Pattern.compile("(java|javax|jakarta|org|kz|com)\\.[a-z]+\\.[A-Za-z.]*[A-Z]\\w*(Exception|Error)");
  /** Any qualified Java class name at all (java.lang.Long, org.camunda...Dto). */
  static final Pattern ANY_CLASS = Pattern.compile("\\b(java|javax|jakarta|org|kz|com)\\.([a-z_]\\w*\\.)+[A-Z]\\w*");

  @LocalServerPort int port;
  final HttpClient client = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void clock() {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-11-16T10:00:00+05:00").toInstant()));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aDueAtOutsideItsRangeIs400NamingTheFieldAndTheRange() throws Exception {
    // given the engine's clock at 16 November 2026 and a plan that ends in 2026
    for (String dueAt : new String[] {"1900-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "2026-11-15T18:00:00+05:00",
        "+999999999-12-31T23:59:59Z", "2028-01-01T00:00:00+05:00", "9999-12-31T23:59:59Z", "tomorrow", "2026-13-45T99:00:00Z", ""
            + "2026-12-30T18:00:00"}) {
      // when the coordinator opens a period with it
      HttpResponse<String> r = send("coordinator", "POST", "/api/plan/periods", "application/json",
          "{\"row\":\"4.8\",\"period\":\"2026-H2\",\"dueAt\":\"" + dueAt + "\"}", null);

      // then a 400 names dueAt and says what is accepted
      JsonNode body = refusal(r, 400, "dueAt");
      assertThat(body.get("message").asText()).as(dueAt).contains("2027-12-31T23:59:59+05:00").contains("2026-11-16T00:00+05:00")
          .contains("2026-07-01T00:00+05:00");
    }
  }

  @Test
  void aDueAtRefusalSpeaksTheCallersLanguage() throws Exception {
    // given a caller whose browser asks for Russian
    // when the due moment is already past
    HttpResponse<String> r = send("coordinator", "POST", "/api/plan/periods", "application/json",
        "{\"row\":\"4.8\",\"period\":\"2026-H2\",\"dueAt\":\"2020-01-01T18:00:00+05:00\"}", "ru");

    // then the refusal is in Russian
    assertThat(refusal(r, 400, "dueAt").get("message").asText()).contains("не раньше начала сегодняшнего дня");
  }

  @Test
  void everyOtherBadBodyOfOpeningAPeriodIs4xxNamingTheField() throws Exception {
    String huge = "9".repeat(200_000);
    Object[][] cases = {
        {"{\"row\":\"4.8\",\"period\":\"2026-H2\",\"dueAt\":{}}", "application/json", 400, "dueAt"},
        {"{\"row\":[1,2],\"period\":\"2026-H2\"}", "application/json", 400, "row"},
        {"{\"row\":\"4.8\",", "application/json", 400, "body"},
        {"not json at all", "application/json", 400, "body"},
        {"", "application/json", 400, "row"},
        {"{}", "application/json", 400, "row"},
        {"{\"row\":\"4.8\"}", "application/json", 400, "period"},
        {"{\"row\":\"99.99\",\"period\":\"2026-H2\"}", "application/json", 400, "row"},
        {"{\"row\":\"" + huge + "\",\"period\":\"2026-H2\"}", "application/json", 400, "row"},
        {"{\"row\":\"4.8\",\"period\":\"2026-Q9\"}", "application/json", 400, "period"},
        {"{\"row\":\"4.8\",\"period\":\"abcd\"}", "application/json", 400, "period"},
        {"{\"row\":\"4.8\",\"period\":\"" + huge + "\"}", "application/json", 400, "period"},
        {"{\"row\":\"4.8\",\"period\":\"2026-H2\",\"dueAt\":\"" + huge + "\"}", "application/json", 400, "dueAt"},
        {"row=4.8&period=2026-H2", "text/plain", 415, "Content-Type"},
    };
    for (Object[] c : cases) {
      // when the coordinator sends it
      HttpResponse<String> r = send("coordinator", "POST", "/api/plan/periods", (String) c[1], (String) c[0], null);
      // then it is refused, naming the field
      refusal(r, (Integer) c[2], (String) c[3]);
    }
  }

  @Test
  void badQueryParametersOfThePlanAPIsAre400NamingTheParameter() throws Exception {
    for (String path : new String[] {"/api/plan/status", "/api/plan/calendar"}) {
      for (String query : new String[] {"?year=abc", "?year=99999", "?year=99999999999", "?year=-1", "", "?year="}) {
        // when the plan's status or calendar is asked for a year that is no plan year
        HttpResponse<String> r = send("coordinator", "GET", path + query, null, null, null);
        // then year is named
        refusal(r, 400, "year");
      }
    }
  }

  @Test
  void badInputToTheMailOutboxIs4xxNamingTheField() throws Exception {
    refusal(send("admin", "GET", "/api/mail/outbox?limit=abc", null, null, null), 400, "limit");
    refusal(send("admin", "GET", "/api/mail/outbox?limit=0", null, null, null), 400, "limit");
    refusal(send("admin", "GET", "/api/mail/outbox?limit=99999999999", null, null, null), 400, "limit");
    refusal(send("admin", "GET", "/api/mail/outbox?state=lost", null, null, null), 400, "state");
    refusal(send("admin", "POST", "/api/mail/outbox/abc/retry", "application/json", "", null), 400, "id");
    refusal(send("admin", "POST", "/api/mail/outbox/99999999/retry", "application/json", "", null), 404, "id");
    refusal(send("admin", "POST", "/api/mail/outbox/999999999999999999999/retry", "application/json", "", null), 400, "id");
  }

  @Test
  void badInputToThePagesAPIsIs400NamingTheField() throws Exception {
    // given the coordinator logged in to the webapps
    WebappSession coordinator = new WebappSession(port).login("coordinator", "demo");
    coordinator.get("/jospar/me/settings", "application/json");

    // then each bad monitor query and settings change is refused, naming the field
    for (String query : new String[] {"year=abc", "year=99999", "year=99999999999", "lang=xx", "state=lost"}) {
      HttpResponse<String> r = coordinator.get("/jospar/monitor/data?" + query, "application/json");
      refusal(r, 400, query.substring(0, query.indexOf('=')));
    }
    refusal(coordinator.putJson("/jospar/me/settings", "{\"locale\":", true), 400, "body");
    refusal(coordinator.putJson("/jospar/me/settings", "{\"locale\":\"de\"}", true), 400, "locale");
    refusal(coordinator.putJson("/jospar/me/settings", "{\"mailMode\":\"loud\"}", true), 400, "mailMode");
    refusal(coordinator.putJson("/jospar/me/settings", "{\"mailMode\":[1]}", true), 400, "mailMode");
    refusal(coordinator.putJson("/jospar/me/settings", "{}", true), 400, null);
  }

  @Test
  void theEngineRestApiAnswersBadJsonWith400NamingTheFieldAndNoJavaType() throws Exception {
    // a malformed body
    HttpResponse<String> malformed = send("coordinator", "POST", "/engine-rest/task/create", "application/json", "{\"name\":", null);
    assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
    assertThat(json.readTree(malformed.body()).get("type").asText()).isEqualTo("InvalidRequestException");
    noJavaClass(malformed);

    // a field of the wrong type
    HttpResponse<String> wrongType = send("coordinator", "POST", "/engine-rest/task/create", "application/json",
        "{\"name\":\"x\",\"priority\":\"very high\"}", null);
    assertThat(wrongType.statusCode()).as(wrongType.body()).isEqualTo(400);
    assertThat(json.readTree(wrongType.body()).get("message").asText()).startsWith("priority: ");
    noJavaClass(wrongType);

    // a query parameter of the wrong type and an unknown id keep Camunda's 4xx, without Java names
    HttpResponse<String> badParam = send("coordinator", "GET", "/engine-rest/task?maxResults=abc", null, null, null);
    assertThat(badParam.statusCode()).as(badParam.body()).isBetween(400, 499);
    noJavaClass(badParam);
    HttpResponse<String> unknown = send("coordinator", "GET", "/engine-rest/task/no-such-task", null, null, null);
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
    noJavaClass(unknown);
  }

  @Test
  void springsErrorPageShowsNoExceptionText() throws Exception {
    HttpResponse<String> notFound = send("coordinator", "GET", "/api/no-such-thing", null, null, null);
    assertThat(notFound.statusCode()).isEqualTo(404);
    noJavaClass(notFound);
    HttpResponse<String> wrongMethod = send("coordinator", "DELETE", "/api/plan/status?year=2026", null, null, null);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    noJavaClass(wrongMethod);
  }

  private JsonNode refusal(HttpResponse<String> r, int status, String field) throws IOException {
    String what = r.request().method() + " " + r.request().uri() + " -> " + r.statusCode() + " "
        + r.body().substring(0, Math.min(300, r.body().length()));
    assertThat(r.statusCode()).as(what).isEqualTo(status);
    noJavaClass(r);
    JsonNode body = json.readTree(r.body());
    if (field != null) {
      assertThat(body.path("field").asText()).as(what).isEqualTo(field);
      assertThat(body.path("message").asText()).as(what).startsWith(field + ": ");
    }
    assertThat(body.path("message").asText()).as(what).isNotBlank();
    assertThat(r.body().length()).as("a refusal does not echo a huge value: " + what).isLessThan(2_000);
    return body;
  }

  private static void noJavaClass(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isLessThan(500);
    assertThat(JAVA_CLASS.matcher(r.body()).find()).as(r.body()).isFalse();
    assertThat(ANY_CLASS.matcher(r.body()).find()).as(r.body()).isFalse();
    assertThat(r.body()).doesNotContain("\tat ", "Exception:");
  }

  private HttpResponse<String> send(String user, String method, String path, String contentType, String body, String language)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
        .header("Accept", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (language != null) {
      b.header("Accept-Language", language);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
