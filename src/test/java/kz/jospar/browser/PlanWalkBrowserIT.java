package kz.jospar.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

/**
 * One report cycle walked in a real Chromium, as people do it, in Kazakh: an akimat's official
 * switches Tasklist to Kazakh with the header's switch (by keyboard), reports with a document,
 * the akimat's supervisor approves; the plan's status API then says approved.
 * Needs Debian's chromium and chromium-driver (.ci/run installs them); fails, never skips, without them.
 * Screenshots of every step: target/browser/NN-step.png.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"JOSPAR_DEMO_DB_URL=jdbc:h2:mem:jospar-browser-test;DB_CLOSE_DELAY=-1",
        // the walk needs no timer; a quiet job executor leaves the two cores to the browser
        "camunda.bpm.job-execution.enabled=false"})
class PlanWalkBrowserIT {

  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("JOSPAR_CHROMIUM", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("JOSPAR_CHROMEDRIVER", "/usr/bin/chromedriver"));
  static final Path SCREENSHOTS = Path.of("target", "browser");
  static final Duration WAIT = Duration.ofSeconds(30);
  static final Path DOWNLOADS = Path.of("target", "browser-downloads").toAbsolutePath();

  static final String BODY = "akimat-turkistan";
  static final String ROW = "4.8";
  static final String PERIOD = "2026-H2";
  static final String KAZAKH = "kk";

  static ChromeDriverService service;
  static WebDriver browser;

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired kz.jospar.language.UserSettings settings;
  @Value("${jospar.demo.password}") String password;

  int step;

  @BeforeAll
  static void startChromium() throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail("PlanWalkBrowserIT needs Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
          + ": install them with 'sudo apt-get install chromium chromium-driver' (or run .ci/run), or point "
          + "JOSPAR_CHROMIUM and JOSPAR_CHROMEDRIVER at them");
    }
    // the system's driver and browser, named explicitly: Selenium Manager never runs, nothing is downloaded
    System.setProperty("SE_OFFLINE", "true");
    service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // English first, as a browser in an office might be: the switch has to win over it
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900",
        "--lang=en-US");
    Files.createDirectories(DOWNLOADS);
    try (var old = Files.list(DOWNLOADS)) {
      for (Path file : old.toList()) {
        Files.delete(file);
      }
    }
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en",
        "download.default_directory", DOWNLOADS.toString(), "download.prompt_for_download", false));
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SCREENSHOTS);
    try (var old = Files.list(SCREENSHOTS)) { // this run's steps only
      for (Path file : old.toList()) {
        Files.delete(file);
      }
    }
  }

  @AfterAll
  static void stopChromium() {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.stop();
    }
  }

  @Test
  void anAkimatReportsInKazakhAndItsSupervisorApproves() throws IOException {
    try {
      walk();
    } catch (RuntimeException | AssertionError e) {
      // what the browser showed when the walk stopped, for the person reading the failure
      screenshot("failure");
      Files.writeString(SCREENSHOTS.resolve(String.format("%02d-failure.html", step)), browser.getPageSource());
      throw e;
    }
  }

  void walk() throws IOException {
    openThePeriod();

    signInPage("tasklist");
    assertThat(loginButton().getText()).as("the browser asks for English").isEqualTo(label("en", "PAGE_LOGIN_SIGN_IN_ACTION"));
    switchToKazakhWithTheKeyboard();
    assertThat(loginButton().getText()).isEqualTo(label(KAZAKH, "PAGE_LOGIN_SIGN_IN_ACTION"));

    signIn(BODY + ".official");
    datesAreKazakhWithMondayFirst();
    openTask("Есеп тапсыру: " + ROW);
    claim();
    fillAndSubmitTheReport();
    choosesADailyDigestByKeyboard();
    signOut();

    signIn(BODY + ".supervisor");
    openTask("Есепті қарау: " + ROW);
    claim();
    approve();

    assertThat(stateOfTheReport()).isEqualTo("approved");
    theOtherWebappsSpeakKazakhToo();

    coordinatorMonitorsThePlanAndDownloadsTheSpreadsheet();
  }

  // ---- the steps ----

  void openThePeriod() {
    ResponseEntity<Map> opened = http.withBasicAuth("coordinator", password)
        .postForEntity("/api/plan/periods", Map.of("row", ROW, "period", PERIOD), Map.class);
    assertThat(opened.getStatusCode()).as("%s", opened.getBody()).isEqualTo(HttpStatus.CREATED);
  }

  void signInPage(String app) throws IOException {
    browser.get("http://localhost:" + port + "/camunda/app/" + app + "/default/");
    waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.jospar-language button")));
    screenshot("sign-in-page");
  }

  /** The switch is reachable with Tab, named for screen readers, operated with Enter, and says which language is on. */
  void switchToKazakhWithTheKeyboard() throws IOException {
    WebElement group = browser.findElement(By.cssSelector("li.jospar-language [role='group']"));
    assertThat(group.getAttribute("aria-label")).contains("Тіл").contains("Язык").contains("Language");
    List<WebElement> buttons = group.findElements(By.tagName("button"));
    assertThat(buttons).extracting(b -> b.getAttribute("lang")).containsExactly("kk", "ru", "en");
    assertThat(buttons).extracting(WebElement::getText).containsExactly("Қаз", "Рус", "Eng");
    assertThat(buttons).allSatisfy(b -> assertThat(b.getAttribute("aria-label")).isNotBlank());
    assertThat(pressed()).isEqualTo("en");

    js("document.activeElement && document.activeElement.blur(); document.body.focus();");
    for (int i = 0; i < 20 && !KAZAKH.equals(js("return document.activeElement && document.activeElement.getAttribute('data-jospar-lang');")); i++) {
      new Actions(browser).sendKeys(Keys.TAB).perform();
    }
    assertThat(js("return document.activeElement.getAttribute('data-jospar-lang');")).as("Қаз reached with Tab").isEqualTo(KAZAKH);
    screenshot("switch-focused");
    WebElement oldPage = browser.findElement(By.tagName("html"));
    new Actions(browser).sendKeys(Keys.ENTER).perform();
    waitFor().until(ExpectedConditions.stalenessOf(oldPage)); // the page reloads into the language
    waitFor().until(ExpectedConditions.textToBe(By.cssSelector("button[type='submit']"), label(KAZAKH, "PAGE_LOGIN_SIGN_IN_ACTION")));
    assertThat(pressed()).isEqualTo(KAZAKH);
    assertThat(js("return document.documentElement.lang;")).isEqualTo(KAZAKH);
    screenshot("kazakh-chosen");
  }

  void signIn(String user) throws IOException {
    WebElement name = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
    name.clear();
    name.sendKeys(user);
    browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(password);
    loginButton().click();
    waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-widget-header] .account")));
    assertThat(pressed()).as("the choice outlives the sign-in").isEqualTo(KAZAKH);
    screenshot("signed-in-" + user);
  }

  void openTask(String titleStart) throws IOException {
    WebElement task = waitFor().until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'tasks-list')]//a[contains(normalize-space(.), '" + titleStart + "')]")));
    screenshot("task-list");
    task.click();
  }

  void claim() throws IOException {
    WebElement claim = waitFor().until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim")));
    assertThat(claim.getText()).isEqualTo(label(KAZAKH, "CLAIM_TASK"));
    claim.click();
    waitFor().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
  }

  void fillAndSubmitTheReport() throws IOException {
    WebElement text = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("jospar-reportText")));
    WebElement form = browser.findElement(By.cssSelector("form[name='submitReportForm']"));
    assertThat(form.getAttribute("lang")).as("the form speaks the Tasklist's language").isEqualTo(KAZAKH);
    assertThat(form.findElement(By.tagName("h3")).getText()).isEqualTo("Орындалуы туралы есеп");
    text.sendKeys("Достық үйлеріне екі көлік пен лингафон кабинеті берілді.");
    browser.findElement(By.id("jospar-reportDocument")).sendKeys(document().toAbsolutePath().toString());
    WebElement complete = completeButton();
    waitFor().until(ExpectedConditions.elementToBeClickable(complete)); // enabled once the file is read
    screenshot("report-filled");
    press(complete);
    waitFor().until(ExpectedConditions.invisibilityOfElementLocated(By.id("jospar-reportText")));
    screenshot("report-submitted");
  }

  void approve() throws IOException {
    WebElement yes = waitFor().until(ExpectedConditions.elementToBeClickable(By.id("jospar-approved-yes")));
    press(yes);
    WebElement complete = completeButton();
    waitFor().until(ExpectedConditions.elementToBeClickable(complete));
    screenshot("review-approved");
    press(complete);
    waitFor().until(ExpectedConditions.invisibilityOfElementLocated(By.id("jospar-approved-yes")));
    screenshot("review-submitted");
  }

  /** The official's settings page, from Tasklist's header: a daily digest instead of a mail per task. */
  void choosesADailyDigestByKeyboard() throws IOException {
    waitFor().until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.jospar-settings a"))).click();
    waitFor().until(ExpectedConditions.textToBe(By.tagName("h1"), "Менің баптауларым"));
    By eachMail = By.cssSelector("input[name='mailMode'][value='each']");
    waitFor().until(ExpectedConditions.elementSelectionStateToBe(eachMail, true)); // the stored settings are shown
    WebElement each = browser.findElement(eachMail);
    assertThat(browser.findElement(By.cssSelector("input[name='locale'][value='kk']")).isSelected()).isTrue();
    each.sendKeys(Keys.ARROW_DOWN); // a radio group moves with the arrow keys
    assertThat(browser.findElement(By.cssSelector("input[name='mailMode'][value='digest']")).isSelected()).isTrue();
    browser.switchTo().activeElement().sendKeys(Keys.TAB); // a radio group is one Tab stop: the next is Save
    WebElement save = browser.switchTo().activeElement();
    assertThat(save.getText()).isEqualTo("Сақтау");
    save.sendKeys(Keys.ENTER);
    waitFor().until(ExpectedConditions.textToBe(By.id("status"), "Сақталды."));
    screenshot("settings-digest");
    assertThat(settings.of(BODY + ".official").mailMode().name()).isEqualTo("digest");
    assertThat(settings.of(BODY + ".official").locale()).as("the choice made before signing in, kept for the person").isEqualTo(KAZAKH);
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
    waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-widget-header] .account")));
  }

  void signOut() throws IOException {
    browser.findElement(By.cssSelector("[cam-widget-header] .account .dropdown-toggle")).click();
    WebElement logout = waitFor().until(ExpectedConditions.elementToBeClickable(By.cssSelector("[cam-widget-header] .account .logout a")));
    assertThat(logout.getText()).isEqualTo(label(KAZAKH, "SIGN_OUT_ACTION"));
    logout.click();
    waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
    screenshot("signed-out");
  }

  /** Tasklist's dates (moment.js through its camDate filter) and its date pickers (AngularJS's $locale). */
  void datesAreKazakhWithMondayFirst() {
    assertThat(inAngular("return i.get('camDateFilter')('2026-11-25T18:00:00', 'normal');")).isEqualTo("25.11.2026 18:00");
    assertThat(inAngular("return i.get('camDateFilter')('2026-11-25T18:00:00', 'long');")).isEqualTo("сәрсенбі, 25.11.2026 18:00");
    assertThat(inAngular("return i.get('$locale').DATETIME_FORMATS.FIRSTDAYOFWEEK;")).as("Monday").isEqualTo(0L);
    assertThat(inAngular("return i.get('$locale').DATETIME_FORMATS.MONTH[10];")).isEqualTo("қараша");
  }

  /** Welcome, Cockpit and Admin carry the same switch, keep the choice, and show no end-of-life banner. */
  void theOtherWebappsSpeakKazakhToo() throws IOException {
    for (String app : List.of("welcome", "cockpit")) {
      browser.get("http://localhost:" + port + "/camunda/app/" + app + "/default/");
      speaksKazakh(app);
    }
    signOut(); // Admin is the administrator's only
    signInPage("admin");
    signIn("admin");
    speaksKazakh("admin");
  }

  void speaksKazakh(String app) throws IOException {
    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[cam-widget-header] .account")));
    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.jospar-language button")));
    waitFor().until(d -> KAZAKH.equals(inAngular("return i.get('$translate').use();")));
    assertThat(pressed()).as(app).isEqualTo(KAZAKH);
    assertThat(browser.findElements(By.cssSelector(".ce-eol-banner"))).as(app + ": the end-of-life banner")
        .allSatisfy(banner -> assertThat(banner.isDisplayed()).isFalse());
    screenshot(app + "-in-kazakh");
  }

  String stateOfTheReport() {
    ResponseEntity<JsonNode> status = http.withBasicAuth("coordinator", password).getForEntity("/api/plan/status?year=2026", JsonNode.class);
    assertThat(status.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode rows = status.getBody().isArray() ? status.getBody() : status.getBody().path("entries");
    for (JsonNode row : rows) {
      if (BODY.equals(row.path("body").asText()) && ROW.equals(row.path("row").asText())) {
        return row.path("state").asText();
      }
    }
    return fail("no status row for " + BODY + " and " + ROW + " in " + status.getBody());
  }

  /**
   * The coordinator opens the plan monitor from Tasklist's header (same sign-in, same language),
   * finds the approved report by the filters, moves through the page by keyboard, and downloads
   * the annual report as XLSX, which names the akimat, its text and its document.
   */
  void coordinatorMonitorsThePlanAndDownloadsTheSpreadsheet() throws IOException {
    signOut();
    signInPage("tasklist");
    signIn("coordinator");
    WebElement monitor = waitFor().until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.jospar-monitor a")));
    assertThat(monitor.getText()).isEqualTo("Жоспар мониторы");
    monitor.click();
    waitFor().until(ExpectedConditions.textToBe(By.id("heading"), "Жоспар мониторы"));
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(KAZAKH);
    waitFor().until(d -> d.findElement(By.id("status")).getText().startsWith("Жүктелді"));
    assertThat(browser.findElement(By.cssSelector(".lang button[aria-pressed='true']")).getAttribute("lang")).isEqualTo(KAZAKH);
    screenshot("monitor");

    theMonitorIsUsableByKeyboard();

    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("f-row"))).selectByValue(ROW);
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("f-state"))).selectByValue("approved");
    browser.findElement(By.cssSelector("#filters button[type='submit']")).click();
    waitFor().until(d -> d.findElements(By.cssSelector("#reports tbody tr")).size() == 1
        && d.findElement(By.cssSelector("#reports tbody tr")).getText().contains("басшы мақұлдады"));
    String line = browser.findElement(By.cssSelector("#reports tbody tr")).getText();
    assertThat(line).contains(ROW, PERIOD, "Түркістан", "мерзімінде");
    assertThat(browser.findElements(By.cssSelector("#heat td.s-approved"))).hasSize(1);
    screenshot("monitor-filtered");

    browser.findElement(By.id("x-xlsx-kk")).click();
    Path xlsx = DOWNLOADS.resolve("jospar-annual-report-2026-kk.xlsx");
    waitFor().until(d -> Files.exists(xlsx) && xlsx.toFile().length() > 0);
    try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(xlsx))) {
      var items = book.getSheet("Тармақтар бойынша орындалуы");
      assertThat(items).as("the Kazakh items sheet").isNotNull();
      List<String> row = new java.util.ArrayList<>();
      for (var r : items) {
        List<String> cells = new java.util.ArrayList<>();
        r.forEach(c -> cells.add(c.toString()));
        if (cells.contains("басшы мақұлдады")) {
          row = cells;
        }
      }
      assertThat(row).contains(ROW, PERIOD, "мерзімінде", "Достық үйлеріне екі көлік пен лингафон кабинеті берілді.",
          "browser-report.pdf", BODY + ".official");
    }
  }

  /** Skip link first, every control labelled, the language switch a group of pressed/unpressed buttons. */
  void theMonitorIsUsableByKeyboard() throws IOException {
    browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
    WebElement first = browser.switchTo().activeElement();
    assertThat(first.getAttribute("class")).isEqualTo("skip");
    assertThat(first.getText()).isEqualTo("Мазмұнға өту");
    first.sendKeys(Keys.ENTER);
    waitFor().until(d -> "main".equals(d.switchTo().activeElement().getAttribute("id")));
    Object unlabelled = js("return Array.from(document.querySelectorAll('select, input, button, a[href]')).filter(function (e) {"
        + " var label = e.id && document.querySelector('label[for=\"' + e.id + '\"]');"
        + " return !(label && label.textContent.trim()) && !(e.getAttribute('aria-label') || '').trim() && !e.textContent.trim(); })"
        + ".map(function (e) { return e.outerHTML; });");
    assertThat((List<?>) unlabelled).as("controls without a label or name").isEmpty();
    // Tab from the start of the filters reaches the year, then the direction
    WebElement year = browser.findElement(By.id("f-year"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].focus();", year);
    year.sendKeys(Keys.TAB);
    assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("f-direction");
    screenshot("monitor-keyboard");
  }

  // ---- helpers ----

  WebElement loginButton() {
    return waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form button[type='submit']")));
  }

  WebElement completeButton() {
    return waitFor().until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//button[@type='submit' and contains(@class,'btn-primary') and normalize-space(.)='" + label(KAZAKH, "COMPLETE") + "']")));
  }

  String pressed() {
    List<WebElement> on = browser.findElements(By.cssSelector("li.jospar-language button[aria-pressed='true']"));
    assertThat(on).as("exactly one language is marked as chosen").hasSize(1);
    return on.get(0).getAttribute("lang");
  }

  /** Clicks like a person who scrolled to it first (Tasklist's fixed footer covers the page's bottom line). */
  void press(WebElement element) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    waitFor().until(ExpectedConditions.elementToBeClickable(element)).click();
  }

  Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  /** Runs a script with the page's AngularJS injector as {@code i}. */
  Object inAngular(String body) {
    return js("var i = window.angular.element(document.documentElement).injector(); " + body);
  }

  WebDriverWait waitFor() {
    return new WebDriverWait(browser, WAIT);
  }

  void screenshot(String name) throws IOException {
    step++;
    Path file = SCREENSHOTS.resolve(String.format("%02d-%s.png", step, name));
    Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
  }

  /** A small, real PDF to attach. */
  static Path document() throws IOException {
    Path pdf = SCREENSHOTS.resolveSibling("browser-report.pdf");
    String body = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
    Files.writeString(pdf, body, StandardCharsets.US_ASCII);
    return pdf;
  }

  static final ObjectMapper JSON = new ObjectMapper();

  /** A Tasklist label as the webapp shows it in that language (Jospar's kk.json, or 7.24's en.json). */
  static String label(String language, String key) {
    String path = "META-INF/resources/webjars/camunda/app/tasklist/locales/" + language + ".json";
    try (InputStream in = PlanWalkBrowserIT.class.getClassLoader().getResourceAsStream(path)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text).path("labels").path(key).asText();
    } catch (IOException e) {
      throw new IllegalStateException(path, e);
    }
  }
}
