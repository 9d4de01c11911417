package dev.scheduler.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven through its own chromedriver (never a Selenium Manager download), at a
 * phone's width, in a time zone and language of the test's choosing. Screenshots go with the test
 * reports.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "surefire-reports", "screenshots");
  static final int PHONE_WIDTH = 390;
  /** The operators' console is a desktop page. */
  static final int DESKTOP_WIDTH = 1280;
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  final ChromeDriver driver;
  private final String testName;
  private final int width;
  private int shots;

  /** Fails, rather than skips, when the browser is missing: the page would go unproved. */
  static void assertInstalled() {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("The booking page test needs Debian's Chromium: " + CHROMIUM + " and " + CHROMEDRIVER
            + " must exist. Install them with 'apt-get update && apt-get install -y chromium chromium-driver' "
            + "(.ci/run does this).")
        .isTrue();
  }

  HeadlessChromium(String testName, String timeZone) {
    this(testName, timeZone, PHONE_WIDTH);
  }

  HeadlessChromium(String testName, String timeZone, int width) {
    this.testName = testName;
    this.width = width;
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        // Chromium inherits chromedriver's environment, and takes its zone from TZ.
        .withEnvironment(Map.of("TZ", timeZone))
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--lang=en-US");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US"));
    // A phone's viewport (390 CSS pixels wide) unless told otherwise, so the screenshots and checks
    // see what a phone shows.
    options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
        Map.of("width", width, "height", 1400, "pixelRatio", 1.0, "touch", false)));
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    this.driver = new ChromeDriver(service, options);
  }

  WebElement waitVisible(String id) {
    return new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  void waitText(String id, String part) {
    new WebDriverWait(driver, PATIENCE)
        .withMessage(() -> "#" + id + " to contain '" + part + "' but it reads '" + text(id) + "'")
        .until(d -> text(id).contains(part));
  }

  /** The element's visible text with the narrow and non-breaking spaces of Intl turned into spaces. */
  String text(String id) {
    return plain(driver.findElement(By.id(id)).getText());
  }

  static String plain(String text) {
    return text.replace('\u202f', ' ').replace('\u00a0', ' ');
  }

  /** Whether the page fits the viewport's width: nothing to scroll sideways (on a phone above all). */
  void assertNoSidewaysScroll() {
    Object widths = driver.executeScript(
        "return [document.documentElement.scrollWidth, window.innerWidth];");
    assertThat(widths).as("[page width, viewport width]").isEqualTo(java.util.List.of(
        (long) width, (long) width));
  }

  /** No script error, refused resource (CSP) or failed request in the browser's console. */
  void assertNoConsoleErrors() {
    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage).toList()).as("console errors").isEmpty();
  }

  /** Checks that the page fits a phone's width, then saves what it shows. */
  void screenshot(String step) {
    assertNoSidewaysScroll();
    try {
      Files.createDirectories(SCREENSHOTS);
      byte[] png = driver.getScreenshotAs(OutputType.BYTES);
      Files.write(SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", testName, ++shots, step)), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
