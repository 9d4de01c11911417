package dev.scheduler.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.TestNodes;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 12: the public booking page in a real headless Chromium against a real node. The host
 * works 09:00-17:00 in Berlin; the browser runs in Tokyo and the invitee picks New York, so every
 * time on the page is checked against what Java's zone rules say it must be.
 */
class BookingPageBrowserTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final String BROWSER_ZONE = "Asia/Tokyo";
  private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);
  private static final DateTimeFormatter ICS_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneId.of("UTC"));

  @TempDir static Path dataDir;
  private static SchedulerNode node;
  private static SchedulerApiClient api;
  private HeadlessChromium browser;
  private ApiFixture host;

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

  @Test
  void anInviteeInAnotherZoneBooksWithADoubleClickThenReschedulesAndCancelsFromTheManageLink(TestInfo info)
      throws Exception {
    openBrowser(info);
    openBookingPage();
    assertThat(new Select(browser.driver.findElement(By.id("zone-select"))).getFirstSelectedOption()
        .getAttribute("value")).as("the browser's own zone is the default").isEqualTo(BROWSER_ZONE);
    chooseZone(NEW_YORK);
    List<LocalDate> days = openDays(3);
    browser.screenshot("month-in-new-york");

    Instant first = pickFirstSlot(days.get(1));
    fillDetails();
    browser.screenshot("details");
    recordBookingPosts(false);
    WebElement book = browser.driver.findElement(By.id("book-button"));
    new Actions(browser.driver).doubleClick(book).perform();
    browser.waitVisible("confirmation");
    browser.screenshot("confirmation");
    assertThat(sentKeys()).as("a second press while the first is in flight sends nothing").hasSize(1);
    assertThat(browser.driver.findElement(By.id("form-status")).isDisplayed()).isFalse();

    assertThat(browser.text("confirmed-time")).contains(localTime(first)).contains("America/New_York");
    JsonNode booked = onlyBooking();
    assertThat(booked.path("start").asText()).isEqualTo(first.toString());
    assertThat(booked.path("invitee").path("timeZone").asText()).isEqualTo("America/New_York");
    assertIcs(booked.path("id").asText(), first);

    String manage = browser.driver.findElement(By.id("manage-link")).getAttribute("href");
    assertThat(manage).startsWith(node.baseUrl() + "/manage/" + booked.path("id").asText() + "?token=bkg.");
    browser.driver.get(manage);
    browser.waitText("booking-state", "Confirmed");
    browser.waitText("booking-time", localTime(first));
    browser.screenshot("manage");

    Instant moved = reschedule(days.get(2));
    assertThat(onlyBooking().path("start").asText()).isEqualTo(moved.toString());
    assertThat(browser.text("booking-time")).contains(localTime(moved));

    browser.driver.findElement(By.id("show-cancel")).click();
    browser.driver.findElement(By.id("cancel-reason")).sendKeys("Something came up");
    browser.driver.findElement(By.id("cancel-button")).click();
    browser.waitText("booking-state", "Cancelled");
    browser.screenshot("cancelled");
    JsonNode cancelled = onlyBooking();
    assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(cancelled.path("cancelReason").asText()).isEqualTo("Something came up");
  }

  @Test
  void aSlotTakenWhileTheInviteeTypesIsExplainedAndLeavesTheList(TestInfo info) {
    openBrowser(info);
    openBookingPage();
    List<LocalDate> days = openDays(2);
    Instant slot = pickFirstSlot(days.get(1));
    fillDetails();
    ApiResponse other = api.book(host.hostId(), null, Bodies.booking("intro", slot, "Europe/Berlin"), "other");
    assertThat(other.status()).as(other.toString()).isEqualTo(201);

    browser.driver.findElement(By.id("book-button")).click();
    browser.waitText("form-status", "just taken");
    new WebDriverWait(browser.driver, java.time.Duration.ofSeconds(20))
        .withMessage("the taken slot to leave the list")
        .until(d -> d.findElements(By.cssSelector("#slot-list button[data-start='" + slot + "']")).isEmpty()
            && !d.findElements(By.cssSelector("#slot-list button.slot")).isEmpty());
    browser.screenshot("slot-taken");
    assertThat(browser.driver.findElement(By.id("confirmation")).isDisplayed()).isFalse();
  }

  /**
   * The answer to the first press is lost on the way back (the booking is made, the page hears a
   * network error); pressing Book again sends the same Idempotency-Key and gets the same booking,
   * not a 409 for the slot the first press took.
   */
  @Test
  void aRetryAfterALostAnswerSendsTheSameIdempotencyKeyAndBooksOnce(TestInfo info) {
    openBrowser(info);
    openBookingPage();
    Instant slot = pickFirstSlot(openDays(2).get(1));
    fillDetails();
    recordBookingPosts(true);

    browser.driver.findElement(By.id("book-button")).click();
    browser.waitText("form-status", "could not be reached");
    browser.waitText("form-status", "will not book twice");
    browser.screenshot("answer-lost");
    assertThat(onlyBooking().path("start").asText()).as("the lost answer's booking was made").isEqualTo(slot.toString());

    browser.driver.findElement(By.id("book-button")).click();
    browser.waitVisible("confirmation");
    browser.screenshot("confirmation-after-retry");
    List<?> keys = sentKeys();
    assertThat(keys).hasSize(2);
    assertThat(keys.get(0)).isNotNull().isEqualTo(keys.get(1));
    assertThat(onlyBooking().path("start").asText()).isEqualTo(slot.toString());
  }

  /** A wrong link shows a sentence saying what is wrong (the API's own, where it has one). */
  @Test
  void badLinksShowWhatIsWrongInsteadOfABlankPage(TestInfo info) {
    openBrowser(info);
    browser.driver.get(node.baseUrl() + "/book/" + host.hostId() + "/no-such-meeting");
    browser.waitText("page-status", "This host offers no meeting called \"no-such-meeting\"");
    assertThat(browser.driver.findElement(By.id("pick")).isDisplayed()).isFalse();
    browser.screenshot("unknown-event-type");

    browser.driver.get(node.baseUrl() + "/book/nosuchhost/intro");
    String unknownHost = api.get("/api/v1/hosts/nosuchhost/event-types", null).json().path("message").asText();
    assertThat(unknownHost).isNotBlank();
    browser.waitText("page-status", unknownHost);
    browser.screenshot("unknown-host");

    browser.driver.get(node.baseUrl() + "/manage/b1");
    browser.waitText("page-status", "This link is incomplete");

    String forged = "bkg." + host.hostId() + ".b1.forged";
    browser.driver.get(node.baseUrl() + "/manage/b1?token=" + forged);
    String refusal = api.getBooking(host.hostId(), "b1", forged).json().path("message").asText();
    assertThat(refusal).isNotBlank();
    browser.waitText("page-status", refusal);
    browser.screenshot("forged-token");
  }

  /**
   * Wraps the page's fetch to note the Idempotency-Key of every booking request as it is sent
   * and, if asked, to lose the answer to the first one after the node has handled it.
   */
  private void recordBookingPosts(boolean loseFirstAnswer) {
    browser.driver.executeScript("""
        const realFetch = window.fetch;
        const loseFirst = arguments[0];
        window.sentKeys = [];
        window.fetch = async (url, init) => {
          const posting = init && init.method === 'POST';
          if (posting) window.sentKeys.push(init.headers['Idempotency-Key']);
          const response = await realFetch(url, init);
          if (posting && loseFirst && window.sentKeys.length === 1) throw new TypeError('answer lost');
          return response;
        };""", loseFirstAnswer);
  }

  private List<?> sentKeys() {
    return (List<?>) browser.driver.executeScript("return window.sentKeys;");
  }

  private void openBookingPage() {
    browser.driver.get(node.baseUrl() + "/book/" + host.hostId() + "/intro");
    browser.waitText("event-title", "Intro call");
    assertThat(browser.text("event-duration")).isEqualTo("30 minutes");
    waitForGrid(BROWSER_ZONE);
    browser.screenshot("booking-page");
  }

  private void chooseZone(ZoneId zone) {
    new Select(browser.driver.findElement(By.id("zone-select"))).selectByValue(zone.getId());
    waitForGrid(zone.getId());
  }

  private void waitForGrid(String zone) {
    new WebDriverWait(browser.driver, java.time.Duration.ofSeconds(20))
        .withMessage(() -> "the month of " + zone + " to be listed")
        .until(d -> {
          WebElement grid = d.findElement(By.id("month-grid"));
          return zone.equals(grid.getAttribute("data-zone")) && grid.getAttribute("aria-busy") == null;
        });
  }

  /** The first days with slots, moving to the next month when this one has too few left. */
  private List<LocalDate> openDays(int wanted) {
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

  private List<LocalDate> enabledDays() {
    return browser.driver.findElements(By.cssSelector("#month-grid button.day:not([disabled])")).stream()
        .map(b -> LocalDate.parse(b.getAttribute("data-date"))).toList();
  }

  /**
   * Presses the day, checks its first slot is the host's 09:00 in Berlin shown in New York's
   * time (the day is a New York date: 09:00 Berlin falls on it) and presses that slot.
   */
  private Instant pickFirstSlot(LocalDate day) {
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

  private void fillDetails() {
    browser.driver.findElement(By.id("name")).sendKeys("Bo Invitee");
    browser.driver.findElement(By.id("email")).sendKeys("bo@example.com");
    browser.driver.findElement(By.id("notes")).sendKeys("Looking forward");
  }

  private Instant reschedule(LocalDate day) {
    browser.driver.findElement(By.id("show-reschedule")).click();
    waitForGrid(NEW_YORK.getId());
    Instant start = pickNewSlot(day);
    browser.screenshot("reschedule-picked");
    browser.driver.findElement(By.id("reschedule-button")).click();
    browser.waitText("action-status", "moved");
    browser.waitText("booking-time", localTime(start));
    browser.screenshot("rescheduled");
    return start;
  }

  private Instant pickNewSlot(LocalDate day) {
    browser.driver.findElement(By.cssSelector("#month-grid button[data-date='" + day + "']")).click();
    WebElement slot = new WebDriverWait(browser.driver, java.time.Duration.ofSeconds(20))
        .until(d -> d.findElements(By.cssSelector("#slot-list button.slot")).stream().findFirst().orElse(null));
    Instant start = Instant.parse(slot.getAttribute("data-start"));
    assertThat(start).isEqualTo(day.atTime(LocalTime.of(9, 0)).atZone(BERLIN).toInstant());
    slot.click();
    browser.waitVisible("reschedule-confirm");
    return start;
  }

  /** "3:00 AM" on the New York date of the instant, as the page must show it. */
  private static String localTime(Instant instant) {
    return CLOCK_TIME.format(instant.atZone(NEW_YORK));
  }

  private JsonNode onlyBooking() {
    ApiResponse list = api.listBookings(host.hostId(), host.token(), null, null, null);
    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    assertThat(list.json().path("bookings")).as("bookings of the host: " + list.body()).hasSize(1);
    return list.json().path("bookings").get(0);
  }

  private void assertIcs(String bookingId, Instant start) throws Exception {
    String href = browser.driver.findElement(By.id("ics-link")).getAttribute("href");
    String prefix = "data:text/calendar;charset=utf-8,";
    assertThat(href).startsWith(prefix);
    String ics = URLDecoder.decode(href.substring(prefix.length()), StandardCharsets.UTF_8);
    Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
    VEvent event = calendar.<VEvent>getComponent(Component.VEVENT).orElseThrow();
    assertThat(event.<Property>getProperty(Property.UID).orElseThrow().getValue()).isEqualTo(bookingId + "@scheduler");
    assertThat(event.<Property>getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo(ICS_UTC.format(start));
    assertThat(event.<Property>getProperty(Property.DTEND).orElseThrow().getValue())
        .isEqualTo(ICS_UTC.format(start.plusSeconds(30 * 60)));
    assertThat(event.<Property>getProperty(Property.SUMMARY).orElseThrow().getValue()).isEqualTo("Intro call");
  }
}
