package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.harness.google.FakeGoogleCalendar;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.GoogleTestNode;
import dev.scheduler.node.testkit.GoogleTestNode.Connection;
import dev.scheduler.node.testkit.TestNodes;
import dev.scheduler.node.testkit.UtcDay;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator console's write-back controls against a node and a fake Google calendar: a write the
 * calendar refused for good is retried through the API and lands; the write-back outbox shows a
 * hanging calendar's pending write until it lands, to the admin token only.
 */
class WriteBackControlsTest {
  private static final String EVENTS = "/calendar/v3/calendars/[^/]+/events";

  @TempDir static Path dataDir;
  static GoogleTestNode node;
  static FakeGoogleCalendar google;
  static SchedulerApiClient api;

  @BeforeAll
  static void start() {
    node = GoogleTestNode.builder()
        .push(false)
        .pollInterval(Duration.ofHours(1))
        .retry(Duration.ofMillis(100), Duration.ofMillis(500))
        .awaitTimeout(Duration.ofSeconds(30))
        .start(dataDir);
    google = node.google();
    api = node.api();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void aWriteTheCalendarRefusedIsRetriedThroughTheApiAndLands() throws Exception {
    ApiFixture host = node.publishedHost();
    google.addUser("refused@example.com", ZoneOffset.UTC);
    node.connectAndSync(host, "refused@example.com");
    google.faults().on("POST", EVENTS).times(1).respond(400);
    String booking = node.book(host, UtcDay.inDays(7).at(9)).json().get("id").asText();
    JsonNode failed = node.awaitWriteStatus(host, booking, "failed");
    assertThat(failed.at("/calendarWrite/reason").asText()).isNotBlank();
    assertThat(google.events("refused@example.com")).isEmpty();

    String retry = "/api/v1/hosts/" + host.hostId() + "/bookings/" + booking + "/calendar-write/retry";
    ApiResponse retried = api.post(retry, TestNodes.ADMIN_TOKEN, Map.of(), Map.of());
    assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
    assertThat(retried.json().at("/calendarWrite/status").asText()).isIn("pending", "written");

    node.awaitWriteStatus(host, booking, "written");
    assertThat(google.events("refused@example.com")).hasSize(1);
    ApiResponse again = api.post(retry, host.token(), Map.of(), Map.of());
    assertThat(again.status()).as(again.toString()).isEqualTo(409);
    assertThat(again.json().get("error").asText()).isEqualTo("conflict");
    assertThat(api.post("/api/v1/hosts/" + host.hostId() + "/bookings/" + "z".repeat(20) + "/calendar-write/retry",
        host.token(), Map.of(), Map.of()).status()).isEqualTo(404);
  }

  @Test
  void theOutboxShowsAHangingCalendarsPendingWriteToTheAdminOnly() throws Exception {
    ApiFixture host = node.publishedHost();
    google.addUser("hanging@example.com", ZoneOffset.UTC);
    Connection connection = node.connectAndSync(host, "hanging@example.com");
    String outbox = "/api/v1/admin/hosts/" + host.hostId() + "/write-back";
    assertThat(api.get(outbox, null).status()).isEqualTo(401);
    assertThat(api.get(outbox, host.token()).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/admin/hosts/" + "z".repeat(20) + "/write-back", TestNodes.ADMIN_TOKEN).status())
        .isEqualTo(404);

    google.faults().on("POST", EVENTS).times(1).delay(Duration.ofSeconds(6));
    String booking = node.book(host, UtcDay.inDays(8).at(10)).json().get("id").asText();
    JsonNode queue = node.awaitValue(() -> api.get(outbox, TestNodes.ADMIN_TOKEN).json().at("/connections/0"),
        q -> q.path("pending").asLong() == 1, "the pending write never showed in the outbox");
    assertThat(queue.get("connectionId").asText()).isEqualTo(connection.id());
    assertThat(queue.get("oldestPendingAt").isTextual()).isTrue();
    assertThat(queue.at("/rows/0/bookingId").asText()).isEqualTo(booking);
    assertThat(queue.at("/rows/0/action").asText()).isEqualTo("UPSERT");
    assertThat(queue.at("/rows/0/sequenceNr").asLong()).isPositive();
    assertThat(node.booking(host, booking).at("/calendarWrite/status").asText()).isEqualTo("pending");

    node.awaitWriteStatus(host, booking, "written");
    JsonNode drained = node.awaitValue(() -> api.get(outbox, TestNodes.ADMIN_TOKEN).json().at("/connections/0"),
        q -> q.path("pending").asLong() == 0, "the written row stayed in the outbox");
    assertThat(drained.get("oldestPendingAt").isNull()).isTrue();
    assertThat(drained.get("rows")).isEmpty();
  }
}
