package dev.scheduler.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real concurrent HTTP requests against a real server: the limit answers 503 at once, and frees up. */
class InFlightLimitTest extends AllDirectives {
  private final ActorTestKit testKit = ActorTestKit.create();
  private final HttpClient client = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void pastTheLimitRequestsAreRefusedAtOnceAndAfterwardsServedAgain() throws Exception {
    CompletableFuture<String> gate = new CompletableFuture<>();
    InFlightLimit limit = new InFlightLimit(3);
    Route slow = path("slow", () -> completeWithFuture(gate.thenApply(
        body -> org.apache.pekko.http.javadsl.model.HttpResponse.create().withEntity(body))));
    ServerBinding binding = Http.get(testKit.system()).newServerAt("127.0.0.1", 0).bind(limit.around(slow))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    URI uri = URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + "/slow");

    List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      held.add(send(uri));
    }
    awaitInFlight(limit, 3);
    HttpResponse<String> refused = send(uri).get(5, TimeUnit.SECONDS);

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.body()).contains("\"error\":\"unavailable\"").contains("limit of 3");
    assertThat(held).allSatisfy(f -> assertThat(f).isNotDone());

    gate.complete("done");
    for (CompletableFuture<HttpResponse<String>> answer : held) {
      assertThat(answer.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    awaitInFlight(limit, 0);
    assertThat(send(uri).get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  private CompletableFuture<HttpResponse<String>> send(URI uri) {
    return client.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitInFlight(InFlightLimit limit, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (limit.inFlight() != expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(limit.inFlight()).isEqualTo(expected);
  }
}
