package dev.scheduler.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.chaos.ProcessCluster;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.node.testkit.FeedServer;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operators' console in a real headless Chromium against three node processes on a private
 * PostgreSQL: sign in and see three members up; look up a host and see its feed's sync state;
 * pause and resume that feed's sync through the console's confirmed actions; run bookings and see
 * the booking rate rise on the live chart; kill -9 a node and see it become unreachable, then leave
 * (the split-brain resolver downs it); make the other survivor leave gracefully and see its process
 * stop. Screenshots go with the test reports.
 */
@EnabledOnOs(OS.LINUX)
class AdminConsoleBrowserTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String FEED = String.join("\r\n",
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Console test//EN",
      "BEGIN:VEVENT", "UID:dentist@example.com", "DTSTAMP:20260101T000000Z",
      "DTSTART:" + LocalDate.now(ZoneOffset.UTC).plusDays(3) + "T100000Z",
      "DTEND:" + LocalDate.now(ZoneOffset.UTC).plusDays(3) + "T110000Z",
      "SUMMARY:Dentist", "END:VEVENT", "END:VCALENDAR", "");

  @TempDir
  Path work;

  @BeforeAll
  static void browserIsInstalled() {
    HeadlessChromium.assertInstalled();
  }

  @Test
  void operatorWatchesTheClusterLooksUpAHostAndSeesANodeLeave() throws Exception {
    try (FeedServer feeds = new FeedServer().serve("/dentist.ics", 200, icsDates(FEED));
        ProcessCluster cluster = ProcessCluster.builder()
            .workDirectory(work)
            .env("SCHEDULER_SBR_STABLE_AFTER", "3s")
            .env("SCHEDULER_ICS_ALLOW_PRIVATE_ADDRESSES", "true")
            .start();
        HeadlessChromium browser = new HeadlessChromium("adminConsole", "UTC", HeadlessChromium.DESKTOP_WIDTH)) {
      SchedulerApiClient api = new SchedulerApiClient(cluster.nodeUrls().get(0).toString());
      Host host = Host.create(api, cluster.adminToken());
      String connectionId = ok(api.post("/api/v1/hosts/" + host.id + "/calendars/ics", host.token,
          Map.of("url", feeds.url("/dentist.ics")), Map.of())).json().path("id").asText();

      browser.driver.get(cluster.nodeUrls().get(0).resolve("/admin").toString());
      signIn(browser, cluster.adminToken());
      awaitMembers(browser, 3, rows -> rows.stream().allMatch(r -> r.getText().contains("Up")
          && r.getText().contains("reachable") && !r.getText().contains("unreachable")));
      assertThat(browser.text("sbr")).contains("keep-majority").contains("stable");
      browser.screenshot("three-members-up");
      chartArithmeticIsRight(browser);

      lookUp(browser, host.id);
      WebElement connection = awaitConnection(browser, connectionId, "ok");
      assertThat(connection.getText()).contains("ics").contains(feeds.url("/dentist.ics"));
      assertThat(browser.text("host-name")).isEqualTo(host.name);
      assertThat(browser.text("host-event-types")).contains("intro");
      assertThat(browser.text("host-write-back")).contains(connectionId + ": 0 waiting");
      browser.screenshot("host-and-its-feed");

      clickAndConfirm(browser, connectionRows(browser, connectionId).get(0), "Pause sync");
      awaitConnection(browser, connectionId, "paused");
      assertThat(api.get("/api/v1/hosts/" + host.id + "/calendars", host.token).body()).contains("\"paused\"");
      browser.screenshot("feed-paused");
      clickAndConfirm(browser, connectionRows(browser, connectionId).get(0), "Resume sync");
      awaitConnection(browser, connectionId, "ok");

      await(browser, "the booking chart's first sample", d -> !raw(browser, "rate-bookings").isEmpty());
      assertThat(Double.parseDouble(raw(browser, "rate-bookings"))).as("bookings/s before any load").isZero();
      int booked = bookWhileWatching(cluster, host, browser);
      assertThat(booked).isPositive();
      browser.screenshot("booking-rate-under-load");

      browser.assertNoConsoleErrors();

      String leaving = new SchedulerApiClient(cluster.nodeUrls().get(2).toString())
          .get("/api/v1/admin/cluster", cluster.adminToken()).json().path("selfAddress").asText();
      cluster.kill(2);
      await(browser, leaving + " shown unreachable", d -> memberRows(browser).stream()
          .anyMatch(r -> r.getText().contains(leaving) && r.getText().contains("unreachable")));
      browser.screenshot("killed-node-unreachable");
      await(browser, leaving + " gone from the members", d -> memberRows(browser).size() == 2
          && memberRows(browser).stream().noneMatch(r -> r.getText().contains(leaving)));
      assertThat(browser.text("sbr")).contains("stable");
      browser.screenshot("killed-node-left");

      // The other survivor leaves gracefully through the console's confirmed action.
      WebElement other = memberRows(browser).stream()
          .filter(r -> !r.getAttribute("class").contains("self")).findFirst().orElseThrow();
      String otherAddress = other.getAttribute("data-address");
      clickAndConfirm(browser, other, "Leave");
      await(browser, otherAddress + " left", d -> memberRows(browser).size() == 1
          && memberRows(browser).get(0).getText().contains("Up"));
      await(browser, "the node that left has stopped", d -> cluster.state(1) != dev.scheduler.harness.chaos.NodeState.RUNNING);
      browser.screenshot("second-node-left-gracefully");
    }
  }

  /**
   * The charts' figures from two stats answers, computed by the page's own module: a node missing
   * from the first answer is left out, a node whose counters went down (it restarted) counts from
   * zero, histograms add up bound by bound and the p99 is the bound it falls under.
   */
  @SuppressWarnings("unchecked")
  private static void chartArithmeticIsRight(HeadlessChromium browser) {
    Map<String, Object> before = Map.of("nodes", List.of(
        statsOf("a", "2027-03-01T09:00:00Z", 10, 0, 1, List.of(10, 10, 10), 10),
        statsOf("c", "2027-03-01T09:00:00Z", 100, 0, 0, List.of(50, 90, 100), 100)));
    Map<String, Object> after = Map.of("nodes", List.of(
        statsOf("a", "2027-03-01T09:00:02Z", 30, 4, 1, List.of(20, 28, 30), 30),
        statsOf("b", "2027-03-01T09:00:02Z", 999, 999, 999, List.of(999, 999, 999), 999),
        statsOf("c", "2027-03-01T09:00:02Z", 5, 0, 0, List.of(0, 0, 5), 5)));
    Map<String, Object> figures = (Map<String, Object>) browser.driver.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "import('/web/admin-stats.js').then(m => done(m.intervalFigures(arguments[0], arguments[1])));",
        before, after);
    assertThat(((Number) figures.get("bookingsPerSecond")).doubleValue()).isEqualTo(12.5);
    assertThat(((Number) figures.get("conflictsPerSecond")).doubleValue()).isEqualTo(2.0);
    assertThat(((Number) figures.get("unavailablePerSecond")).doubleValue()).isZero();
    assertThat(((Number) figures.get("bookingP99Seconds")).doubleValue()).isEqualTo(0.05);
    assertThat(figures.get("journalWriteP99Seconds")).isNull();
  }

  private static Map<String, Object> statsOf(String node, String at, long created, long conflicts, long unavailable,
      List<Integer> bookingBuckets, long bookings) {
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("address", "pekko://scheduler@" + node + ":1");
    stats.put("sampledAt", at);
    stats.put("bookingsCreated", created);
    stats.put("bookingConflicts", conflicts);
    stats.put("responses409", conflicts);
    stats.put("responses503", unavailable);
    stats.put("bookingLatency", Map.of("upperBoundsSeconds", List.of(0.005, 0.01, 0.05),
        "cumulativeCounts", bookingBuckets, "count", bookings));
    stats.put("journalWriteLatency", Map.of("upperBoundsSeconds", List.of(), "cumulativeCounts", List.of(),
        "count", 0));
    return stats;
  }

  private static void signIn(HeadlessChromium browser, String adminToken) {
    browser.waitVisible("admin-token").sendKeys(adminToken);
    browser.driver.findElement(By.id("sign-in")).click();
    browser.waitVisible("console");
    assertThat(browser.driver.getCurrentUrl()).as("the token never goes into the URL").doesNotContain(adminToken);
  }

  private static void lookUp(HeadlessChromium browser, String hostId) {
    WebElement field = browser.waitVisible("host-id");
    field.clear();
    field.sendKeys(hostId);
    browser.driver.findElement(By.id("host-lookup")).click();
    browser.waitVisible("host");
  }

  /** Looks the host up again until its connection shows {@code status}. */
  private static WebElement awaitConnection(HeadlessChromium browser, String connectionId, String status) {
    String hostId = browser.driver.findElement(By.id("host-id")).getAttribute("value");
    await(browser, "connection " + connectionId + " " + status, d -> {
      List<WebElement> rows = connectionRows(browser, connectionId);
      if (!rows.isEmpty() && status.equals(rows.get(0).getAttribute("data-status"))) {
        return true;
      }
      lookUp(browser, hostId);
      return false;
    });
    return connectionRows(browser, connectionId).get(0);
  }

  /** Clicks the row's button and accepts the console's confirmation. */
  private static void clickAndConfirm(HeadlessChromium browser, WebElement row, String label) {
    row.findElement(By.xpath(".//button[text()='" + label + "']")).click();
    new WebDriverWait(browser.driver, PATIENCE).until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent())
        .accept();
  }

  private static List<WebElement> connectionRows(HeadlessChromium browser, String connectionId) {
    return browser.driver.findElements(By.cssSelector("#host-connections tr[data-connection='" + connectionId + "']"));
  }

  /** Books distinct slots from six threads over the three nodes until the console's chart shows bookings. */
  private static int bookWhileWatching(ProcessCluster cluster, Host host, HeadlessChromium browser)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger created = new AtomicInteger();
    Instant first = LocalDate.now(ZoneOffset.UTC).plusDays(7).atStartOfDay().toInstant(ZoneOffset.UTC);
    ExecutorService clients = Executors.newFixedThreadPool(6);
    for (int t = 0; t < 6; t++) {
      SchedulerApiClient node = new SchedulerApiClient(cluster.nodeUrls().get(t % 3).toString());
      clients.submit(() -> {
        while (!stop.get()) {
          Instant start = first.plus(30L * next.getAndIncrement(), ChronoUnit.MINUTES);
          ApiResponse answer = node.book(host.id, null, Map.of("eventType", "intro", "start", start.toString(),
              "invitee", Map.of("name", "Load", "email", "load@example.com", "timeZone", "UTC")), null);
          created.addAndGet(answer.status() == 201 ? 1 : 0);
        }
      });
    }
    try {
      await(browser, "the booking rate to rise", d -> {
        String value = raw(browser, "rate-bookings");
        return !value.isEmpty() && Double.parseDouble(value) >= 1.0;
      });
    } finally {
      stop.set(true);
      clients.shutdown();
      clients.awaitTermination(30, TimeUnit.SECONDS);
    }
    return created.get();
  }

  private static List<WebElement> memberRows(HeadlessChromium browser) {
    return browser.driver.findElements(By.cssSelector("#members tbody tr"));
  }

  private static void awaitMembers(HeadlessChromium browser, int count,
      java.util.function.Predicate<List<WebElement>> condition) {
    await(browser, count + " members", d -> {
      List<WebElement> rows = memberRows(browser);
      return rows.size() == count && condition.test(rows);
    });
  }

  private static String raw(HeadlessChromium browser, String id) {
    String value = browser.driver.findElement(By.id(id)).getAttribute("data-raw");
    return value == null ? "" : value;
  }

  private static void await(HeadlessChromium browser, String what,
      java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
    // The console redraws its tables every 2 s: an element found just before a redraw goes stale.
    new WebDriverWait(browser.driver, PATIENCE).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .withMessage(() -> what + "; the page reads: " + browser.driver.findElement(By.tagName("body")).getText())
        .until(condition);
  }

  private static ApiResponse ok(ApiResponse response) {
    assertThat(response.isSuccess()).as(response.toString()).isTrue();
    return response;
  }

  /** The feed's dates as iCalendar's basic format (20270304T100000Z). */
  private static String icsDates(String feed) {
    return feed.replaceAll("(\\d{4})-(\\d{2})-(\\d{2})T", "$1$2$3T");
  }

  /** A host open around the clock in UTC with a 30-minute event type. */
  private record Host(String id, String token, String name) {
    static Host create(SchedulerApiClient api, String adminToken) {
      JsonNode created = ok(api.createHost(adminToken, "Console Host", "console@example.com", "UTC")).json();
      Host host = new Host(created.path("id").asText(), created.path("apiToken").asText(), "Console Host");
      Map<String, Object> weekly = new LinkedHashMap<>();
      for (DayOfWeek day : DayOfWeek.values()) {
        weekly.put(day.name(), List.of(Map.of("start", "00:00", "end", "24:00")));
      }
      ok(api.putSchedule(host.id, host.token, Map.of("timeZone", "UTC", "weekly", weekly, "overrides", List.of())));
      ok(api.putEventType(host.id, host.token, "intro", Map.of("title", "Intro", "durationMinutes", 30)));
      return host;
    }
  }
}
