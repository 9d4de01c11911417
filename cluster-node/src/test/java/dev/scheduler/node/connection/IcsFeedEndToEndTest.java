package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.node.testkit.TestNodes;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real feed over real HTTP, read by the node's own ICS source: a weekly Tuesday 10:00 meeting in
 * Amsterdam with one excluded date and one moved instance, across the end of summer time. The
 * host's slots show exactly the right gaps, and an unchanged feed is answered with 304.
 */
class IcsFeedEndToEndTest {
  private static final String AMSTERDAM = "Europe/Amsterdam";
  private static final String FEED = String.join("\r\n",
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
      "BEGIN:VTIMEZONE", "TZID:Europe/Amsterdam",
      "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
      "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
      "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
      "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE",
      "BEGIN:VEVENT", "UID:weekly-sync@example.com", "SUMMARY:Weekly sync",
      "DTSTART;TZID=Europe/Amsterdam:20271005T100000", "DTEND;TZID=Europe/Amsterdam:20271005T110000",
      "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=6", "EXDATE;TZID=Europe/Amsterdam:20271019T100000", "END:VEVENT",
      "BEGIN:VEVENT", "UID:weekly-sync@example.com", "SUMMARY:Weekly sync (moved)",
      "RECURRENCE-ID;TZID=Europe/Amsterdam:20271102T100000",
      "DTSTART;TZID=Europe/Amsterdam:20271102T140000", "DTEND;TZID=Europe/Amsterdam:20271102T150000", "END:VEVENT",
      "BEGIN:VEVENT", "UID:floating@example.com", "SUMMARY:Floating: the host's own wall clock",
      "DTSTART:20271124T090000", "DTEND:20271124T100000", "END:VEVENT",
      "END:VCALENDAR", "");

  @TempDir Path dataDir;

  @Test
  void theFeedBlocksExactlyItsInstancesAcrossTheDstChange() throws Exception {
    AtomicInteger fullAnswers = new AtomicInteger();
    AtomicInteger notModified = new AtomicInteger();
    HttpServer feedServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    feedServer.createContext("/ann.ics", exchange -> {
      if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        notModified.incrementAndGet();
        exchange.sendResponseHeaders(304, -1);
      } else {
        byte[] body = FEED.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/calendar");
        exchange.getResponseHeaders().add("ETag", "\"v1\"");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        fullAnswers.incrementAndGet();
      }
      exchange.close();
    });
    feedServer.start();
    try (SchedulerNode node = SchedulerNode.start(TestNodes.config(dataDir, null, 0, List.of(), Map.of(
            "scheduler.ics.allow-private-addresses", "on", "scheduler.sync.poll-interval", "300ms")),
        new MutableClock(Instant.parse("2027-10-01T08:00:00Z")))) {
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      ApiFixture host = ApiFixture.newHost(api, AMSTERDAM)
          .schedule(Bodies.weekdays(AMSTERDAM, "09:00", "17:00"))
          .eventType("intro", Bodies.eventType(60));
      String url = "http://127.0.0.1:" + feedServer.getAddress().getPort() + "/ann.ics";
      ApiResponse added = api.post("/api/v1/hosts/" + host.hostId() + "/calendars/ics", host.token(),
          Map.of("url", url), Map.of());
      assertThat(added.status()).as(added.toString()).isEqualTo(201);
      awaitBusyIntervals(api, host, 6);

      assertThat(freeLocalTimes(api, host, "2027-10-05")).doesNotContain("10:00").contains("09:00", "11:00");
      assertThat(freeLocalTimes(api, host, "2027-10-12")).doesNotContain("10:00");
      assertThat(freeLocalTimes(api, host, "2027-10-19")).as("the excluded date").contains("10:00");
      assertThat(freeLocalTimes(api, host, "2027-10-26")).doesNotContain("10:00");
      assertThat(freeLocalTimes(api, host, "2027-11-02")).as("the moved instance, after the DST change")
          .contains("10:00").doesNotContain("14:00");
      assertThat(freeLocalTimes(api, host, "2027-11-09")).doesNotContain("10:00").contains("09:00", "11:00");
      assertThat(freeLocalTimes(api, host, "2027-11-16")).as("after the series' COUNT").contains("10:00");
      assertThat(freeLocalTimes(api, host, "2027-11-24")).as("a floating time is the host's wall clock")
          .doesNotContain("09:00").contains("10:00");

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (notModified.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(notModified.get()).as("polls of an unchanged feed are conditional GETs").isPositive();
      assertThat(fullAnswers.get()).isEqualTo(1);
    } finally {
      feedServer.stop(0);
    }
  }

  private static List<String> freeLocalTimes(SchedulerApiClient api, ApiFixture host, String date) {
    LocalDate day = LocalDate.parse(date);
    ApiResponse slots = api.slots(host.hostId(), "intro", day, day, null);
    assertThat(slots.status()).as(slots.toString()).isEqualTo(200);
    List<String> times = new ArrayList<>();
    for (JsonNode slot : slots.json().at("/days/0/slots")) {
      times.add(slot.get("localStart").asText().substring(11, 16));
    }
    return times;
  }

  private static void awaitBusyIntervals(SchedulerApiClient api, ApiFixture host, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = api.get("/api/v1/hosts/" + host.hostId() + "/calendars", host.token()).json().at("/calendars/0");
      if ("ok".equals(last.path("status").asText()) && last.path("busyIntervals").asInt() == expected) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the feed's connection did not sync " + expected + " busy intervals; last seen " + last);
  }
}
