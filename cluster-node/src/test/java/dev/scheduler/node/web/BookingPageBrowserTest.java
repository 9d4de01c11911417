package dev.scheduler.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.node.testkit.Bodies;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 12: the public booking page in a real headless Chromium against a real node: book in a
 * zone other than the host's, confirm, manage, reschedule, cancel; a double click and a lost
 * answer book once; a slot taken meanwhile is explained.
 */
class BookingPageBrowserTest extends BookingPageTestBase {
  private static final DateTimeFormatter ICS_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneId.of("UTC"));

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
    assertIcs(booked.path("id").asText(), first, 0);

    String manage = browser.driver.findElement(By.id("manage-link")).getAttribute("href");
    assertThat(manage).startsWith(node.baseUrl() + "/manage/" + booked.path("id").asText() + "?token=bkg.");
    browser.driver.get(manage);
    browser.waitText("booking-state", "Confirmed");
    browser.waitText("booking-time", localTime(first));
    browser.screenshot("manage");

    Instant moved = reschedule(days.get(2));
    assertThat(onlyBooking().path("start").asText()).isEqualTo(moved.toString());
    assertThat(browser.text("booking-time")).contains(localTime(moved));
    // The manage page's file updates the event a calendar already has: same UID, the next SEQUENCE.
    assertIcs(booked.path("id").asText(), moved, 1);

    browser.driver.findElement(By.id("show-cancel")).click();
    browser.driver.findElement(By.id("cancel-reason")).sendKeys("Something came up");
    browser.driver.findElement(By.id("cancel-button")).click();
    browser.waitText("booking-state", "Cancelled");
    browser.screenshot("cancelled");
    JsonNode cancelled = onlyBooking();
    assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(cancelled.path("cancelReason").asText()).isEqualTo("Something came up");
    browser.assertNoConsoleErrors();
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
    assertThat(onlyBooking().path("start").asText()).as("the lost answer's booking was made")
        .isEqualTo(slot.toString());

    browser.driver.findElement(By.id("book-button")).click();
    browser.waitVisible("confirmation");
    browser.screenshot("confirmation-after-retry");
    List<?> keys = sentKeys();
    assertThat(keys).hasSize(2);
    assertThat(keys.get(0)).isNotNull().isEqualTo(keys.get(1));
    assertThat(onlyBooking().path("start").asText()).isEqualTo(slot.toString());
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

  private void assertIcs(String bookingId, Instant start, int sequence) throws Exception {
    String href = browser.driver.findElement(By.id("ics-link")).getAttribute("href");
    String prefix = "data:text/calendar;charset=utf-8,";
    assertThat(href).startsWith(prefix);
    String ics = URLDecoder.decode(href.substring(prefix.length()), StandardCharsets.UTF_8);
    Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
    VEvent event = calendar.<VEvent>getComponent(Component.VEVENT).orElseThrow();
    assertThat(event.<Property>getProperty(Property.UID).orElseThrow().getValue())
        .isEqualTo(bookingId + "@" + java.net.URI.create(node.baseUrl()).getHost());
    assertThat(event.<Property>getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo(ICS_UTC.format(start));
    assertThat(event.<Property>getProperty(Property.DTEND).orElseThrow().getValue())
        .isEqualTo(ICS_UTC.format(start.plusSeconds(30 * 60)));
    assertThat(event.<Property>getProperty(Property.SUMMARY).orElseThrow().getValue()).isEqualTo("Intro call");
    assertThat(event.<Property>getProperty(Property.SEQUENCE).orElseThrow().getValue())
        .isEqualTo(Integer.toString(sequence));
  }
}
