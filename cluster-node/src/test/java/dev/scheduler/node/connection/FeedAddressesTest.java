package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.FeedConnections;
import dev.scheduler.node.testkit.FeedServer;
import dev.scheduler.node.testkit.TestNodes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds cannot reach inside the network. A "public" publisher (a local server the node is told to
 * treat as allowed, by exact address and port) redirects to loopback, private, metadata and
 * unique-local addresses: each hop is checked and refused, the inside server is never asked, and
 * the host's error names the category only. Feeds pasted with such addresses are refused directly.
 */
class FeedAddressesTest {
  private static final String REFUSED = "The feed's address is not allowed (it is not a public internet address)";

  @TempDir Path dataDir;

  @Test
  void redirectsAndAddressesInsideTheNetworkAreRefusedHopByHop() throws Exception {
    try (FeedServer inside = new FeedServer(); FeedServer publisher = new FeedServer()) {
      inside.serve("/secret.ics", 200, feed()).serve("/admin", 404, "");
      publisher.serve("/good.ics", 200, feed())
          .redirect("/to-loopback.ics", inside.url("/secret.ics"))
          .redirect("/to-loopback-404", inside.url("/admin"))
          .redirect("/to-private.ics", "http://10.0.0.1/feed.ics")
          .redirect("/to-metadata.ics", "http://169.254.169.254/latest/meta-data/")
          .redirect("/to-ula.ics", "http://[fd00::1]/feed.ics")
          .redirect("/to-mapped.ics", "http://[::ffff:127.0.0.1]:" + inside.port() + "/secret.ics")
          .redirect("/hop1.ics", publisher.url("/hop2.ics"))
          .redirect("/hop2.ics", inside.url("/secret.ics"));
      Map<String, Object> settings = Map.of("scheduler.ics.allow-private-addresses", "off",
          "scheduler.ics.allowed-addresses", "127.0.0.1:" + publisher.port());
      try (SchedulerNode node = SchedulerNode.start(TestNodes.config(dataDir, null, 0, List.of(), settings),
          Clock.systemUTC())) {
        ApiFixture host = ApiFixture.newHost(new SchedulerApiClient(node.baseUrl()), "UTC")
            .schedule(Bodies.everyDay("UTC", "09:00", "17:00")).eventType("intro", Bodies.eventType(30));

        String good = FeedConnections.add(host, publisher.url("/good.ics"));
        FeedConnections.await(host, good, Duration.ofSeconds(20), FeedConnections.status("ok"));

        Map<String, String> refused = new LinkedHashMap<>();
        for (String path : List.of("/to-loopback.ics", "/to-loopback-404", "/to-private.ics", "/to-metadata.ics",
            "/to-ula.ics", "/to-mapped.ics", "/hop1.ics")) {
          refused.put(path, FeedConnections.add(host, publisher.url(path)));
        }
        refused.put("direct loopback", FeedConnections.add(host, inside.url("/secret.ics")));
        refused.put("direct ULA", FeedConnections.add(host, "http://[fd12:3456::1]:8080/feed.ics"));
        refused.put("direct metadata", FeedConnections.add(host, "http://169.254.169.254/latest/meta-data/"));
        refused.put("direct CGNAT", FeedConnections.add(host, "http://100.64.0.1/feed.ics"));

        Instant started = Instant.now();
        for (Map.Entry<String, String> feed : refused.entrySet()) {
          JsonNode view = FeedConnections.await(host, feed.getValue(), Duration.ofSeconds(20),
              FeedConnections.status("quarantined"));
          assertThat(view.path("lastError").asText()).as(feed.getKey()).isEqualTo(REFUSED);
          assertThat(view.path("busyIntervals").asInt()).as(feed.getKey()).isZero();
        }
        System.out.printf("%d feeds into the network refused within %d ms; the inside server was asked %d times%n",
            refused.size(), Duration.between(started, Instant.now()).toMillis(), inside.allHits());
        assertThat(inside.allHits()).as("the inside server is never asked").isZero();
        assertThat(publisher.hits("/hop2.ics")).as("the second hop is read, the third refused").isEqualTo(1);
      }
    }
  }

  private static String feed() {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:a\r\n"
        + "DTSTART:20300101T100000Z\r\nDTEND:20300101T110000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  }
}
