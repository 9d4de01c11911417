package dev.scheduler.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The booking page with the keyboard alone, for screen readers, and with links that are wrong. */
class BookingPageAccessibilityTest extends BookingPageTestBase {
  /**
   * Booking with the keyboard alone: days and slots are real buttons that Enter presses, focus
   * follows each step, every control has a label, and status messages sit in live regions.
   */
  @Test
  void aKeyboardAloneCanBookAndEveryControlIsLabelled(TestInfo info) {
    openBrowser(info);
    openBookingPage();
    LocalDate day = openDays(2).get(1);
    assertThat(unlabelledControls()).as("controls without a label or name").isEmpty();

    browser.driver.findElement(By.cssSelector("#month-grid button[data-date='" + day + "']")).sendKeys(Keys.ENTER);
    assertThat(activeId()).isEqualTo("day-title");
    WebElement slot = new WebDriverWait(browser.driver, java.time.Duration.ofSeconds(20))
        .until(d -> d.findElements(By.cssSelector("#slot-list li > button.slot")).stream().findFirst().orElse(null));
    slot.sendKeys(Keys.ENTER);
    browser.waitVisible("details");
    assertThat(activeId()).as("focus moves to the form").isEqualTo("details-title");
    assertThat(unlabelledControls()).as("controls without a label or name").isEmpty();

    browser.driver.findElement(By.id("name")).sendKeys("Kay Board");
    browser.driver.findElement(By.id("email")).sendKeys("kay@example.com", Keys.ENTER);
    browser.waitVisible("confirmation");
    assertThat(activeId()).as("focus moves to the confirmation").isEqualTo("confirmation-title");
    assertThat(onlyBooking().path("invitee").path("name").asText()).isEqualTo("Kay Board");
    assertThat(browser.driver.findElements(By.cssSelector("[aria-live]"))).as("live regions").isNotEmpty();
    browser.screenshot("booked-by-keyboard");
    browser.assertNoConsoleErrors();
  }

  private String activeId() {
    return (String) browser.driver.executeScript("return document.activeElement.id;");
  }

  /** Visible inputs without a label and buttons without text or an aria-label. */
  @SuppressWarnings("unchecked")
  private List<String> unlabelledControls() {
    return (List<String>) browser.driver.executeScript("""
        return [...document.querySelectorAll('input, select, textarea, button')]
          .filter(e => e.offsetParent !== null)
          .filter(e => e.tagName === 'BUTTON'
            ? !(e.getAttribute('aria-label') || e.textContent.trim())
            : e.labels.length === 0)
          .map(e => e.outerHTML);""");
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
}
