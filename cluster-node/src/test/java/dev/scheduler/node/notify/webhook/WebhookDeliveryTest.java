package dev.scheduler.node.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.harness.postgres.PostgresTestServer;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.node.testkit.TestNodes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks end to end: a node books, reschedules and cancels over HTTP, and a receiver in the test
 * (the JDK's HTTP server) gets each event, checks every signature with the secret of the 201, and
 * sees a booking's events in order; a receiver that is down gets every event once it is back; a
 * receiver failing past the limit gets its subscription disabled; private targets are refused.
 */
class WebhookDeliveryTest {
  private static final Duration ARRIVAL = Duration.ofSeconds(60);
  private static final List<String> ALL = List.of("booking.created", "booking.cancelled", "booking.rescheduled");

  private final MutableClock clock = new MutableClock(Instant.parse("2027-03-01T13:00:00Z"));

  @TempDir Path dataDir;

  @Test
  void everyEventArrivesSignedInOrderAndTheAttemptsAreShown() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start(0, 200);
        SchedulerNode node = TestNodes.embedded(dataDir, clock, settings(Map.of()))) {
      bookRescheduleAndCancel(node, receiver);
    }
  }

  @Test
  void theSameOnPostgreSql() throws Exception {
    PostgresTestServer server = PostgresTestServer.shared();
    var db = new TestNodes.PostgresDatabase(server.createDatabase("webhooks"), server.user(), server.password());
    try (WebhookReceiver receiver = WebhookReceiver.start(0, 200);
        SchedulerNode node = SchedulerNode.start(TestNodes.config(dataDir, db, 0, List.of(), settings(Map.of())),
            clock)) {
      bookRescheduleAndCancel(node, receiver);
    }
  }

  private void bookRescheduleAndCancel(SchedulerNode node, WebhookReceiver receiver) throws Exception {
    SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
    ApiFixture host = newHost(api);
    ApiResponse created = subscribe(api, host, "http://127.0.0.1:" + receiver.port() + "/hook", ALL);
    expect(created, 201);
    String id = created.json().get("id").asText();
    String secret = created.json().get("secret").asText();
    assertThat(secret).startsWith("whsec_");
    assertThat(created.json().get("state").asText()).isEqualTo("active");
    receiver.secret(secret);

    ApiResponse shown = api.get(webhooks(host) + "/" + id, host.token());
    expect(shown, 200);
    assertThat(shown.body()).doesNotContain(secret).doesNotContain("secret");
    ApiResponse listed = api.get(webhooks(host), TestNodes.ADMIN_TOKEN);
    expect(listed, 200);
    assertThat(listed.json().get("webhooks")).hasSize(1);
    assertThat(listed.body()).doesNotContain(secret);

    String booking = book(api, host, "2027-03-02T14:00:00Z");
    expect(api.reschedule(host.hostId(), booking, host.token(), Instant.parse("2027-03-03T15:00:00Z")), 200);
    expect(api.cancel(host.hostId(), booking, host.token(), "Ill today"), 200);

    List<WebhookReceiver.Delivery> got = await(receiver, d -> d.size() >= 3, "three events");
    assertThat(got).hasSize(3).allSatisfy(d -> {
      assertThat(d.signatureValid()).as("signature of %s", d.body()).isTrue();
      assertThat(d.eventIdHeader()).isEqualTo(d.json().get("id").asText());
      assertThat(d.bookingId()).isEqualTo(booking);
    });
    assertThat(got).extracting(WebhookReceiver.Delivery::type)
        .containsExactly("booking.created", "booking.rescheduled", "booking.cancelled");
    assertThat(got.get(0).eventIdHeader()).startsWith(host.hostId() + "-");
    JsonNode last = got.get(2).json().get("booking");
    assertThat(last.get("status").asText()).isEqualTo("CANCELLED");
    assertThat(last.get("cancelReason").asText()).isEqualTo("Ill today");
    assertThat(last.get("start").asText()).isEqualTo("2027-03-03T15:00:00Z");
    assertThat(got.get(0).json().get("booking").get("start").asText()).isEqualTo("2027-03-02T14:00:00Z");

    ApiResponse attempts = awaitAttempts(api, host, id, 3);
    assertThat(attempts.json().get("deliveries")).hasSize(3).allSatisfy(a -> {
      assertThat(a.get("status").asInt()).isEqualTo(200);
      assertThat(a.get("attempt").asInt()).isEqualTo(1);
      assertThat(a.get("latencyMs").asLong()).isNotNegative();
      assertThat(a.has("at")).isTrue();
    });
    assertThat(attempts.body()).doesNotContain(secret);

    clock.advance(Duration.ofMinutes(5));
    Thread.sleep(3000);   // three more polls find nothing left to send
    assertThat(receiver.deliveries()).as("each event once").hasSize(3);

    ApiResponse deleted = api.send("DELETE", webhooks(host) + "/" + id, host.token(), null, Map.of());
    expect(deleted, 200);
    assertThat(deleted.json().get("state").asText()).isEqualTo("deleted");
    expect(api.get(webhooks(host) + "/" + id, host.token()), 404);
    book(api, host, "2027-03-04T14:00:00Z");
    Thread.sleep(3000);
    assertThat(receiver.deliveries()).as("nothing after the delete").hasSize(3);
  }

  @Test
  void aReceiverDownForAWhileGetsEveryEventInOrderPerBookingOnceItIsBack() throws Exception {
    int port = freePort();
    try (SchedulerNode node = TestNodes.embedded(dataDir, clock, settings(Map.of()))) {
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      ApiFixture host = newHost(api);
      ApiResponse created = subscribe(api, host, "http://127.0.0.1:" + port + "/hook", ALL);
      expect(created, 201);
      String id = created.json().get("id").asText();

      String first = book(api, host, "2027-03-02T14:00:00Z");
      String second = book(api, host, "2027-03-02T16:00:00Z");
      expect(api.reschedule(host.hostId(), first, host.token(), Instant.parse("2027-03-03T15:00:00Z")), 200);
      expect(api.reschedule(host.hostId(), second, host.token(), Instant.parse("2027-03-04T15:00:00Z")), 200);
      expect(api.cancel(host.hostId(), first, host.token(), "No longer needed"), 200);
      ApiResponse failing = awaitAttempts(api, host, id, 2);
      assertThat(failing.json().get("deliveries")).allSatisfy(a -> {
        assertThat(a.has("status")).isFalse();
        assertThat(a.get("error").asText()).startsWith("connection failed");
      });
      // Only the first event of each booking was tried: the later ones wait behind it.
      assertThat(failing.json().get("deliveries")).extracting(a -> a.get("eventType").asText())
          .containsOnly("booking.created");
      ApiResponse sub = api.get(webhooks(host) + "/" + id, host.token());
      assertThat(sub.json().get("state").asText()).isEqualTo("active");
      assertThat(sub.json().get("failingSince").asText()).isNotEmpty();

      try (WebhookReceiver receiver = WebhookReceiver.start(port, 200)) {
        receiver.secret(created.json().get("secret").asText());
        clock.advance(Duration.ofSeconds(10));   // past any backoff (1 s to 2 s, jitter included)
        List<WebhookReceiver.Delivery> got = await(receiver, d -> d.size() >= 5, "all five events");
        assertThat(got).hasSize(5).allSatisfy(d -> assertThat(d.signatureValid()).isTrue());
        assertThat(ofBooking(got, first)).containsExactly("booking.created", "booking.rescheduled",
            "booking.cancelled");
        assertThat(ofBooking(got, second)).containsExactly("booking.created", "booking.rescheduled");
        assertThat(got).extracting(WebhookReceiver.Delivery::eventIdHeader).doesNotHaveDuplicates();
        clock.advance(Duration.ofMinutes(5));
        Thread.sleep(3000);
        assertThat(receiver.deliveries()).as("each event once").hasSize(5);
      }
      ApiResponse after = api.get(webhooks(host) + "/" + id, host.token());
      assertThat(after.json().get("state").asText()).isEqualTo("active");
      assertThat(after.json().has("failingSince")).as("a success ends the failing streak").isFalse();
    }
  }

  @Test
  void aReceiverFailingPastTheLimitHasItsSubscriptionDisabledAndGetsNothingMore() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start(0, 500);
        SchedulerNode node = TestNodes.embedded(dataDir, clock,
            settings(Map.of("scheduler.webhooks.retry.give-up-after", "1h")))) {
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      ApiFixture host = newHost(api);
      ApiResponse created = subscribe(api, host, "http://127.0.0.1:" + receiver.port() + "/hook", ALL);
      String id = created.json().get("id").asText();
      book(api, host, "2027-03-02T14:00:00Z");
      awaitAttempts(api, host, id, 1);

      clock.advance(Duration.ofMinutes(61));
      ApiResponse disabled = awaitSubscription(api, host, id, s -> s.get("state").asText().equals("disabled"));
      assertThat(disabled.json().get("disabledReason").asText())
          .contains("every delivery failed from 2027-03-01T13:").contains("for 1h").contains("HTTP 500");
      assertThat(disabled.json().get("disabledSince").asText()).startsWith("2027-03-01T14:");
      int sent = receiver.deliveries().size();

      receiver.answer(200);
      book(api, host, "2027-03-02T16:00:00Z");
      clock.advance(Duration.ofHours(2));
      Thread.sleep(4000);
      assertThat(receiver.deliveries()).as("nothing more to a disabled subscription").hasSize(sent);
    }
  }

  @Test
  void privateTargetsAreRefusedWhenTheFlagIsOff() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start(0, 200);
        SchedulerNode node = TestNodes.embedded(dataDir, clock)) {
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      ApiFixture host = newHost(api);
      for (String url : List.of("http://127.0.0.1:" + receiver.port() + "/hook", "http://localhost/hook",
          "http://10.0.0.1/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]/hook",
          "https://[fd00::1]/hook", "http://[::ffff:127.0.0.1]/hook", "http://100.64.0.1/hook")) {
        ApiResponse refused = subscribe(api, host, url, ALL);
        expect(refused, 400);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid_request");
        assertThat(refused.json().get("message").asText())
            .isEqualTo("The webhook's address is not allowed (it is not a public internet address).");
      }
      ApiResponse bad = subscribe(api, host, "ftp://example.com/x", ALL);
      expect(bad, 400);
      ApiResponse unknownEvent = subscribe(api, host, "https://example.com/x", List.of("booking.deleted"));
      expect(unknownEvent, 400);
      assertThat(unknownEvent.json().get("message").asText()).contains("booking.deleted");
      expect(api.get(webhooks(host), null), 401);
      ApiResponse list = api.get(webhooks(host), host.token());
      expect(list, 200);
      assertThat(list.json().get("webhooks")).isEmpty();
      assertThat(receiver.deliveries()).isEmpty();
    }
  }

  private static Map<String, Object> settings(Map<String, Object> more) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("scheduler.webhooks.allow-private-addresses", "true");
    settings.put("scheduler.webhooks.retry.initial", "1s");
    settings.put("scheduler.webhooks.retry.max", "2s");
    settings.put("scheduler.webhooks.timeout", "2s");
    settings.putAll(more);
    return settings;
  }

  private static String webhooks(ApiFixture host) {
    return "/api/v1/hosts/" + host.hostId() + "/webhooks";
  }

  private static ApiResponse subscribe(SchedulerApiClient api, ApiFixture host, String url, List<String> events) {
    return api.post(webhooks(host), host.token(), Map.of("url", url, "events", events), Map.of());
  }

  private static List<String> ofBooking(List<WebhookReceiver.Delivery> got, String booking) {
    return got.stream().filter(d -> d.bookingId().equals(booking)).map(WebhookReceiver.Delivery::type).toList();
  }

  private static List<WebhookReceiver.Delivery> await(WebhookReceiver receiver,
      Predicate<List<WebhookReceiver.Delivery>> condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + ARRIVAL.toNanos();
    while (!condition.test(receiver.deliveries()) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    List<WebhookReceiver.Delivery> got = receiver.deliveries();
    assertThat(condition.test(got)).as("%s within %s; got %s", what, ARRIVAL, got).isTrue();
    return got;
  }

  private static ApiResponse awaitAttempts(SchedulerApiClient api, ApiFixture host, String id, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + ARRIVAL.toNanos();
    ApiResponse last = api.get(webhooks(host) + "/" + id + "/deliveries", host.token());
    while (last.json().get("deliveries").size() < count && System.nanoTime() < deadline) {
      Thread.sleep(200);
      last = api.get(webhooks(host) + "/" + id + "/deliveries", host.token());
    }
    assertThat(last.json().get("deliveries").size()).as("%d attempts; last %s", count, last).isGreaterThanOrEqualTo(count);
    return last;
  }

  private static ApiResponse awaitSubscription(SchedulerApiClient api, ApiFixture host, String id,
      Predicate<JsonNode> condition) throws InterruptedException {
    long deadline = System.nanoTime() + ARRIVAL.toNanos();
    ApiResponse last = api.get(webhooks(host) + "/" + id, host.token());
    while (!condition.test(last.json()) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      last = api.get(webhooks(host) + "/" + id, host.token());
    }
    assertThat(condition.test(last.json())).as("subscription %s", last).isTrue();
    return last;
  }

  private static ApiFixture newHost(SchedulerApiClient api) {
    return ApiFixture.newHost(api, "America/New_York")
        .schedule(Bodies.weekdays("America/New_York", "09:00", "17:00"))
        .eventType("intro", Bodies.eventType(30));
  }

  private static String book(SchedulerApiClient api, ApiFixture host, String start) {
    ApiResponse booked = api.book(host.hostId(), null, Bodies.booking("intro", start, "Europe/Paris"), null);
    expect(booked, 201);
    return booked.json().get("id").asText();
  }

  private static void expect(ApiResponse response, int status) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
