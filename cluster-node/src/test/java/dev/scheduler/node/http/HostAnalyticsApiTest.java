package dev.scheduler.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.TestNodes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Host analytics over real HTTP, from the read side: bookings made, moved and cancelled around the
 * start of daylight saving time in New York (02:00 EST to 03:00 EDT on Sunday 2027-03-14). The read
 * side lags the journal, so each answer is awaited until its {@code asOf} covers the last write.
 */
class HostAnalyticsApiTest extends NodeApiTestBase {
  /** Monday 2027-03-08 00:00 EST to Monday 2027-03-22 00:00 EDT: two weeks in New York. */
  static final String FROM = "2027-03-08T05:00:00Z";
  static final String TO = "2027-03-22T04:00:00Z";

  @Test
  void everyFigureComesFromTheReadSideInTheHostsZone() {
    ApiFixture ann = host();
    ApiFixture other = host();

    // Booked now (Monday 2027-03-01 13:00Z), lead times in minutes in the comments.
    book(ann, "2027-03-12T14:00:00Z");                       // Friday 09:00 EST; 15,900
    book(ann, "2027-03-14T07:00:00Z");                       // Sunday 03:00 EDT, after the jump; 18,360
    book(ann, "2027-03-15T03:00:00Z");                       // Sunday 23:00 EDT: still the week of 03-08; 19,560
    String conflict = book(ann, "2027-03-10T15:00:00Z");      // Wednesday 10:00 EST, cancelled
    clock.set(NOW.plus(Duration.ofHours(1)));
    String moved = book(ann, "2027-03-16T13:00:00Z");         // moved to Wednesday 09:00 EDT; 22,980
    String sick = book(ann, "2027-03-16T15:00:00Z");          // cancelled
    String movedThenSick = book(ann, "2027-03-16T16:00:00Z"); // moved to Thursday, then cancelled
    ok(api.reschedule(ann.hostId(), moved, ann.token(), Instant.parse("2027-03-17T13:00:00Z")));
    ok(api.reschedule(ann.hostId(), movedThenSick, ann.token(), Instant.parse("2027-03-18T16:00:00Z")));
    ok(api.cancel(ann.hostId(), sick, ann.token(), " Sick "));
    ok(api.cancel(ann.hostId(), conflict, ann.token(), "Conflict"));
    book(ann, "2027-03-22T04:00:00Z");                       // Monday 00:00 EDT: just after the range
    Instant beforeAnnsLastWrite = nextMillisecond();
    ok(api.cancel(ann.hostId(), movedThenSick, ann.token(), "Sick"));
    Instant beforeOthersLastWrite = nextMillisecond();
    book(other, "2027-03-12T15:00:00Z");

    JsonNode figures = awaitAsOf(ann, ann.token(), beforeAnnsLastWrite);
    assertThat(figures.path("hostId").asText()).isEqualTo(ann.hostId());
    assertThat(figures.path("timeZone").asText()).isEqualTo(NEW_YORK);
    assertThat(figures.path("from").asText()).isEqualTo(FROM);
    assertThat(figures.path("to").asText()).isEqualTo(TO);
    assertThat(figures.path("bookings")).isEqualTo(json(Map.of("confirmed", 4, "cancelled", 3, "rescheduled", 2)));
    assertThat(figures.path("perWeek")).isEqualTo(json(List.of(
        Map.of("weekStart", "2027-03-08", "confirmed", 3, "cancelled", 1),
        Map.of("weekStart", "2027-03-15", "confirmed", 1, "cancelled", 2))));
    assertThat(figures.path("cancellationReasons")).isEqualTo(json(List.of(
        Map.of("reason", "Sick", "count", 2), Map.of("reason", "Conflict", "count", 1))));
    assertThat(figures.path("leadTimeMinutes")).isEqualTo(json(Map.of("median", 18_360, "p90", 22_980)));
    assertThat(counts(figures.path("byWeekday"), "day"))
        .isEqualTo(Map.of("FRIDAY", 1L, "SUNDAY", 2L, "WEDNESDAY", 1L));
    assertThat(figures.path("byWeekday")).hasSize(7);
    assertThat(figures.path("byWeekday").get(0).path("day").asText()).isEqualTo("MONDAY");
    assertThat(counts(figures.path("byHour"), "hour")).isEqualTo(Map.of("9", 2L, "3", 1L, "23", 1L));
    assertThat(figures.path("byHour")).hasSize(24);

    // The other host's booking is only in its own answer, which the admin may read too.
    JsonNode others = awaitAsOf(other, TestNodes.ADMIN_TOKEN, beforeOthersLastWrite);
    assertThat(others.path("bookings")).isEqualTo(json(Map.of("confirmed", 1, "cancelled", 0, "rescheduled", 0)));
    assertThat(counts(others.path("byHour"), "hour")).isEqualTo(Map.of("10", 1L));
  }

