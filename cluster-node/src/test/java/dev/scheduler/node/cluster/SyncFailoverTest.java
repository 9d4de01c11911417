package dev.scheduler.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.protocol.connection.ConnectionEntityKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A calendar connection is a remembered entity: when the node running its sync is stopped, the
 * sync starts again on another node, and changes to the feed keep reaching the host's slots.
 */
class SyncFailoverTest {
  private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
  private static final LocalDate DAY = LocalDate.parse("2027-03-02");

  @TempDir Path dataDir;

  @Test
  void theSyncMovesWithItsConnectionWhenItsNodeStops() throws Exception {
    AtomicReference<String> busyHour = new AtomicReference<>("10");
    HttpServer feed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    feed.createContext("/feed.ics", exchange -> {
      byte[] body = ics(busyHour.get()).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    feed.start();
    try (ThreeNodeCluster cluster = ThreeNodeCluster.start(dataDir, new MutableClock(NOW),
        Map.of("scheduler.ics.allow-private-addresses", "on", "scheduler.sync.poll-interval", "300ms"))) {
      ApiFixture host = ApiFixture.newHost(cluster.client(0), "UTC")
          .schedule(Bodies.everyDay("UTC", "09:00", "17:00"))
          .eventType("intro", Bodies.eventType(60));
      ApiResponse added = cluster.client(1).post("/api/v1/hosts/" + host.hostId() + "/calendars/ics", host.token(),
          Map.of("url", "http://127.0.0.1:" + feed.getAddress().getPort() + "/feed.ics"), Map.of());
      assertThat(added.status()).as(added.toString()).isEqualTo(201);
      String connectionId = added.json().get("id").asText();
      awaitFree(cluster, host, starts -> !starts.contains("2027-03-02T10:00:00Z"));

      int running = nodeRunning(cluster, connectionId);
      cluster.stop(running);
      busyHour.set("14");

      awaitFree(cluster, host, starts -> starts.contains("2027-03-02T10:00:00Z") && !starts.contains("2027-03-02T14:00:00Z"));
      assertThat(nodeRunning(cluster, connectionId)).as("the connection runs on a surviving node").isNotNegative();
    } finally {
      feed.stop(0);
    }
  }

  private static int nodeRunning(ThreeNodeCluster cluster, String connectionId) throws Exception {
    for (int i = 0; i < cluster.nodes.size(); i++) {
      var system = cluster.nodes.get(i).system();
      CurrentShardRegionState state = AskPattern.<org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery, CurrentShardRegionState>ask(
              ClusterSharding.get(system).shardState(),
              replyTo -> new GetShardRegionState(ConnectionEntityKey.ENTITY_KEY, replyTo),
              Duration.ofSeconds(5), system.scheduler())
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      boolean here = state.getShards().stream().anyMatch(shard -> shard.getEntityIds().contains(connectionId));
      if (here) {
        return i;
      }
    }
    return -1;
  }

  private static void awaitFree(ThreeNodeCluster cluster, ApiFixture host, Predicate<List<String>> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<String> starts = List.of();
    while (System.nanoTime() < deadline) {
      starts = new ArrayList<>();
      ApiResponse slots = cluster.client(0).slots(host.hostId(), "intro", DAY, DAY, null);
      if (slots.status() == 200) {
        List<String> collected = starts;
        slots.json().at("/days/0/slots").forEach(s -> collected.add(s.get("start").asText()));
        if (condition.test(starts)) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("slots never reached the expected state; last: " + starts);
  }

  private static String ics(String hour) {
    return String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT",
        "UID:meeting@example.com", "DTSTART:20270302T" + hour + "0000Z", "DTEND:20270302T" + hour + "3000Z",
        "SUMMARY:Meeting", "END:VEVENT", "END:VCALENDAR", "");
  }
}
