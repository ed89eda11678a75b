package kz.jospar.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Issue 14 over real HTTP on the embedded default: Tasklist's scripts and styles come gzipped and
 * are kept a year, a reload of anything else costs a 304, the entry page and every API answer are
 * never stored, and Jospar's own files are gzipped and revalidated.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "JOSPAR_DEMO_DB_URL=jdbc:h2:mem:jospar-page-weight-test;DB_CLOSE_DELAY=-1")
class PageWeightIT {

  private static final String YEAR = "private, max-age=31536000, immutable";
  private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"/camunda/([^\"]+\\?bust=7\\.24\\.0)\"");

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void tasklistsScriptsAndStylesComeGzippedAndAreKeptAYear() throws Exception {
    HttpResponse<byte[]> page = get("/camunda/app/tasklist/default/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
    // the entry page carries the CSRF token and a fresh CSP nonce: asked for again on every load
    assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));

    List<String> assets = new ArrayList<>();
    Matcher m = ASSET.matcher(gunzip(page.body()));
    while (m.find()) {
      assets.add("/camunda/" + m.group(1));
    }
    assertThat(assets).contains("/camunda/lib/deps.js?bust=7.24.0", "/camunda/app/tasklist/camunda-tasklist-bootstrap.js?bust=7.24.0",
        "/camunda/app/tasklist/camunda-tasklist-bootstrap.css?bust=7.24.0");
    for (String asset : assets.stream().filter(a -> a.contains("camunda-tasklist-bootstrap") || a.contains("lib/deps")).toList()) {
      HttpResponse<byte[]> answer = get(asset);
      assertThat(answer.statusCode()).as(asset).isEqualTo(200);
      assertThat(answer.headers().firstValue("Content-Encoding")).as(asset).hasValue("gzip");
      assertThat(answer.headers().firstValue("Cache-Control")).as(asset).hasValue(YEAR);
      assertThat(answer.headers().allValues("Vary").toString().toLowerCase()).as(asset).contains("accept-encoding");
      assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(asset).hasValue("nosniff");
    }
    HttpResponse<byte[]> deps = get("/camunda/lib/deps.js?bust=7.24.0");
    // 3.9 MB of script: under a third of it on the wire
    assertThat(deps.body().length).isLessThan(gunzip(deps.body()).getBytes(StandardCharsets.UTF_8).length / 3);
  }

  @Test
  void filesWithoutCamundasVersionInTheirUrlCostA304OnReload() throws Exception {
    // Jospar's user-styles.css replaces Camunda's but is asked for with Camunda's ?bust=7.24.0:
    // it changes with Jospar, not with Camunda, so it is revalidated, never kept blindly
    String styles = "/camunda/app/tasklist/styles/user-styles.css?bust=7.24.0";
    HttpResponse<byte[]> first = get(styles);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(send(styles, "If-None-Match", etag).statusCode()).isEqualTo(304);

    // Camunda's favicon has no version in its URL
    assertThat(get("/camunda/favicon.ico").headers().firstValue("Cache-Control")).hasValue("no-cache");
    // a versioned file is also answered with a 304 when a browser asks anyway
    HttpResponse<byte[]> deps = get("/camunda/lib/deps.js?bust=7.24.0");
    assertThat(send("/camunda/lib/deps.js?bust=7.24.0", "If-None-Match", deps.headers().firstValue("ETag").orElseThrow()).statusCode())
        .isEqualTo(304);
    // the version of an older Camunda, and a file that is not there, are not kept
    assertThat(get("/camunda/lib/deps.js?bust=7.23.0").headers().firstValue("Cache-Control")).hasValue("no-cache");
    HttpResponse<byte[]> missing = get("/camunda/lib/missing.js?bust=7.24.0");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
  }

  @Test
  void apiAnswersAreGzippedAndNeverStored() throws Exception {
    String session = webappSession("coordinator");
    HttpResponse<byte[]> definitions = send("/camunda/api/engine/engine/default/process-definition", "Cookie", session);
    assertThat(definitions.statusCode()).isEqualTo(200);
    assertThat(definitions.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gunzip(definitions.body())).contains("\"key\":\"BodyReport\"");
    assertThat(definitions.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store").doesNotContain("public"));

    String basic = "Basic " + Base64.getEncoder().encodeToString("akimat-turkistan.official:demo".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> plan = send("/api/plan", "Authorization", basic);
    assertThat(plan.statusCode()).isEqualTo(200);
    assertThat(plan.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(plan.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store").doesNotContain("public"));
  }

  @Test
  void josparsOwnFilesAreGzippedAndRevalidated() throws Exception {
    String session = webappSession("coordinator");
    HttpResponse<byte[]> script = send("/jospar/monitor.js", "Cookie", session);
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(script.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
    assertThat(script.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    String etag = script.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> again = http.send(request("/jospar/monitor.js").header("Cookie", session).header("If-None-Match", etag).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();

    // without a session: the same door as before, and the refusal is not kept
    HttpResponse<byte[]> stranger = get("/jospar/monitor.js");
    assertThat(stranger.statusCode()).isIn(302, 401);
    assertThat(stranger.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
  }

  /**
   * "My work" on a warm cache, as an official's browser loads it after signing in at the desk: the
   * page gzipped and never stored, its style sheet and script revalidated (304, nothing sent again),
   * all of it far under the 60 KB a slow line allows (Tasklist's start page was 4.6-5.1 MB, never cached).
   */
  @Test
  void myWorkOnAWarmCacheIsAFewKilobytes() throws Exception {
    String basic = "Basic " + Base64.getEncoder().encodeToString("coordinator:demo".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> opened = http.send(request("/api/plan/periods").header("Authorization", basic).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"row\":\"4.8\",\"period\":\"2026-H2\"}")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(opened.statusCode()).isIn(200, 201, 409);
    String session = deskSession("akimat-turkistan.official");
    HttpResponse<byte[]> page = http.send(request("/jospar/desk?lang=ru").header("Cookie", session).header("Accept", "text/html").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
    String html = gunzip(page.body());
    assertThat(html).as("the official's work, in Russian").contains("Мои задачи", "4.8");
    long bytes = page.body().length;
    for (String file : List.of("/jospar/desk.css", "/jospar/desk.js")) {
      assertThat(html).contains("\"" + file + "\"");
      HttpResponse<byte[]> cold = send(file, "Cookie", session);
      assertThat(cold.statusCode()).isEqualTo(200);
      String etag = cold.headers().firstValue("ETag").orElseThrow();
      HttpResponse<byte[]> warm = http.send(request(file).header("Cookie", session).header("If-None-Match", etag).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(warm.statusCode()).as(file + " on a warm cache").isEqualTo(304);
      bytes += warm.body().length;
    }
    assertThat(bytes).as("bytes of 'My work' on a warm cache").isLessThan(60 * 1024);
  }

  /** The desk's own sign-in form, as a browser sends it: its CSRF token from the form, the session from its cookie. */
  private String deskSession(String user) throws IOException, InterruptedException {
    HttpResponse<byte[]> form = get("/jospar/sign-in");
    String html = form.headers().firstValue("Content-Encoding").isPresent() ? gunzip(form.body()) : new String(form.body(), StandardCharsets.UTF_8);
    Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(html);
    assertThat(token.find()).as("a CSRF token in the sign-in form").isTrue();
    String cookies = String.join("; ", form.headers().allValues("Set-Cookie").stream().map(c -> c.split(";")[0]).toList());
    HttpResponse<byte[]> signIn = http.send(request("/jospar/sign-in").header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", cookies).POST(HttpRequest.BodyPublishers.ofString("_csrf=" + java.net.URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)
            + "&username=" + user + "&password=demo")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(signIn.statusCode()).as("signed in, sent on to the desk").isEqualTo(302);
    List<String> renewed = signIn.headers().allValues("Set-Cookie");
    return renewed.stream().anyMatch(c -> c.startsWith("JSESSIONID="))
        ? String.join("; ", renewed.stream().map(c -> c.split(";")[0]).toList()) : cookies;
  }

  private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
    return http.send(request(path).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> send(String path, String header, String value) throws IOException, InterruptedException {
    return http.send(request(path).header(header, value).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept-Encoding", "gzip");
  }

  /** The webapps' login as their page does it: the CSRF token from the entry page, then the form. */
  private String webappSession(String user) throws IOException, InterruptedException {
    HttpResponse<byte[]> page = get("/camunda/app/tasklist/default/");
    String csrf = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    String cookies = String.join("; ", page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";")[0]).toList());
    HttpResponse<byte[]> login = http.send(request("/camunda/api/admin/auth/user/default/login/tasklist")
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf).header("Cookie", cookies)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(login.statusCode()).isEqualTo(200);
    List<String> renewed = login.headers().allValues("Set-Cookie");
    // a login that renews the session id sends the new one
    return renewed.stream().anyMatch(c -> c.startsWith("JSESSIONID="))
        ? String.join("; ", renewed.stream().map(c -> c.split(";")[0]).toList()) : cookies;
  }

  private static String gunzip(byte[] body) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
