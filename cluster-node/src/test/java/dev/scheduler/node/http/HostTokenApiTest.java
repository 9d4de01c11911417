package dev.scheduler.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.TestNodes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/hosts/{id}/tokens}: the host (with its token) or the admin gets a new API
 * token, shown once; the old one is refused from that answer on (HostTokenTest: after recovery too).
 */
class HostTokenApiTest extends NodeApiTestBase {

  @Test
  void theHostRotatesItsTokenAndTheOldOneIsRefusedAtOnce() {
    ApiFixture host = publishedHost();

    ApiResponse rotated = rotate(host.hostId(), host.token());
    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);
    String newToken = rotated.json().get("apiToken").asText();
    assertThat(newToken).startsWith("hst." + host.hostId() + ".").isNotEqualTo(host.token());
    assertThat(rotated.json().get("id").asText()).isEqualTo(host.hostId());

    assertError(api.get("/api/v1/hosts/" + host.hostId(), host.token()), 401, "unauthorized");
    assertError(api.putEventType(host.hostId(), host.token(), "other", Bodies.eventType(30)), 401, "unauthorized");
    assertThat(api.get("/api/v1/hosts/" + host.hostId(), newToken).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/hosts/" + host.hostId(), newToken).json().has("apiToken")).isFalse();
    assertError(rotate(host.hostId(), host.token()), 401, "unauthorized");
  }

  @Test
  void theAdminRevokesAHostsTokenByRotatingIt() {
    ApiFixture host = publishedHost();

    ApiResponse rotated = rotate(host.hostId(), TestNodes.ADMIN_TOKEN);
    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);

    assertError(api.get("/api/v1/hosts/" + host.hostId(), host.token()), 401, "unauthorized");
    assertThat(api.get("/api/v1/hosts/" + host.hostId(), rotated.json().get("apiToken").asText()).status())
        .isEqualTo(200);
  }

  @Test
  void nobodyElseGetsANewToken() {
    ApiFixture host = publishedHost();
    ApiFixture other = publishedHost();
    assertError(rotate(host.hostId(), null), 401, "unauthorized");
    assertError(rotate(host.hostId(), other.token()), 403, "forbidden");
    assertError(rotate("unknownhostid2345678", TestNodes.ADMIN_TOKEN), 404, "not_found");
    assertThat(api.get("/api/v1/hosts/" + host.hostId(), host.token()).status()).isEqualTo(200);
  }

  private static ApiResponse rotate(String hostId, String token) {
    return api.post("/api/v1/hosts/" + hostId + "/tokens", token, null, Map.of());
  }
}