  @Test
  void withoutARangeTheLast12WeeksUpToNowAreShown() {
    ApiFixture ann = host();
    ApiResponse answer = api.get("/api/v1/hosts/" + ann.hostId() + "/analytics", ann.token());
    ok(answer);
    assertThat(answer.json().path("to").asText()).isEqualTo(NOW.toString());
    assertThat(answer.json().path("from").asText()).isEqualTo(NOW.minus(Duration.ofDays(84)).toString());
    assertThat(answer.json().path("perWeek")).hasSize(13); // 12 weeks back from a Monday 08:00, both ends partial
  }

  @Test
  void onlyTheHostAndTheAdminMayReadIt() {
    ApiFixture ann = host();
    ApiFixture other = host();
    ApiResponse booked = api.book(ann.hostId(), null, Bodies.booking("intro", "2027-03-12T14:00:00Z", "Europe/Paris"),
        null);
    ok(booked);
    String path = "/api/v1/hosts/" + ann.hostId() + "/analytics?from=" + FROM + "&to=" + TO;

    assertError(api.get(path, null), 401, "unauthorized");
    assertError(api.get(path, "not-a-token"), 401, "unauthorized");
    assertError(api.get(path, other.token()), 403, "forbidden");
    assertError(api.get(path, booked.json().path("bookingToken").asText()), 403, "forbidden");
    ok(api.get(path, TestNodes.ADMIN_TOKEN));
    assertError(api.get("/api/v1/hosts/aaaaaaaaaaaaaaaaaaaa/analytics", TestNodes.ADMIN_TOKEN), 404, "not_found");
  }

  @Test
  void aBadRangeIs400() {
    ApiFixture ann = host();
    String path = "/api/v1/hosts/" + ann.hostId() + "/analytics";
    assertError(api.get(path + "?from=2027-03-08", ann.token()), 400, "invalid_request");
    assertError(api.get(path + "?from=" + TO + "&to=" + FROM, ann.token()), 400, "invalid_request");
    assertError(api.get(path + "?from=" + FROM + "&to=" + FROM, ann.token()), 400, "invalid_request");
    assertError(api.get(path + "?from=2026-01-01T00:00:00Z&to=2027-02-05T00:00:01Z", ann.token()),
        400, "invalid_request");
    ok(api.get(path + "?from=2026-01-01T00:00:00Z&to=2027-02-05T00:00:00Z", ann.token())); // 400 days exactly
  }

  private static ApiFixture host() {
    return ApiFixture.newHost(api, NEW_YORK)
        .schedule(Bodies.everyDay(NEW_YORK, "00:00", "24:00"))
        .eventType("intro", Bodies.eventType(60));
  }

  private static String book(ApiFixture host, String start) {
    ApiResponse booked = api.book(host.hostId(), host.token(), Bodies.booking("intro", start, "Europe/Paris"), null);
    ok(booked);
    return booked.json().path("id").asText();
  }

  private static void ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isBetween(200, 201);
  }

  /** Asks until the read side has applied an event of the host written at or after {@code writtenFrom}. */
  private static JsonNode awaitAsOf(ApiFixture host, String token, Instant writtenFrom) {
    String path = "/api/v1/hosts/" + host.hostId() + "/analytics?from=" + FROM + "&to=" + TO;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      ApiResponse answer = api.get(path, token);
      ok(answer);
      JsonNode asOf = answer.json().path("asOf");
      if (!asOf.isNull() && !Instant.parse(asOf.asText()).isBefore(writtenFrom)) {
        return answer.json();
      }
      assertThat(System.nanoTime()).as("asOf covers %s within 60 s; last answer %s", writtenFrom, answer)
          .isLessThan(deadline);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * A journal time (milliseconds) after every write acknowledged so far and at or before the next:
   * an asOf at or after it covers the next write.
   */
  private static Instant nextMillisecond() {
    Instant now = Instant.now();
    Instant next = now.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
    while (Instant.now().isBefore(next)) {
      Thread.onSpinWait();
    }
    return next;
  }

  private static Map<String, Long> counts(JsonNode buckets, String key) {
    Map<String, Long> nonZero = new LinkedHashMap<>();
    for (JsonNode bucket : buckets) {
      if (bucket.path("count").asLong() > 0) {
        nonZero.put(bucket.path(key).asText(), bucket.path("count").asLong());
      }
    }
    return nonZero;
  }

  private static JsonNode json(Object value) {
    return dev.scheduler.harness.client.SchedulerApiClient.MAPPER.valueToTree(value);
  }
}
