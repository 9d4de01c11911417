package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.ShardedEntityClient;
import dev.scheduler.node.provider.ProviderException;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.node.testkit.TestNodes;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarCommand.AddConnection;
import dev.scheduler.protocol.calendar.HostCalendarReplies.ConnectionList;
import dev.scheduler.protocol.connection.ProviderKind;
import dev.scheduler.protocol.model.Interval;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection's sync seen through the API, with a scripted provider: its busy time blocks slots,
 * its status and last error are shown, failures keep the last busy time, a revoked grant
 * disconnects it, and removing it frees the time.
 */
class ConnectionSyncApiTest {
  private static final Instant NOW = Instant.parse("2027-03-01T13:00:00Z");
  private static final Interval TUESDAY_NINE = new Interval(Instant.parse("2027-03-02T14:00:00Z"),
      Instant.parse("2027-03-02T15:00:00Z"));
  private static final LocalDate TUESDAY = LocalDate.parse("2027-03-02");

  @TempDir static Path dataDir;
  static SchedulerNode node;
  static SchedulerApiClient api;
  static ScriptedSources provider = new ScriptedSources();

  @BeforeAll
  static void start() {
    node = SchedulerNode.start(TestNodes.config(dataDir, null, 0, List.of(), Map.of(
        "scheduler.sync.poll-interval", "200ms", "scheduler.sync.retry-base", "50ms", "scheduler.sync.retry-cap", "200ms")),
        new MutableClock(NOW), provider);
    api = new SchedulerApiClient(node.baseUrl());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void aConnectionsBusyTimeBlocksSlotsUntilItIsRemoved() {
    provider.feed("https://calendar.example.com/ann.ics").setBusy(Map.of("standup", TUESDAY_NINE));
    ApiFixture host = publishedHost();
    ApiResponse added = api.post("/api/v1/hosts/" + host.hostId() + "/calendars/ics", host.token(),
        Map.of("url", "https://calendar.example.com/ann.ics"), Map.of());
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    String id = added.json().get("id").asText();
    assertThat(added.json().get("provider").asText()).isEqualTo("ics");

    JsonNode ok = awaitConnection(host, id, c -> c.get("status").asText().equals("ok"));
    assertThat(ok.get("busyIntervals").asInt()).isEqualTo(1);
    assertThat(ok.get("lastSuccessfulSync").asText()).isEqualTo(NOW.toString());
    assertThat(slotStarts(host)).doesNotContain("2027-03-02T14:00:00Z").contains("2027-03-02T15:00:00Z");

    ApiResponse removed = api.send("DELETE", "/api/v1/hosts/" + host.hostId() + "/calendars/" + id, host.token(), null, Map.of());
    assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
    assertThat(slotStarts(host)).contains("2027-03-02T14:00:00Z");
    assertThat(api.get("/api/v1/hosts/" + host.hostId() + "/calendars", host.token()).json().get("calendars")).isEmpty();
  }

  /**
   * A node that stops between the two persisted steps of connecting (the host's record, then the
   * connection's entity) leaves a connection the host lists but nothing runs for: the listing shows
   * it, disconnected, saying what to do, and removing it works, instead of every listing failing.
   */
  @Test
  void aConnectionHalfMadeWhenANodeStoppedIsListedAndCanBeRemoved() {
    ApiFixture host = publishedHost();
    String halfMade = "halfmadeconnection22";
    new ShardedEntityClient(node.system(), Duration.ofSeconds(5), new MutableClock(NOW))
        .<ConnectionList>askHost(host.hostId(), r -> new AddConnection(Access.verifiedHost(host.hostId()), halfMade,
            ProviderKind.ICS, r))
        .toCompletableFuture().join();

    ApiResponse listed = api.get("/api/v1/hosts/" + host.hostId() + "/calendars", host.token());
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    JsonNode connection = listed.json().at("/calendars/0");
    assertThat(connection.get("id").asText()).isEqualTo(halfMade);
    assertThat(connection.get("status").asText()).isEqualTo("disconnected");
    assertThat(connection.get("lastError").asText()).contains("did not finish").contains("remove it");

    ApiResponse removed = api.send("DELETE", "/api/v1/hosts/" + host.hostId() + "/calendars/" + halfMade,
        host.token(), null, Map.of());
    assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
    assertThat(api.get("/api/v1/hosts/" + host.hostId() + "/calendars", host.token()).json().get("calendars")).isEmpty();
  }

  @Test
  void failuresShowOnTheConnectionAndKeepTheLastBusyTime() {
    var feed = provider.feed("https://calendar.example.com/failing.ics").setBusy(Map.of("standup", TUESDAY_NINE));
    ApiFixture host = publishedHost();
    String id = addFeed(host, "https://calendar.example.com/failing.ics");
    awaitConnection(host, id, c -> c.get("status").asText().equals("ok"));

    for (int i = 0; i < 3; i++) {
      feed.failNext(new ProviderException.Unavailable("The feed's server failed with 503"));
    }
    JsonNode degraded = awaitConnection(host, id, c -> c.get("status").asText().equals("degraded"));
    assertThat(degraded.get("lastError").asText()).contains("503");
    assertThat(slotStarts(host)).doesNotContain("2027-03-02T14:00:00Z");

    awaitConnection(host, id, c -> c.get("status").asText().equals("ok"));
  }

  @Test
  void aRevokedGrantDisconnectsAndStopsCallingTheProvider() {
    var feed = provider.feed("https://calendar.example.com/revoked.ics").setBusy(Map.of("standup", TUESDAY_NINE));
    ApiFixture host = publishedHost();
    String id = addFeed(host, "https://calendar.example.com/revoked.ics");
    awaitConnection(host, id, c -> c.get("status").asText().equals("ok"));

    int readsBefore = feed.reads();
    feed.failNext(new ProviderException.AccessRevoked("Google no longer accepts this connection's grant (invalid_grant)"));
    JsonNode disconnected = awaitConnection(host, id, c -> c.get("status").asText().equals("disconnected"));
    assertThat(disconnected.get("lastError").asText()).contains("invalid_grant");
    assertThat(slotStarts(host)).as("the last known busy time still counts").doesNotContain("2027-03-02T14:00:00Z");
    int readsAtDisconnect = feed.reads();
    sleep(1000);
    assertThat(feed.reads()).as("no call after the grant was revoked").isEqualTo(readsAtDisconnect);
    assertThat(readsAtDisconnect).isGreaterThan(readsBefore);
  }

  @Test
  void theHostChoosesWhetherAConnectionCountsForConflicts() {
    provider.feed("https://calendar.example.com/family.ics").setBusy(Map.of("school run", TUESDAY_NINE));
    ApiFixture host = publishedHost();
    String id = addFeed(host, "https://calendar.example.com/family.ics");
    JsonNode ok = awaitConnection(host, id, c -> c.get("status").asText().equals("ok"));
    assertThat(ok.get("countsForConflicts").asBoolean()).isTrue();
    assertThat(ok.get("receivesBookings").asBoolean()).isFalse();
    assertThat(slotStarts(host)).doesNotContain("2027-03-02T14:00:00Z");

    String path = "/api/v1/hosts/" + host.hostId() + "/calendars/" + id;
    ApiResponse ignored = api.put(path, host.token(), Map.of("countsForConflicts", false));
    assertThat(ignored.status()).as(ignored.toString()).isEqualTo(200);
    assertThat(ignored.json().get("countsForConflicts").asBoolean()).isFalse();
    assertThat(slotStarts(host)).contains("2027-03-02T14:00:00Z");
    api.put(path, host.token(), Map.of("countsForConflicts", true));
    assertThat(slotStarts(host)).doesNotContain("2027-03-02T14:00:00Z");

    assertThat(api.put(path, host.token(), Map.of("receivesBookings", true)).status())
        .as("an ICS feed is read-only").isEqualTo(400);
    assertThat(api.put(path, host.token(), Map.of()).status()).isEqualTo(400);
    assertThat(api.put("/api/v1/hosts/" + host.hostId() + "/calendars/" + "d".repeat(20), host.token(),
        Map.of("countsForConflicts", false)).status()).isEqualTo(404);
  }

  @Test
  void badRequestsAreRefused() {
    ApiFixture host = publishedHost();
    ApiFixture other = publishedHost();
    String path = "/api/v1/hosts/" + host.hostId() + "/calendars/ics";
    assertThat(api.post(path, host.token(), Map.of("url", "ftp://example.com/x.ics"), Map.of()).status()).isEqualTo(400);
    assertThat(api.post(path, host.token(), Map.of(), Map.of()).status()).isEqualTo(400);
    assertThat(api.post(path, other.token(), Map.of("url", "https://example.com/x.ics"), Map.of()).status()).isEqualTo(403);
    assertThat(api.post(path, null, Map.of("url", "https://example.com/x.ics"), Map.of()).status()).isEqualTo(401);
    assertThat(api.send("DELETE", "/api/v1/hosts/" + host.hostId() + "/calendars/" + "c".repeat(20), host.token(), null,
        Map.of()).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/hosts/" + host.hostId() + "/calendars/google/connect", host.token()).status())
        .as("no Google client is configured on this node").isEqualTo(400);
  }

  private static ApiFixture publishedHost() {
    return ApiFixture.newHost(api, "America/New_York")
        .schedule(Bodies.weekdays("America/New_York", "09:00", "17:00"))
        .eventType("intro", Bodies.eventType(60));
  }

  private static String addFeed(ApiFixture host, String url) {
    ApiResponse added = api.post("/api/v1/hosts/" + host.hostId() + "/calendars/ics", host.token(),
        Map.of("url", url), Map.of());
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    return added.json().get("id").asText();
  }

  private static List<String> slotStarts(ApiFixture host) {
    List<String> starts = new java.util.ArrayList<>();
    api.slots(host.hostId(), "intro", TUESDAY, TUESDAY, null).json().at("/days/0/slots")
        .forEach(s -> starts.add(s.get("start").asText()));
    return starts;
  }

  private static JsonNode awaitConnection(ApiFixture host, String id, Predicate<JsonNode> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      for (JsonNode connection : api.get("/api/v1/hosts/" + host.hostId() + "/calendars", host.token()).json().get("calendars")) {
        if (connection.get("id").asText().equals(id)) {
          last = connection;
          if (condition.test(connection)) {
            return connection;
          }
        }
      }
      sleep(50);
    }
    throw new AssertionError("connection " + id + " never reached the expected state; last seen: " + last);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
