package kz.jospar.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.access.Roles;
import kz.jospar.reporting.CycleService;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.reporting.TaskTitles;
import kz.jospar.support.EmbeddedPostgresSupport;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The desk walked in a real Chromium on PostgreSQL, once in Kazakh and once in Russian (the browser
 * asks for the language, as an office's browser does): an akimat's official finds an overdue task
 * marked first, is told what is missing, submits a report with a document; the akimat's supervisor
 * approves; the coordinator selects all twenty approved reports of the item with one click and accepts
 * them in one action. Every desk page visited passes axe-core's WCAG 2.1 A/AA rules with no violation,
 * 30 rows fit on a 1366×768 screen, a 390×844 phone never scrolls sideways, and a report is submitted
 * with the keyboard alone, its focus visible at every stop. Screenshots: target/desk-walk/NN-page.png.
 * Needs Debian's chromium and chromium-driver (.ci/run installs them); fails, never skips, without them.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=false", "jospar.demo.allow-any-database=true"})
@ActiveProfiles({"demo", "postgres"})
class DeskWalkBrowserIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresSupport.register(registry, "jospar_desk_walk");
  }

  static final Path SCREENSHOTS = Path.of("target", "desk-walk");
  static final Duration WAIT = Duration.ofSeconds(30);
  /** Monday 16 November 2026, 10:00 in Astana. */
  static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-16T10:00:00+05:00");
  static final OffsetDateTime DUE = OffsetDateTime.parse("2026-12-10T18:00:00+05:00");
  /** The item every akimat is late with: its control date was the Friday before. */
  static final String LATE_CYCLE = "4.7/2026";
  static final String LONG_LIST_CYCLE = "4.9/2026";
  static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

  /** Every page's violations, said together at the end of the walk (and in target/desk-walk/axe-violations.txt as they are found). */
  static final List<String> violations = new java.util.ArrayList<>();
  static String axe;
  static int step;
  WebDriver browser;

  @LocalServerPort int port;
  @Autowired CycleService cycles;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired MessageSource words;
  @Autowired PlanCatalog catalog;
  @Value("${jospar.demo.password}") String password;

  @BeforeAll
  static void driverAndAxe() throws IOException {
    if (!Files.isExecutable(PlanWalkBrowserIT.CHROMIUM) || !Files.isExecutable(PlanWalkBrowserIT.CHROMEDRIVER)) {
      fail("DeskWalkBrowserIT needs Chromium and its driver at " + PlanWalkBrowserIT.CHROMIUM + " and "
          + PlanWalkBrowserIT.CHROMEDRIVER + ": install them with 'sudo apt-get install chromium chromium-driver' (or run .ci/run)");
    }
    System.setProperty("SE_OFFLINE", "true");
    // Deque's own axe.min.js from Maven Central (com.deque.html.axe-core:selenium), read from the test class path
    try (InputStream in = DeskWalkBrowserIT.class.getClassLoader().getResourceAsStream("axe.min.js")) {
      assertThat(in).as("axe.min.js on the test class path (com.deque.html.axe-core:selenium)").isNotNull();
      axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Files.createDirectories(SCREENSHOTS);
    try (var old = Files.list(SCREENSHOTS)) {
      for (Path file : old.toList()) {
        Files.delete(file);
      }
    }
  }

  @AfterEach
  void closeBrowser() {
    ClockUtil.reset();
    if (browser != null) {
      browser.quit();
      browser = null;
    }
  }

  @Test
  void aReportCycleAtTheDeskInKazakhThenInRussianAccessibleOnALaptopAPhoneAndTheKeyboard() throws IOException {
    // opened a week ago with Friday as its control date; today is Monday
    ClockUtil.setCurrentTime(Date.from(NOW.minusDays(7).toInstant()));
    cycles.open(LATE_CYCLE.split("/")[0], LATE_CYCLE.split("/")[1], "coordinator", OffsetDateTime.parse("2026-11-13T18:00:00+05:00"));
    ClockUtil.setCurrentTime(Date.from(NOW.toInstant()));
    cycles.open("4.8", "2026-H2", "coordinator", DUE);
    cycles.open("4.5", "2026", "coordinator", DUE);
    cycles.open("4.9", "2026", "coordinator", DUE);
    try {
      walk("kk", "akimat-turkistan", "4.8/2026-H2", true);
      walk("ru", "akimat-astana", "4.5/2026", false);
      assertThat(violations).as("axe-core WCAG 2.1 A/AA violations on the desk's pages").isEmpty();
    } catch (RuntimeException | AssertionError e) {
      if (browser != null) { // what the browser showed when the walk stopped, for the person reading the failure
        screenshot("failure");
        Files.writeString(SCREENSHOTS.resolve(String.format("%02d-failure.html", step)), browser.getPageSource());
      }
      throw e;
    }
  }

  /** One language's cycle; in Kazakh the laptop's long list is measured, in Russian the phone and the keyboard walk. */
  void walk(String language, String body, String cycle, boolean laptop) throws IOException {
    Locale locale = Locale.forLanguageTag(language);
    browser = chromium(language);
    String row = cycle.split("/")[0];
    String official = body + ".official";

    // the official: the overdue task first, marked by colour, symbol and words
    signIn(official);
    assertThat(js("return document.documentElement.lang;")).isEqualTo(language);
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(say("desk.work.title", locale));
    WebElement first = browser.findElement(By.cssSelector("table.work tbody tr"));
    assertThat(first.getAttribute("class")).as("overdue first").isEqualTo("t-overdue");
    String late = first.getText().replaceAll("\\s+", " ");
    assertThat(late).contains("⚠", " " + LATE_CYCLE.split("/")[0] + " ");
    assertThat(overdueWords(locale)).as("the overdue row says it in words").anyMatch(late::contains);
    assertThat(js("return getComputedStyle(arguments[0].querySelector('td')).backgroundColor;", first))
        .as("highlighted").isNotIn("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)");
    axeSeesAViolation();
    check(language + "-official-my-work");

    if (!laptop) {
      phone(language + "-phone-my-work");
    }

    // the form: nothing filled in is refused with each field named; then a report with a document goes
    openTask(row);
    check(language + "-submit-form");
    assertThat(browser.findElement(By.cssSelector("dl.context")).getText()).as("the catalog's words in the reader's language")
        .contains(catalog.row(row).orElseThrow().completionForm().in(locale), catalog.row(row).orElseThrow().name().in(locale));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(TaskTitles.title(ReportProcess.TASK_SUBMIT_REPORT, false).in(locale));
    if (!laptop) {
      phone(language + "-phone-submit-form");
    }
    browser.findElement(By.cssSelector("main form button[type='submit']")).click();
    WebElement summary = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error-summary")));
    assertThat(summary.getText()).contains(say("desk.error.title", locale), say("desk.field.reportText", locale));
    assertThat(browser.getTitle()).startsWith(say("desk.error.prefix", locale));
    check(language + "-submit-errors");
    browser.findElement(By.id("reportText")).sendKeys(language.equals("kk") ? "Достық үйлерінде 12 іс-шара өтті." : "В домах дружбы прошло 12 мероприятий.");
    browser.findElement(By.id("reportDocument")).sendKeys(PlanWalkBrowserIT.document().toAbsolutePath().toString());
    browser.findElement(By.cssSelector("main form button[type='submit']")).click();
    waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".done")));
    assertThat(browser.findElement(By.cssSelector(".done")).getText()).contains(say("desk.done.submitted", locale));
    check(language + "-submitted");
    assertThat(state(cycle, body)).isEqualTo("submitted");

    if (!laptop) {
      keyboardOnly(language, LATE_CYCLE, body, locale);
    }
    signOut();

    // the supervisor: the late report's escalation (its control date passed on Friday) at the top, marked
    if (laptop) { // in Russian the official has just submitted the late report, which ends its escalations
      escalate(LATE_CYCLE, body, ReportProcess.BOUNDARY_DEADLINE_PASSED);
    }
    signIn(body + ".supervisor");
    if (laptop) {
      escalationFirst(LATE_CYCLE, locale);
      check(language + "-supervisor-escalation");
    }
    openTask(row);
    check(language + "-review-form");
    assertThat(browser.findElement(By.cssSelector(".report-text")).getText()).contains("12");
    browser.findElement(By.cssSelector("input[name='approved'][value='yes']")).click();
    browser.findElement(By.cssSelector("main form button[type='submit']")).click();
    waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".done")));
    assertThat(browser.findElement(By.cssSelector(".done")).getText()).contains(say("desk.done.approved", locale));
    check(language + "-approved");
    assertThat(state(cycle, body)).isEqualTo("approved");
    signOut();

    // the other nineteen akimats' reports, submitted and approved through the engine as their people
    akimats(cycle).stream().filter(b -> !b.equals(body)).forEach(b -> submitAndApprove(cycle, b));
    if (laptop) { // and a second item's twenty: a list longer than a screen
      akimats(LONG_LIST_CYCLE).forEach(b -> submitAndApprove(LONG_LIST_CYCLE, b));
    }

    // the coordinator: a late report escalated to level 2 at the top; thirty rows on a laptop's screen, then the item's
    // acceptances, all selected with one click, accepted at once
    escalate(LATE_CYCLE, akimats(LATE_CYCLE).stream().filter(b -> !b.equals("akimat-turkistan") && !b.equals("akimat-astana")).toList()
        .get(laptop ? 0 : 1), ReportProcess.BOUNDARY_LEVEL2_DUE);
    signIn("coordinator");
    escalationFirst(LATE_CYCLE, locale);
    check(language + "-coordinator-my-work");
    if (laptop) {
      thirtyRowsOnALaptop();
    }
    new Select(browser.findElement(By.name("kind"))).selectByValue(ReportProcess.TASK_REVIEW_BY_COORDINATOR);
    WebElement rowFilter = browser.findElement(By.name("row"));
    rowFilter.clear();
    rowFilter.sendKeys(row);
    browser.findElement(By.cssSelector("form.filters button[type='submit']")).click();
    waitFor().until(d -> d.findElements(By.cssSelector("table.work tbody tr")).size() == 20);
    check(language + "-coordinator-filtered");
    WebElement all = browser.findElement(By.id("pick-all"));
    assertThat(all.isDisplayed()).isTrue();
    all.click();
    assertThat(browser.findElements(By.cssSelector("input[name='task']"))).hasSize(20).allSatisfy(box -> assertThat(box.isSelected()).isTrue());
    // five actions in all (step, item, show, all, decide) where Tasklist took 76 clicks and 19 scrolls: the twenty rows and
    // the decision are on one screen, nothing scrolled
    WebElement decide = browser.findElement(By.cssSelector(".bulk-actions button[type='submit']"));
    assertThat((Boolean) js("const r = arguments[0].getBoundingClientRect(); return window.scrollY === 0 && r.bottom <= window.innerHeight;", decide))
        .as("the bulk decision on the first screen, without a scroll").isTrue();
    decide.click();
    WebElement result = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#bulk [role='status']")));
    assertThat(result.getText()).isEqualTo(say("desk.bulk.summary", locale, 20, 20));
    assertThat(browser.findElements(By.cssSelector("#bulk tbody tr.ok"))).hasSize(20);
    check(language + "-bulk-result");
    assertThat(akimats(cycle)).allSatisfy(b -> assertThat(state(cycle, b)).as(b).isEqualTo("accepted"));
    // the monitor's executive discipline (issue 16) with the reports just accepted, the coordinator's extension requests
    // and the absence page: checked by axe-core like every desk page
    browser.get(base() + "/jospar/monitor.html");
    waitFor().until(d -> !d.findElement(By.id("disc-summary")).getText().isEmpty());
    assertThat(browser.findElement(By.id("disc-summary")).getText()).as("the summary in the reader's language")
        .contains(language.equals("kk") ? "мерзімінде тапсырылды" : "в срок");
    assertThat(browser.findElements(By.cssSelector("#disc-bodies tbody tr"))).hasSizeGreaterThanOrEqualTo(20);
    assertThat(browser.findElements(By.cssSelector("#disc-trend svg[role='img']"))).hasSize(1);
    check(language + "-monitor-discipline");
    browser.get(base() + "/jospar/desk/extensions");
    check(language + "-extensions");
    browser.get(base() + "/jospar/desk/absence");
    check(language + "-absence");
    signOut();

    // a task that is done, opened again from an old address (a mail, a bookmark): said in the person's language
    signIn(official);
    browser.get(submittedTaskAddress(cycle, body));
    assertThat(browser.findElement(By.tagName("main")).getText()).contains(say("desk.task.gone", locale));
    check(language + "-task-gone");

    // the notifications tell what the mails tell (the report accepted), unread until read, counted in the header
    browser.findElement(By.cssSelector("header a[href='/jospar/desk/notifications']")).click();
    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main#notes")));
    assertThat(browser.findElements(By.cssSelector("li.note.unread"))).isNotEmpty();
    assertThat(browser.findElements(By.cssSelector("header .badge"))).hasSize(1);
    assertThat(browser.findElement(By.cssSelector("main#notes")).getText()).contains(say("desk.notes.kind.accepted", locale));
    check(language + "-notifications");
    browser.findElement(By.cssSelector("form.mark-all button")).click();
    waitFor().until(d -> d.findElements(By.cssSelector("li.note.unread")).isEmpty());
    assertThat(browser.findElements(By.cssSelector("header .badge"))).as("nothing unread: no count").isEmpty();
    check(language + "-notifications-read");
    signOut();
    browser.quit();
    browser = null;
  }

  // ---- the steps ----

  /**
   * Signs in as the demo's person and lands on the desk. The one place that knows how: today through
   * the webapps' login page; once the desk has its own sign-in page, only this method changes.
   */
  /** Signs in as a person does: the site's root leads to the desk's own sign-in page, checked by axe-core too. */
  void signIn(String user) throws IOException {
    browser.get(base() + "/");
    WebElement name = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    String lang = browser.findElement(By.tagName("html")).getDomAttribute("lang");
    if (signInChecked.add(lang)) {
      check(lang + "-sign-in");
    }
    name.sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.cssSelector("main#sign-in form button[type='submit']")).click();
    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main#work")));
  }

  private final java.util.Set<String> signInChecked = new java.util.HashSet<>();

  /** The desk's Sign out button: back at the sign-in page, which says so. */
  void signOut() {
    browser.findElement(By.cssSelector("header .sign-out button")).click();
    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main#sign-in")));
  }

  void openTask(String row) {
    WebElement link = browser.findElement(By.xpath("//table[contains(@class,'work')]//tr[contains(normalize-space(.), ' " + row
        + " ') and not(contains(@class,'t-overdue'))]//td[contains(@class,'task')]/a"));
    link.click();
    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main#task")));
  }

  /** The list at 1366×768: at least 30 rows are on the screen at once once the list is scrolled to. */
  void thirtyRowsOnALaptop() throws IOException {
    browser.manage().window().setSize(new Dimension(1366, 768));
    assertThat((Long) js("return document.querySelectorAll('table.work tbody tr').length;")).isGreaterThanOrEqualTo(30L);
    js("document.querySelector('table.work').scrollIntoView({block: 'start'});");
    Long shown = (Long) js("var h = window.innerHeight; return Array.from(document.querySelectorAll('table.work tbody tr'))"
        + ".filter(function (r) { var b = r.getBoundingClientRect(); return b.top >= 0 && b.bottom <= h; }).length;");
    screenshot("laptop-1366x768-long-list");
    assertThat(shown).as("rows on a 1366×768 screen (viewport %s px high)", js("return window.innerHeight;")).isGreaterThanOrEqualTo(30L);
    js("window.scrollTo(0, 0);");
    browser.manage().window().setSize(new Dimension(1366, 900));
  }

  /** The page at 390×844: readable without scrolling sideways; then back to the desktop size. */
  void phone(String name) throws IOException {
    browser.manage().window().setSize(new Dimension(390, 844));
    waitFor().until(d -> ((Long) js("return window.innerWidth;")) <= 400);
    assertThat((Boolean) js("return document.documentElement.scrollWidth <= window.innerWidth;"))
        .as("%s: page %s px wide in a %s px window", name, js("return document.documentElement.scrollWidth;"), js("return window.innerWidth;"))
        .isTrue();
    check(name);
    browser.manage().window().setSize(new Dimension(1366, 900));
  }

  /**
   * The overdue task submitted with the keyboard alone: Tab from the top of the list to the task's link,
   * Enter, Tab to each field and type, Enter on the button; every stop shows where the focus is.
   */
  void keyboardOnly(String language, String cycle, String body, Locale locale) throws IOException {
    browser.get(base() + "/jospar/desk");
    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main#work")));
    js("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
    String row = cycle.split("/")[0];
    WebElement link = browser.findElement(By.xpath("//table[contains(@class,'work')]//tr[contains(@class,'t-overdue')]//td[contains(@class,'task')]/a"));
    assertThat(link.findElement(By.xpath("./ancestor::tr")).getText().replaceAll("\\s+", " ")).contains(" " + row + " ");
    WebElement first = tab();
    assertThat(first.getAttribute("class")).as("the skip link comes first").isEqualTo("skip");
    focusVisible(first);
    screenshot(language + "-keyboard-skip-link");
    for (int i = 0; i < 60 && !link.equals(browser.switchTo().activeElement()); i++) {
      focusVisible(tab());
    }
    assertThat(browser.switchTo().activeElement()).as("the task's link reached with Tab").isEqualTo(link);
    screenshot(language + "-keyboard-task-link");
    new Actions(browser).sendKeys(Keys.ENTER).perform();
    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main#task")));
    check(language + "-keyboard-submit-form");
    assertThat(browser.findElement(By.cssSelector(".context .t-overdue")).getText()).as("the form says how late it is")
        .satisfies(text -> assertThat(overdueWords(locale)).anyMatch(text::contains));
    WebElement field = null;
    for (int i = 0; i < 30 && !"reportText".equals(browser.switchTo().activeElement().getAttribute("id")); i++) {
      field = tab();
      focusVisible(field);
    }
    assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("reportText");
    new Actions(browser).sendKeys(language.equals("kk") ? "Кешігу себебі: мерзім ауыстырылды. 3 іс-шара өтті."
        : "Причина опоздания: перенос сроков. Прошло 3 мероприятия.").perform();
    assertThat(tab().getAttribute("id")).isEqualTo("achievedCount");
    focusVisible(browser.switchTo().activeElement());
    new Actions(browser).sendKeys("3").perform();
    WebElement file = tab();
    assertThat(file.getAttribute("id")).isEqualTo("reportDocument");
    focusVisible(file);
    file.sendKeys(PlanWalkBrowserIT.document().toAbsolutePath().toString()); // the file chooser's answer
    WebElement button = null;
    for (int i = 0; i < 6 && !"submit".equals(browser.switchTo().activeElement().getAttribute("type")); i++) {
      button = tab();
    }
    button = browser.switchTo().activeElement();
    assertThat(button.getText()).isEqualTo(say("desk.action.Task_SubmitReport", locale));
    focusVisible(button);
    screenshot(language + "-keyboard-submit-focused");
    new Actions(browser).sendKeys(Keys.ENTER).perform();
    waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".done")));
    check(language + "-keyboard-submitted");
    assertThat(state(cycle, body)).isEqualTo("submitted");
  }

  // ---- helpers ----

  /** A screenshot and axe-core's WCAG 2.1 A and AA rules on the page as it is: no violation. */
  void check(String page) throws IOException {
    screenshot(page);
    js(axe);
    Object found = ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(function (r) {"
        + " done(r.violations.map(function (v) { return v.id + ' (' + v.impact + '): ' + v.help + ' — '"
        + "  + v.nodes.map(function (n) { return n.target.join(' ') + ': ' + n.failureSummary.replace(/\\s+/g, ' '); }).join(' | '); }));"
        + "}, function (e) { done(['axe failed: ' + e]); });", WCAG_21_AA);
    for (Object violation : (List<?>) found) {
      violations.add(page + " (" + browser.getCurrentUrl() + "): " + violation);
    }
    Files.write(SCREENSHOTS.resolve("axe-violations.txt"), violations);
  }

  /** axe-core finds what it should in this browser: an unlabelled field added to the page is a violation, and is taken away. */
  void axeSeesAViolation() {
    js(axe);
    js("var i = document.createElement('input'); i.id = 'axe-canary'; document.querySelector('main').appendChild(i);");
    Object found = ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(function (r) {"
        + " done(r.violations.map(function (v) { return v.id; })); }, function (e) { done(['axe failed: ' + e]); });", WCAG_21_AA);
    js("document.getElementById('axe-canary').remove();");
    assertThat(((List<?>) found).stream().map(String::valueOf).toList()).as("axe-core on an unlabelled field").contains("label");
  }

  /** The focused element shows it: an outline or a box shadow. */
  void focusVisible(WebElement focused) {
    String style = (String) js("var s = getComputedStyle(arguments[0]); return s.outlineStyle + ' ' + s.outlineWidth + ' | ' + s.boxShadow;",
        focused);
    boolean outline = !style.startsWith("none") && !style.startsWith("hidden") && !style.contains(" 0px |");
    boolean shadow = !style.endsWith("| none");
    assertThat(outline || shadow).as("focus visible on %s: %s", focused.getAttribute("outerHTML"), style).isTrue();
  }

  /** The Tab key, to whatever has the focus (a file field takes an element's keys as a file's name). */
  WebElement tab() {
    new Actions(browser).sendKeys(Keys.TAB).perform();
    return browser.switchTo().activeElement();
  }

  String submittedTaskAddress(String cycle, String body) {
    String taskId = engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceBusinessKey(cycle)
        .taskDefinitionKey(ReportProcess.TASK_SUBMIT_REPORT).taskHadCandidateGroup(body).finished().list().get(0).getId();
    return base() + "/jospar/desk/task/" + taskId;
  }

  /** A body's report submitted by its official and approved by its supervisor, through the engine as each of them. */
  void submitAndApprove(String cycle, String body) {
    var identity = engine.getIdentityService();
    var tasks = engine.getTaskService();
    String submit = tasks.createTaskQuery().processInstanceBusinessKey(cycle).taskCandidateGroup(body).singleResult().getId();
    identity.setAuthentication(body + ".official", List.of(body, Roles.OFFICIAL));
    try {
      tasks.claim(submit, body + ".official");
      tasks.complete(submit, Map.of("reportText", "done", "reportDocument",
          Variables.fileValue("report.pdf").file("%PDF-1.4 done".getBytes()).mimeType("application/pdf").create()));
    } finally {
      identity.clearAuthentication();
    }
    String review = tasks.createTaskQuery().processInstanceBusinessKey(cycle).taskCandidateGroup(Roles.supervisorsOf(body)).singleResult().getId();
    identity.setAuthentication(body + ".supervisor", List.of(body, Roles.supervisorsOf(body), Roles.SUPERVISOR));
    try {
      tasks.claim(review, body + ".supervisor");
      tasks.complete(review, Map.of("approved", true));
    } finally {
      identity.clearAuthentication();
    }
  }

  /** A body's report timer that is due (Friday's control date, today Monday), run as the job executor would. */
  void escalate(String cycle, String body, String boundary) {
    String instance = jdbc.queryForObject("SELECT process_instance_id FROM jospar_body_report WHERE cycle_key = ? AND body_code = ?",
        String.class, cycle, body);
    var jobs = engine.getManagementService();
    var job = jobs.createJobQuery().processInstanceId(instance).activityId(boundary).singleResult();
    assertThat(job).as(boundary + " of " + body).isNotNull();
    jobs.executeJob(job.getId());
  }

  /** The list's first row is the escalation: its own class, the flag, the words, a colour and a bar that set it apart. */
  void escalationFirst(String cycle, Locale locale) {
    WebElement first = browser.findElement(By.cssSelector("table.work tbody tr"));
    assertThat(first.getAttribute("class")).as("an escalation first").isEqualTo("t-escalated");
    String text = first.getText().replaceAll("\\s+", " ");
    assertThat(text).contains("⚑", " " + cycle.split("/")[0] + " ", TaskTitles.title(ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL1, false).in(locale));
    List<String> said = new java.util.ArrayList<>();
    for (String form : List.of("one", "few", "many")) {
      for (int n = 1; n <= 10; n++) {
        String words = this.words.getMessage("desk.when.escalated." + form, new Object[] {n}, null, locale);
        if (words != null) {
          said.add(words);
        }
      }
    }
    assertThat(said).as("the escalation said in words, with the days the report is late").anyMatch(text::contains);
    assertThat(js("return getComputedStyle(arguments[0].querySelector('td')).backgroundColor;", first))
        .as("highlighted").isNotIn("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)");
    assertThat((String) js("return getComputedStyle(arguments[0].querySelector('td')).boxShadow;", first))
        .as("a bar on its left").contains("inset");
  }

  /** The twenty akimats reporting in a cycle. */
  List<String> akimats(String cycle) {
    List<String> bodies = jdbc.queryForList("SELECT body_code FROM jospar_body_report WHERE cycle_key = ? AND body_code LIKE 'akimat-%' "
        + "ORDER BY body_code", String.class, cycle);
    assertThat(bodies).hasSize(20);
    return bodies;
  }

  /** "3 days overdue" in every grammatical number the language has, for 1 to 10 days. */
  List<String> overdueWords(Locale locale) {
    List<String> said = new java.util.ArrayList<>();
    for (String form : List.of("one", "few", "many", "other")) {
      for (int n = 1; n <= 10; n++) {
        String text = words.getMessage("desk.when.overdue." + form, new Object[] {n}, null, locale);
        if (text != null) {
          said.add(text);
        }
      }
    }
    return said;
  }

  String state(String cycle, String body) {
    return jdbc.queryForObject("SELECT state FROM jospar_body_report WHERE cycle_key = ? AND body_code = ?", String.class, cycle, body);
  }

  /** A Chromium whose browser asks for {@code language} first, as an office's browser set to it does. */
  static WebDriver chromium(String language) {
    // a driver of its own: quitting a browser stops the driver that started it
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(PlanWalkBrowserIT.CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(PlanWalkBrowserIT.CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900", "--lang=" + language);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language + ",en"));
    return new ChromeDriver(service, options);
  }

  String say(String key, Locale locale, Object... args) {
    return words.getMessage(key, args, locale);
  }

  String base() {
    return "http://localhost:" + port;
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  WebDriverWait waitFor() {
    return new WebDriverWait(browser, WAIT);
  }

  void screenshot(String name) throws IOException {
    step++;
    Path file = SCREENSHOTS.resolve(String.format("%02d-%s.png", step, name));
    Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
  }
}
