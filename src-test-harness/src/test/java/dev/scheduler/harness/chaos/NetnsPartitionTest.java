package dev.scheduler.harness.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The script in netns mode: each stand-in node in its own namespace. A partition cuts node1 from
 * node2 and node3 both ways, while the host's clients and PostgreSQL still reach it; heal mends it.
 * Runs only where namespaces work (root, iproute2).
 */
@EnabledOnOs(OS.LINUX)
class NetnsPartitionTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void partitionCutsOneNodeFromThePeersOnlyAndHealMendsIt() throws Exception {
    assumeTrue(ScriptClusterFixture.installedPostgres().isPresent(), "the script needs installed PostgreSQL binaries");
    String reason = NetnsSupport.unavailableReason().orElse(null);
    assumeTrue(reason == null, () -> "no network namespaces here: " + reason);
    try (ScriptClusterFixture fixture = new ScriptClusterFixture()) {
      String net = "10.79." + ThreadLocalRandom.current().nextInt(1, 250);
      fixture.env.put("LOCAL_CLUSTER_NET", net);
      fixture.env.put("LOCAL_CLUSTER_NETNS_TAG", "cht");
      int remoteBase = Integer.parseInt(fixture.env.get("LOCAL_CLUSTER_REMOTE_BASE"));
      int pgPort = Integer.parseInt(fixture.env.get("LOCAL_CLUSTER_PG_PORT"));
      try (ScriptCluster cluster = ScriptCluster.start(fixture.script, fixture.env, true)) {
        assertThat(cluster.mode()).isEqualTo("netns");
        assertThat(cluster.canPartition()).isTrue();
        assertThat(cluster.nodeUrls().get(0)).isEqualTo(URI.create("http://" + net + ".11:"
            + (Integer.parseInt(fixture.env.get("LOCAL_CLUSTER_HTTP_BASE")) + 1)));
        String remote1 = net + ".11:" + (remoteBase + 1);
        String remote2 = net + ".12:" + (remoteBase + 2);
        String remote3 = net + ".13:" + (remoteBase + 3);
        String database = net + ".1:" + pgPort;
        assertThat(probe(cluster, 0, remote2)).isEqualTo(200);
        assertThat(probe(cluster, 1, remote1)).isEqualTo(200);

        cluster.partition(0);
        assertThat(probe(cluster, 0, remote2)).isEqualTo(503);
        assertThat(probe(cluster, 0, remote3)).isEqualTo(503);
        assertThat(probe(cluster, 1, remote1)).isEqualTo(503);
        assertThat(probe(cluster, 2, remote1)).isEqualTo(503);
        assertThat(probe(cluster, 1, remote3)).isEqualTo(200);
        assertThat(probe(cluster, 0, database)).as("the cut node still reaches PostgreSQL").isEqualTo(200);
        assertThat(ClusterHealth.ready(cluster.nodeUrls().get(0))).as("clients still reach the cut node").isTrue();

        cluster.heal(0);
        assertThat(probe(cluster, 0, remote2)).isEqualTo(200);
        assertThat(probe(cluster, 2, remote1)).isEqualTo(200);

        // A killed node in its namespace starts again there.
        cluster.kill(2);
        cluster.start(2);
        assertThat(probe(cluster, 2, remote1)).isEqualTo(200);
      }
      assertThat(ShellCommand.run(java.util.List.of("ip", "netns", "list"), java.util.Map.of(), Duration.ofSeconds(10))
          .output()).doesNotContain("cht-node");
    }
  }

  /** Asks node {@code from} to open a TCP connection to {@code address}: 200 reachable, 503 not. */
  private static int probe(ScriptCluster cluster, int from, String address) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(cluster.nodeUrls().get(from).resolve("/probe?address=" + address))
        .timeout(Duration.ofSeconds(5)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
