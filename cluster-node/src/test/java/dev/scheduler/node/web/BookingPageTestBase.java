package dev.scheduler.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.TestNodes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One real node for a class of browser tests, a new headless Chromium for each test, and a host
 * who works 09:00-17:00 in Berlin with a 30-minute "Intro call". The browser runs in Tokyo; tests
 * pick New York in the page, and check every time shown against Java's zone rules.
 */
abstract class BookingPageTestBase {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final String BROWSER_ZONE = "Asia/Tokyo";
  static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);

  @TempDir static Path dataDir;
  static SchedulerNode node;
  static SchedulerApiClient api;
  HeadlessChromium browser;
  ApiFixture host;

  @BeforeAll
  static void startNode() {
    HeadlessChromium.assertInstalled();
    // The browser lives on the real clock (its month view starts today), so the node does too.
    node = TestNodes.embedded(dataDir, Clock.systemUTC());
    api = new SchedulerApiClient(node.baseUrl());
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  void openBrowser(TestInfo info) {
    browser = new HeadlessChromium(info.getTestMethod().orElseThrow().getName(), BROWSER_ZONE);
    host = ApiFixture.newHost(api, BERLIN.getId())
        .schedule(Bodies.everyDay(BERLIN.getId(), "09:00", "17:00"))
        .eventType("intro", Map.of("title", "Intro call", "durationMinutes", 30, "minimumNoticeMinutes", 60));
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  void openBookingPage() {
    browser.driver.get(node.baseUrl() + "/book/" + host.hostId() + "/intro");
    browser.waitText("event-title", "Intro call");
    assertThat(browser.text("event-duration")).isEqualTo("30 minutes");
    waitForGrid(BROWSER_ZONE);
    browser.screenshot("booking-page");
  }

  void chooseZone(ZoneId zone) {
    new Select(browser.driver.findElement(By.id("zone-select"))).selectByValue(zone.getId());
    waitForGrid(zone.getId());
  }

  void waitForGrid(String zone) {
    new WebDriverWait(browser.driver, java.time.Duration.ofSeconds(20))
        .withMessage(() -> "the month of " + zone + " to be listed")
        .until(d -> {
          WebElement grid = d.findElement(By.id("month-grid"));
          return zone.equals(grid.getAttribute("data-zone")) && grid.getAttribute("aria-busy") == null;
        });
  }

  /** The first days with slots, moving to the next month when this one has too few left. */
  List<LocalDate> openDays(int wanted) {
    List<LocalDate> days = enabledDays();
    if (days.size() < wanted) {
      String month = browser.driver.findElement(By.id("month-grid")).getAttribute("data-month");
      browser.driver.findElement(By.id("next-month")).click();
      new WebDriverWait(browser.driver, java.time.Duration.ofSeconds(20)).until(d ->
          !month.equals(d.findElement(By.id("month-grid")).getAttribute("data-month"))
              && d.findElement(By.id("month-grid")).getAttribute("aria-busy") == null);
      days = enabledDays();
    }
    assertThat(days).as("days with slots").hasSizeGreaterThanOrEqualTo(wanted);
    return days;
  }

  List<LocalDate> enabledDays() {
    return browser.driver.findElements(By.cssSelector("#month-grid button.day:not([disabled])")).stream()
        .map(b -> LocalDate.parse(b.getAttribute("data-date"))).toList();
  }

  /**
   * Presses the day, checks its first slot is the host's 09:00 in Berlin shown in New York's
   * time (the day is a New York date: 09:00 Berlin falls on it) and presses that slot.
   */
  Instant pickFirstSlot(LocalDate day) {
    ZoneId zone = ZoneId.of(browser.driver.findElement(By.id("zone-select")).getAttribute("value"));
    browser.driver.findElement(By.cssSelector("#month-grid button[data-date='" + day + "']")).click();
    WebElement slot = new WebDriverWait(browser.driver, java.time.Duration.ofSeconds(20))
        .until(d -> d.findElements(By.cssSelector("#slot-list button.slot")).stream().findFirst().orElse(null));
    Instant start = Instant.parse(slot.getAttribute("data-start"));
    if (zone.equals(NEW_YORK)) {
      assertThat(start).isEqualTo(day.atTime(LocalTime.of(9, 0)).atZone(BERLIN).toInstant());
    }
    assertThat(HeadlessChromium.plain(slot.getText())).isEqualTo(CLOCK_TIME.format(start.atZone(zone)));
    slot.click();
    browser.waitVisible("details");
    return start;
  }

  void fillDetails() {
    browser.driver.findElement(By.id("name")).sendKeys("Bo Invitee");
    browser.driver.findElement(By.id("email")).sendKeys("bo@example.com");
    browser.driver.findElement(By.id("notes")).sendKeys("Looking forward");
  }

  /** "3:00 AM" on the New York date of the instant, as the page must show it. */
  static String localTime(Instant instant) {
    return CLOCK_TIME.format(instant.atZone(NEW_YORK));
  }

  JsonNode onlyBooking() {
    ApiResponse list = api.listBookings(host.hostId(), host.token(), null, null, null);
    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    assertThat(list.json().path("bookings")).as("bookings of the host: " + list.body()).hasSize(1);
    return list.json().path("bookings").get(0);
  }
}
