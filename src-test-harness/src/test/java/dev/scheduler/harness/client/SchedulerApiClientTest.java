package dev.scheduler.harness.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.process.Ports;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchedulerApiClientTest {
  private static EchoServer echo;
  private static SchedulerApiClient client;

  @BeforeAll
  static void startEcho() throws Exception {
    echo = new EchoServer();
    client = new SchedulerApiClient(echo.baseUrl() + "/");
  }

  @AfterAll
  static void stopEcho() {
    echo.close();
  }

  @Test
  void getSendsBearerTokenAndAcceptsJson() {
    ApiResponse response = client.get("/api/v1/hosts/h1/bookings/b1", "secret-token");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("x-ECHO")).isEqualTo("yes");
    JsonNode request = response.json();
    assertThat(request.path("method").asText()).isEqualTo("GET");
    assertThat(request.path("path").asText()).isEqualTo("/api/v1/hosts/h1/bookings/b1");
    assertThat(request.path("headers").path("authorization").asText()).isEqualTo("Bearer secret-token");
    assertThat(request.path("headers").path("accept").asText()).isEqualTo("application/json");
    assertThat(request.path("body").asText()).isEmpty();
  }

  @Test
  void nonSuccessStatusIsReturnedNotThrown() {
    ApiResponse response = client.send("GET", "/missing", null, null, Map.of("X-Echo-Status", "404"));
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.isSuccess()).isFalse();
    assertThat(response.json().path("headers").has("authorization")).isFalse();
  }

  @Test
  void rawBodyIsSentUntouched() {
    ApiResponse response = client.send("POST", "/api/v1/hosts", "t", "{\"name\": ", Map.of());
    assertThat(response.json().path("body").asText()).isEqualTo("{\"name\": ");
    assertThat(response.json().path("headers").path("content-type").asText()).isEqualTo("application/json");
  }

  @Test
  void createHostPostsJson() throws Exception {
    JsonNode request = client.createHost("admin", "Ada", "ada@example.com", "Europe/Berlin").json();
    assertThat(request.path("method").asText()).isEqualTo("POST");
    assertThat(request.path("path").asText()).isEqualTo("/api/v1/hosts");
    assertThat(request.path("headers").path("authorization").asText()).isEqualTo("Bearer admin");
    assertThat(SchedulerApiClient.MAPPER.readTree(request.path("body").asText())).isEqualTo(
        SchedulerApiClient.MAPPER.readTree(
            "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"timeZone\":\"Europe/Berlin\"}"));
  }

  @Test
  void scheduleAndEventTypeArePuts() {
    JsonNode schedule = client.putSchedule("h1", "tok", Map.of("timeZone", "UTC")).json();
    assertThat(schedule.path("method").asText()).isEqualTo("PUT");
    assertThat(schedule.path("path").asText()).isEqualTo("/api/v1/hosts/h1/schedule");
    assertThat(schedule.path("body").asText()).isEqualTo("{\"timeZone\":\"UTC\"}");

    JsonNode eventType = client.putEventType("h1", "tok", "30min", "{\"durationMinutes\":30}").json();
    assertThat(eventType.path("path").asText()).isEqualTo("/api/v1/hosts/h1/event-types/30min");
    assertThat(eventType.path("body").asText()).isEqualTo("{\"durationMinutes\":30}");
  }

  @Test
  void slotsQueryIsEncodedAndNullTimeZoneLeftOut() {
    JsonNode withZone = client.slots("h1", "intro call", LocalDate.of(2025, 3, 1),
        LocalDate.of(2025, 3, 7), "America/New_York").json();
    assertThat(withZone.path("path").asText()).isEqualTo("/api/v1/hosts/h1/event-types/intro%20call/slots");
    assertThat(withZone.path("query").asText())
        .isEqualTo("start=2025-03-01&end=2025-03-07&timeZone=America%2FNew_York");
    assertThat(withZone.path("headers").has("authorization")).isFalse();

    JsonNode withoutZone = client.slots("h1", "x", LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 2), null).json();
    assertThat(withoutZone.path("query").asText()).isEqualTo("start=2025-03-01&end=2025-03-02");
  }

  @Test
  void bookingSendsIdempotencyKeyOnlyWhenGiven() {
    JsonNode keyed = client.book("h1", null, Map.of("eventType", "intro"), "key-1").json();
    assertThat(keyed.path("path").asText()).isEqualTo("/api/v1/hosts/h1/bookings");
    assertThat(keyed.path("headers").path("idempotency-key").asText()).isEqualTo("key-1");
    assertThat(keyed.path("headers").has("authorization")).isFalse();

    JsonNode unkeyed = client.book("h1", "tok", Map.of("eventType", "intro"), null).json();
    assertThat(unkeyed.path("headers").has("idempotency-key")).isFalse();
  }

  @Test
  void bookingLifecycleCallsUseTheirPaths() {
    assertThat(client.getBooking("h1", "b1", "t").json().path("path").asText())
        .isEqualTo("/api/v1/hosts/h1/bookings/b1");

    JsonNode cancel = client.cancel("h1", "b1", "t", "ill").json();
    assertThat(cancel.path("path").asText()).isEqualTo("/api/v1/hosts/h1/bookings/b1/cancel");
    assertThat(cancel.path("body").asText()).isEqualTo("{\"reason\":\"ill\"}");

    JsonNode reschedule = client.reschedule("h1", "b1", "t", Instant.parse("2025-03-04T09:30:00Z")).json();
    assertThat(reschedule.path("path").asText()).isEqualTo("/api/v1/hosts/h1/bookings/b1/reschedule");
    assertThat(reschedule.path("body").asText()).isEqualTo("{\"start\":\"2025-03-04T09:30:00Z\"}");
  }

  @Test
  void listBookingsOmitsNullFilters() {
    JsonNode all = client.listBookings("h1", "t", null, null, null).json();
    assertThat(all.path("path").asText()).isEqualTo("/api/v1/hosts/h1/bookings");
    assertThat(all.path("query").isNull()).isTrue();

    JsonNode filtered = client.listBookings("h1", "t", Instant.parse("2025-03-01T00:00:00Z"),
        Instant.parse("2025-04-01T00:00:00Z"), "CONFIRMED").json();
    assertThat(filtered.path("query").asText())
        .isEqualTo("from=2025-03-01T00%3A00%3A00Z&to=2025-04-01T00%3A00%3A00Z&status=CONFIRMED");
  }

  @Test
  void copesWithHundredsOfConcurrentRequests() throws Exception {
    int requests = 300;
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<ApiResponse>> futures = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        String path = "/api/v1/hosts/h" + i + "/schedule";
        futures.add(pool.submit(() -> {
          go.await();
          return client.get(path, null);
        }));
      }
      go.countDown();
      for (int i = 0; i < requests; i++) {
        ApiResponse response = futures.get(i).get();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("path").asText()).isEqualTo("/api/v1/hosts/h" + i + "/schedule");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void noServerMeansAnExceptionNotAStatus() {
    SchedulerApiClient nowhere = new SchedulerApiClient("http://127.0.0.1:" + Ports.freePort());
    assertThatThrownBy(() -> nowhere.get("/health/ready", null)).isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void nonJsonBodyFailsWithTheBodyShown() {
    ApiResponse response = new ApiResponse(502, Map.of(), "<html>bad gateway</html>");
    assertThatThrownBy(response::json).hasMessageContaining("<html>bad gateway</html>");
    assertThat(new ApiResponse(204, Map.of(), null).json().isMissingNode()).isTrue();
  }
}
