package dev.scheduler.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.http.testkit.ApiRouteTest;
import dev.scheduler.protocol.admin.ClusterOperations;
import dev.scheduler.protocol.admin.NodeStats;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The console's admin routes: the cluster view's reachability and resolver state, a member's
 * leave (checked before it is asked), and every node's stats as the console reads them.
 */
class ClusterAdminRoutesTest extends ApiRouteTest {
  private static final String OTHER = "pekko://scheduler@10.0.0.2:25520";
  private final List<String> leaves = new CopyOnWriteArrayList<>();

  @Override
  protected ClusterOperations clusterOperations() {
    return new ClusterOperations() {
      @Override
      public CompletionStage<List<NodeStats>> gather() {
        return CompletableFuture.completedFuture(List.of(new NodeStats(OTHER, Instant.parse("2027-03-01T08:00:00Z"),
            Instant.parse("2027-03-01T09:00:00Z"), 7, 2, 2, 1,
            new NodeStats.Histogram(List.of(0.005, 0.01), List.of(5L, 7L), 7), NodeStats.Histogram.NONE,
            List.of(new NodeStats.LoggedProblem(Instant.parse("2027-03-01T08:30:00Z"), "WARN", "a.Logger", "slow")))));
      }

      @Override
      public Optional<String> leave(String address) {
        leaves.add(address);
        return OTHER.equals(address) ? Optional.of(address) : Optional.empty();
      }
    };
  }

  @Test
  void theClusterViewSaysWhatTheResolverDoes() {
    // The route tests' system never joins a cluster: members and reachability are proved against
    // three node processes in cluster-node's AdminConsoleBrowserTest.
    JsonNode body = assertOk(run(bearer(get("/api/v1/admin/cluster"), ADMIN_TOKEN)), 200);
    JsonNode sbr = body.path("splitBrainResolver");
    assertThat(sbr.path("strategy").asText()).isNotBlank();
    assertThat(sbr.path("state").asText()).isEqualTo("stable");
    assertThat(sbr.path("unreachableMembers").asInt()).isZero();
  }

  @Test
  void statsAreEveryNodesCountersHistogramsAndProblems() {
    JsonNode node = assertOk(run(bearer(get("/api/v1/admin/stats"), ADMIN_TOKEN)), 200).path("nodes").get(0);
    assertThat(node.path("address").asText()).isEqualTo(OTHER);
    assertThat(node.path("upSince").asText()).isEqualTo("2027-03-01T08:00:00Z");
    assertThat(node.path("bookingsCreated").asLong()).isEqualTo(7);
    assertThat(node.path("responses503").asLong()).isEqualTo(1);
    assertThat(node.path("bookingLatency").path("cumulativeCounts").toString()).isEqualTo("[5,7]");
    assertThat(node.path("journalWriteLatency").path("upperBoundsSeconds")).isEmpty();
    assertThat(node.path("recentProblems").get(0).path("message").asText()).isEqualTo("slow");
  }

  @Test
  void aMemberIsAskedToLeaveByItsAddress() {
    JsonNode body = assertOk(run(bearer(post("/api/v1/admin/cluster/leave", "{\"address\":\"" + OTHER + "\"}"),
        ADMIN_TOKEN)), 202);
    assertThat(body.path("status").asText()).isEqualTo("Leaving");
    assertThat(leaves).containsExactly(OTHER);
  }

  @Test
  void anUnknownMemberIs404AndAMalformedAddress400BeforeAnyoneIsAsked() {
    assertError(run(bearer(post("/api/v1/admin/cluster/leave", "{\"address\":\"pekko://scheduler@10.9.9.9:1\"}"),
        ADMIN_TOKEN)), 404, "not_found");
    assertError(run(bearer(post("/api/v1/admin/cluster/leave", "{\"address\":\"node two\"}"), ADMIN_TOKEN)),
        400, "invalid_request");
    assertError(run(bearer(post("/api/v1/admin/cluster/leave", "{}"), ADMIN_TOKEN)), 400, "invalid_request");
    assertThat(leaves).containsExactly("pekko://scheduler@10.9.9.9:1");
  }

  @Test
  void onlyTheAdminTokenMayReadStatsOrMakeAMemberLeave() {
    assertError(run(get("/api/v1/admin/stats")), 401, "unauthorized");
    assertError(run(bearer(get("/api/v1/admin/stats"), hostToken)), 403, "forbidden");
    assertError(run(post("/api/v1/admin/cluster/leave", "{\"address\":\"" + OTHER + "\"}")), 401, "unauthorized");
    assertError(run(bearer(post("/api/v1/admin/cluster/leave", "{\"address\":\"" + OTHER + "\"}"), hostToken)),
        403, "forbidden");
    assertThat(leaves).isEmpty();
  }
}
