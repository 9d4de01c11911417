package dev.scheduler.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.http.testkit.ApiRouteTest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Health probes and the admin cluster view. */
class OperationsRoutesTest extends ApiRouteTest {

  @Test
  void aliveIsOkEvenWhenNotReady() {
    health.ready(false);
    assertThat(assertOk(run(get("/health/alive")), 200).path("status").asText()).isEqualTo("alive");
  }

  @Test
  void notAliveIs503Json() {
    health.alive(false);
    assertError(run(get("/health/alive")), 503, "unavailable");
  }

  @Test
  void readyIs200WhenTheNodeIsReady() {
    health.ready(true);
    assertThat(assertOk(run(get("/health/ready")), 200).path("status").asText()).isEqualTo("ready");
  }

  @Test
  void notReadyIs503JsonWithRetryAfter() {
    health.ready(false);
    var result = run(get("/health/ready"));
    assertError(result, 503, "unavailable");
    assertRetryAfter(result);
  }

  @Test
  void aReadinessCheckThatTimesOutIs503NotA500() {
    health.answerWith(() -> CompletableFuture.failedFuture(new TimeoutException("journal did not answer")));
    var result = run(get("/health/ready"));
    assertError(result, 503, "unavailable");
    assertRetryAfter(result);
  }

  @Test
  void healthProbesTakeOnlyGet() {
    var result = run(post("/health/ready", "{}"));
    assertError(result, 405, "method_not_allowed");
    assertThat(result.response().getHeader("Allow")).hasValueSatisfying(h -> assertThat(h.value()).isEqualTo("GET"));
  }

  @Test
  void theClusterViewWithoutATokenIs401() {
    assertError(run(get("/api/v1/admin/cluster")), 401, "unauthorized");
  }

  @Test
  void theClusterViewWithAWrongTokenIs403() {
    assertError(run(bearer(get("/api/v1/admin/cluster"), "not-the-admin")), 403, "forbidden");
  }

  @Test
  void theClusterViewRefusesAHostToken() {
    assertError(run(bearer(get("/api/v1/admin/cluster"), hostToken)), 403, "forbidden");
  }

  @Test
  void theClusterViewWithTheAdminTokenDescribesTheCluster() {
    var body = assertOk(run(bearer(get("/api/v1/admin/cluster"), ADMIN_TOKEN)), 200);
    assertThat(body.path("selfAddress").asText()).startsWith("pekko://route-test@127.0.0.1:");
    assertThat(body.path("members").isArray()).isTrue();
    assertThat(body.path("shardRegions").isArray()).isTrue();
    entities.assertNothingAsked();
  }

  @Test
  void theClusterViewTakesOnlyGet() {
    assertError(run(bearer(post("/api/v1/admin/cluster", "{}"), ADMIN_TOKEN)), 405, "method_not_allowed");
  }

  @Test
  void unknownPathsAre404InTheJsonShape() {
    assertError(run(get("/nothing-here")), 404, "not_found");
    assertError(run(get("/api/v1/nothing-here")), 404, "not_found");
    assertError(run(get("/api/v2/hosts")), 404, "not_found");
    assertError(run(get("/api/v1/admin/members")), 404, "not_found");
    entities.assertNothingAsked();
  }
}
