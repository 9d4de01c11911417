package dev.scheduler.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.node.testkit.ApiFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The busy-source flood of issue 11 (a host's token putting source after source until the node
 * ran out of heap) meets the default cap of 20 sources: the next one is 422 limit_exceeded in the
 * usual JSON shape, and clearing a source makes room again.
 */
class LimitsApiTest extends NodeApiTestBase {
  private static final Map<String, Object> ONE_INTERVAL = Map.of("intervals",
      List.of(Map.of("start", "2027-03-02T14:00:00Z", "end", "2027-03-02T15:00:00Z")));

  @Test
  void theTwentyFirstBusySourceIs422UntilOneIsCleared() {
    ApiFixture host = publishedHost();
    for (int source = 1; source <= 20; source++) {
      ApiResponse put = putBusy(host, "source-" + source, ONE_INTERVAL);
      assertThat(put.status()).as(put.toString()).isEqualTo(200);
    }

    assertError(putBusy(host, "source-21", ONE_INTERVAL), 422, "limit_exceeded");

    assertThat(putBusy(host, "source-1", Map.of("intervals", List.of())).status()).isEqualTo(200);
    assertThat(putBusy(host, "source-21", ONE_INTERVAL).status()).isEqualTo(200);
  }

  private static ApiResponse putBusy(ApiFixture host, String sourceId, Map<String, Object> body) {
    return api.put("/api/v1/hosts/" + host.hostId() + "/busy/" + sourceId, host.token(), body);
  }
}
