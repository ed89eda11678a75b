package kz.jospar.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import kz.jospar.identity.SignInAddress;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.support.EmbeddedPostgresSupport;
import kz.jospar.support.WebappSession;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

/**
 * The desk's own sign-in, on a real PostgreSQL through HTTP: a wrong password said in the person's
 * language and the right one accepted right after (where the webapps' login refuses it), one sign-in
 * for the desk and the webapps (Cockpit works for an administrator), a return only to this site, the
 * secure headers of Jospar's pages, signing out, and the coordinator's opening of a period by hand.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=false", "jospar.demo.allow-any-database=true"})
@ActiveProfiles({"demo", "postgres"})
class SignInIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresSupport.register(registry, "jospar_sign_in");
  }

  static final String FORM = "application/x-www-form-urlencoded";

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aWrongPasswordIsSaidInRussianAndTheRightOneRightAfterSignsIn() {
    WebappSession person = new WebappSession(port);
    HttpResponse<String> page = person.get("/jospar/sign-in?lang=ru", "text/html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(HtmlUtils.htmlUnescape(page.body())).contains("<html lang=\"ru\"", "Вход в Jospar", "<label for=\"username\"", "<label for=\"password\"",
        "autocomplete=\"username\"", "autocomplete=\"current-password\"", "name=\"_csrf\"", "hreflang=\"kk\"", "hreflang=\"en\"", "href=\"/jospar/sign-in?lang=kk\"");

    HttpResponse<String> wrong = person.signInAtDesk("akimat-turkistan.official", "not-the-password", "lang=ru");
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(HtmlUtils.htmlUnescape(wrong.body())).contains("Есть ошибки", "href=\"#password\"", "Неверное имя пользователя или пароль",
        "aria-invalid=\"true\"", "value=\"akimat-turkistan.official\"").doesNotContain("not-the-password");
    assertThat(person.get("/jospar/desk", "text/html").statusCode()).as("not signed in").isEqualTo(302);
    String before = sessionId(person);

    long start = System.nanoTime();
    HttpResponse<String> right = person.signInAtDesk("akimat-turkistan.official", "demo", "lang=ru");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(right.statusCode()).as(right.body()).isEqualTo(302);
    assertThat(right.headers().firstValue("Location").orElseThrow()).endsWith("/jospar/desk?lang=ru");
    assertThat(sessionId(person)).as("a new session id at sign-in").isNotNull().isNotEqualTo(before);
    assertThat(DeskIT.page(person, "/jospar/desk?lang=ru")).contains("Мои задачи", "<span class=\"who\">Official ");
    System.out.println("sign-in: the right password right after a wrong one took " + millis + " ms at the desk");
  }

  @Test
  void theWebappsLoginRefusesTheRightPasswordRightAfterAWrongOne() {
    // today's path, measured: the engine locks the user for 3 s after a wrong password, and the webapps say only 401
    assertThat(camundaLogin("akimat-astana.official", "not-the-password")).isEqualTo(401);
    assertThat(camundaLogin("akimat-astana.official", "demo")).as("refused although right").isEqualTo(401);
    // the desk's path waits the short lock out instead
    assertThat(new WebappSession(port).signInAtDesk("akimat-astana.official", "demo", "").statusCode()).isEqualTo(302);
  }

  @Test
  void emptyFieldsAreNamedInThePersonsLanguage() {
    WebappSession person = new WebappSession(port);
    HttpResponse<String> empty = person.signInAtDesk("", "", "lang=kk");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(HtmlUtils.htmlUnescape(empty.body())).contains("href=\"#username\"", "href=\"#password\"", "Пайдаланушы атын енгізіңіз",
        "Құпиясөзді енгізіңіз");
    HttpResponse<String> noToken = person.post("/jospar/sign-in", FORM, "username=coordinator&password=demo".getBytes());
    assertThat(noToken.statusCode()).as("the form without its CSRF token").isEqualTo(403);
  }

  @Test
  void theRootAndThePagesLeadToTheSignInAndBackOnlyWithinTheSite() {
    WebappSession anonymous = new WebappSession(port);
    HttpResponse<String> root = anonymous.get("/", "text/html");
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location").orElseThrow()).endsWith("/jospar/desk");
    HttpResponse<String> desk = anonymous.get("/jospar/desk", "text/html");
    assertThat(desk.headers().firstValue("Location").orElseThrow()).endsWith("/jospar/sign-in");
    HttpResponse<String> monitor = anonymous.get("/jospar/monitor.html", "text/html");
    assertThat(monitor.headers().firstValue("Location").orElseThrow()).endsWith("/jospar/sign-in?to=%2Fjospar%2Fmonitor.html");

    String asked = HtmlUtils.htmlUnescape(anonymous.get("/jospar/sign-in?to=%2Fjospar%2Fmonitor.html", "text/html").body());
    assertThat(asked).as("the page asked for is kept, also by the language switch")
        .contains("name=\"to\" value=\"/jospar/monitor.html\"", "href=\"/jospar/sign-in?lang=ru&to=/jospar/monitor.html\"");
    HttpResponse<String> back = new WebappSession(port).signInAtDesk("auditor", "demo", "to=%2Fjospar%2Fmonitor.html");
    assertThat(back.headers().firstValue("Location").orElseThrow()).endsWith("/jospar/monitor.html");

    for (String elsewhere : List.of("https://evil.example/", "//evil.example/jospar/desk", "/\\evil.example", "\\\\evil.example",
        "/jospar/../../evil", "javascript:alert(1)", "/jospar/desk\r\nSet-Cookie: x=1", "http:/evil.example", "/api/plan", "")) {
      String query = "to=" + URLEncoder.encode(elsewhere, StandardCharsets.UTF_8);
      WebappSession visitor = new WebappSession(port);
      assertThat(HtmlUtils.htmlUnescape(visitor.get("/jospar/sign-in?" + query, "text/html").body())).as(elsewhere)
          .doesNotContain("evil.example");
      HttpResponse<String> in = visitor.signInAtDesk("auditor", "demo", query);
      assertThat(in.statusCode()).as(elsewhere).isEqualTo(302);
      assertThat(URI.create(in.headers().firstValue("Location").orElseThrow()).getPath()).as(elsewhere).isEqualTo("/jospar/desk");
      assertThat(in.headers().firstValue("Location").orElseThrow()).as(elsewhere).doesNotContain("evil");
    }
    assertThat(SignInAddress.safe("/jospar/desk/task/42?lang=ru")).isEqualTo("/jospar/desk/task/42?lang=ru");
    assertThat(SignInAddress.safe("/camunda/app/cockpit/default/")).isEqualTo("/camunda/app/cockpit/default/");
    assertThat(SignInAddress.safe("/jospar/sign-in?to=/jospar/desk")).as("no loop").isNull();
  }

  @Test
  void anAdministratorSignedInAtTheDeskWorksInCockpitAndAdmin() {
    WebappSession admin = new WebappSession(port).signedInAtDesk("admin", "demo");
    String desk = DeskIT.page(admin, "/jospar/desk?lang=en");
    assertThat(desk).contains("href=\"/camunda/app/cockpit/default/\"", "href=\"/camunda/app/admin/default/\"", "Sign out");

    assertThat(admin.get("/camunda/app/cockpit/default/", "text/html").statusCode()).isEqualTo(200);
    HttpResponse<String> me = admin.get("/camunda/api/admin/auth/user/default", "application/json");
    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    assertThat(me.body()).contains("\"userId\":\"admin\"", "cockpit", "admin");
    HttpResponse<String> definitions = admin.get("/camunda/api/engine/engine/default/process-definition/count", "application/json");
    assertThat(definitions.statusCode()).as(definitions.body()).isEqualTo(200);
    assertThat(definitions.body()).doesNotContain("\"count\":0");
    // a write of Cockpit's, with the webapps' own CSRF token: the session is theirs as much as the desk's
    HttpResponse<String> query = admin.api("POST", "/camunda/api/engine/engine/default/process-instance/count", "{}");
    assertThat(query.statusCode()).as(query.body()).isEqualTo(200);

    WebappSession official = new WebappSession(port).signedInAtDesk("aqdm.official", "demo");
    assertThat(DeskIT.page(official, "/jospar/desk?lang=en")).doesNotContain("/camunda/app/cockpit", "/camunda/app/admin",
        "/jospar/desk/open-period").contains("href=\"/jospar/monitor.html\"", "href=\"/jospar/settings.html\"");
    HttpResponse<String> notCockpit = official.get("/camunda/api/admin/auth/user/default", "application/json");
    assertThat(notCockpit.body()).contains("tasklist").doesNotContain("cockpit");
  }

  @Test
  void jospersPagesCarryAStrictPolicyAndTheWebappsKeepTheirs() {
    WebappSession person = new WebappSession(port);
    for (HttpResponse<String> r : List.of(person.get("/jospar/sign-in", "text/html"),
        person.signInAtDesk("akimat-shymkent.official", "demo", ""), person.get("/jospar/desk", "text/html"),
        person.get("/jospar/monitor.html", "text/html"), person.get("/jospar/settings.html", "text/html"))) {
      String what = r.request().uri().getPath();
      String policy = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(policy).as(what).contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
          "object-src 'none'", "base-uri 'none'", "form-action 'self'").doesNotContain("unsafe-inline", "unsafe-eval");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(what).hasValue("same-origin");
      assertThat(r.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
      // nothing inline that the policy would block
      assertThat(r.body()).as(what).doesNotContain(" style=\"", "<style", "<script>", " onclick=", "javascript:");
    }
    HttpResponse<String> tasklist = person.get("/camunda/app/tasklist/default/", "text/html");
    assertThat(tasklist.statusCode()).isEqualTo(200);
    assertThat(tasklist.headers().firstValue("Content-Security-Policy").orElse("")).as("Camunda's own policy, with its nonces")
        .doesNotContain("frame-ancestors 'none'; form-action 'self'").contains("nonce");
  }

  @Test
  void signingOutEndsTheSessionOfTheDeskAndTheWebapps() {
    WebappSession person = new WebappSession(port).signedInAtDesk("akimat-turkistan.supervisor", "demo");
    assertThat(DeskIT.page(person, "/jospar/desk?lang=ru")).contains("action=\"/jospar/sign-out\"", "Выйти");
    assertThat(person.get("/camunda/api/admin/auth/user/default", "application/json").statusCode()).isEqualTo(200);

    HttpResponse<String> forged = person.post(SignInAddress.SIGN_OUT, FORM, "lang=ru".getBytes());
    assertThat(forged.statusCode()).as("a sign-out without the page's token").isEqualTo(403);
    assertThat(person.get("/jospar/desk", "text/html").statusCode()).isEqualTo(200);

    HttpResponse<String> out = person.post(SignInAddress.SIGN_OUT, FORM, ("_csrf=" + person.cookie("JOSPAR-XSRF") + "&lang=ru").getBytes());
    assertThat(out.statusCode()).isEqualTo(302);
    assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/jospar/sign-in?out&lang=ru");
    assertThat(HtmlUtils.htmlUnescape(person.get("/jospar/sign-in?out&lang=ru", "text/html").body())).contains("Вы вышли из Jospar.");
    assertThat(person.get("/jospar/desk", "text/html").statusCode()).isEqualTo(302);
    assertThat(person.get("/camunda/api/admin/auth/user/default", "application/json").statusCode()).as("the webapps too").isNotEqualTo(200);
  }

  @Test
  void onlyTheCoordinatorOpensAPeriodFromTheDeskWithErrorsPerField() {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-11-16T10:00:00+05:00").toInstant()));
    String open = "/jospar/desk/open-period";

    WebappSession official = new WebappSession(port).signedInAtDesk("akimat-turkistan.official", "demo");
    HttpResponse<String> page = official.get(open + "?lang=ru", "text/html");
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(HtmlUtils.htmlUnescape(page.body())).contains("Открывать периоды вручную может только координатор плана");
    HttpResponse<String> post = official.post(open + "?lang=ru", FORM, form(official, Map.of("row", "4.9", "period", "2026")));
    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(cycles("4.9/2026")).isZero();

    WebappSession coordinator = new WebappSession(port).signedInAtDesk("coordinator", "demo");
    assertThat(DeskIT.page(coordinator, "/jospar/desk?lang=ru")).contains("href=\"/jospar/desk/open-period\"", "Открыть период вручную");
    String periods = DeskIT.page(coordinator, open + "?lang=ru&row=4.9");
    assertThat(periods).contains("<option value=\"2026\"", "<option value=\"2025\"", "name=\"_csrf\"", "<label for=\"period\"",
        "<label for=\"dueDate\"");
    HttpResponse<String> heading = coordinator.get(open + "?lang=ru&row=15", "text/html");
    assertThat(heading.statusCode()).isEqualTo(400);
    assertThat(HtmlUtils.htmlUnescape(heading.body())).contains("href=\"#row\"", "заголовок");

    HttpResponse<String> noPeriod = coordinator.post(open + "?lang=ru", FORM, form(coordinator, Map.of("row", "4.9", "period", "")));
    assertThat(noPeriod.statusCode()).isEqualTo(400);
    assertThat(HtmlUtils.htmlUnescape(noPeriod.body())).contains("Есть ошибки", "href=\"#period\"", "Выберите период");
    HttpResponse<String> badDay = coordinator.post(open + "?lang=ru", FORM, form(coordinator, Map.of("row", "4.9", "period", "2026",
        "dueDate", "31.02.2026")));
    assertThat(badDay.statusCode()).isEqualTo(400);
    assertThat(HtmlUtils.htmlUnescape(badDay.body())).contains("href=\"#dueDate\"", "Введите срок как дату");
    HttpResponse<String> past = coordinator.post(open + "?lang=ru", FORM, form(coordinator, Map.of("row", "4.9", "period", "2026",
        "dueDate", "2026-01-10")));
    assertThat(past.statusCode()).isEqualTo(400);
    assertThat(HtmlUtils.htmlUnescape(past.body())).contains("href=\"#dueDate\"", "Выберите срок с 16 ноября 2026");
    HttpResponse<String> unknown = coordinator.post(open + "?lang=en", FORM, form(coordinator, Map.of("row", "4.9", "period", "2031-H1")));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(HtmlUtils.htmlUnescape(unknown.body())).contains("href=\"#period\"", "item 4.9 has no period '2031-H1'");
    assertThat(cycles("4.9/2026")).isZero();

    HttpResponse<String> opened = coordinator.post(open + "?lang=ru", FORM, form(coordinator, Map.of("row", "4.9", "period", "2026",
        "dueDate", "2026-12-01", "lang", "ru")));
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(302);
    assertThat(opened.headers().firstValue("Location").orElseThrow()).endsWith(open + "?lang=ru");
    assertThat(DeskIT.page(coordinator, open + "?lang=ru")).contains("Готово.", "период открыт", "1 декабря 2026");
    assertThat(cycles("4.9/2026")).isOne();
    assertThat(jdbc.queryForObject("SELECT opened_by FROM jospar_cycle WHERE cycle_key = '4.9/2026'", String.class)).isEqualTo("coordinator");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey("4.9/2026")
        .taskDefinitionKey(ReportProcess.TASK_SUBMIT_REPORT).count()).isPositive();

    HttpResponse<String> again = coordinator.post(open + "?lang=ru", FORM, form(coordinator, Map.of("row", "4.9", "period", "2026")));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(HtmlUtils.htmlUnescape(again.body())).contains("href=\"#period\"", "Период 4.9/2026 уже открыт");
  }

  static String sessionId(WebappSession session) {
    try {
      return session.cookie("JSESSIONID");
    } catch (IllegalStateException none) {
      return null;
    }
  }

  long cycles(String key) {
    return jdbc.queryForObject("SELECT count(*) FROM jospar_cycle WHERE cycle_key = ?", Long.class, key);
  }

  static byte[] form(WebappSession session, Map<String, String> fields) {
    Map<String, String> all = new java.util.LinkedHashMap<>(fields);
    all.put("_csrf", session.cookie("JOSPAR-XSRF"));
    return DeskIT.form(all);
  }

  /** The webapps' own login, as their page sends it: the status it answers. */
  int camundaLogin(String user, String password) {
    WebappSession browser = new WebappSession(port);
    browser.get("/camunda/app/welcome/default/", "text/html");
    String body = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
              + "/camunda/api/admin/auth/user/default/login/welcome")).header("Content-Type", FORM)
          .header("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")).header("Cookie", "JSESSIONID=" + browser.cookie("JSESSIONID")
              + "; XSRF-TOKEN=" + browser.cookie("XSRF-TOKEN"))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
