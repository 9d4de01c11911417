package dev.scheduler.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.http.auth.Tokens;
import dev.scheduler.http.testkit.ApiRouteTest;
import dev.scheduler.protocol.Ids;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.calendar.RejectionException;
import dev.scheduler.protocol.webhook.CreatedWebhook;
import dev.scheduler.protocol.webhook.DeliveryAttemptView;
import dev.scheduler.protocol.webhook.WebhookSubscriptions;
import dev.scheduler.protocol.webhook.WebhookView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/hosts/{hostId}/webhooks}: HTTP turned into calls, the secret only in the 201. */
class WebhookRoutesTest extends ApiRouteTest {
  private static final String SECRET = "whsec_only-in-the-201";
  private static final WebhookView VIEW = new WebhookView("w1", "h", "https://example.com/hook",
      List.of("booking.created"), "active", null, null, null, NOW);

  private final List<List<Object>> calls = new ArrayList<>();

  @Override
  protected WebhookSubscriptions webhooks() {
    return new WebhookSubscriptions() {
      @Override
      public CompletionStage<CreatedWebhook> create(String hostId, Access access, String url, List<String> events) {
        calls.add(Arrays.asList("create", hostId, access, url, events));
        if ("https://10.0.0.1/".equals(url)) {
          return CompletableFuture.failedFuture(RejectionException.invalid(
              "The webhook's address is not allowed (it is not a public internet address)."));
        }
        return CompletableFuture.completedFuture(new CreatedWebhook(VIEW, SECRET));
      }

      @Override
      public CompletionStage<List<WebhookView>> list(String hostId, Access access) {
        calls.add(Arrays.asList("list", hostId, access));
        return CompletableFuture.completedFuture(List.of(VIEW));
      }

      @Override
      public CompletionStage<WebhookView> get(String hostId, Access access, String id) {
        calls.add(Arrays.asList("get", hostId, access, id));
        return id.equals("w1") ? CompletableFuture.completedFuture(VIEW)
            : CompletableFuture.failedFuture(new RejectionException(RejectionCode.NOT_FOUND, "no such webhook"));
      }

      @Override
      public CompletionStage<WebhookView> delete(String hostId, Access access, String id) {
        calls.add(Arrays.asList("delete", hostId, access, id));
        return CompletableFuture.completedFuture(VIEW.withState("deleted"));
      }

      @Override
      public CompletionStage<List<DeliveryAttemptView>> deliveries(String hostId, Access access, String id) {
        calls.add(Arrays.asList("deliveries", hostId, access, id));
        return CompletableFuture.completedFuture(List.of(
            new DeliveryAttemptView("h-3", "booking.created", 2, Instant.parse("2027-03-01T13:01:00Z"), 200, null, 41),
            new DeliveryAttemptView("h-3", "booking.created", 1, NOW, null, "timeout after 10000 ms", 10001)));
      }
    };
  }

  @Test
  void creatingAnswers201WithTheSecretOnce() {
    var body = assertOk(run(bearer(post(hostPath("/webhooks"),
        json("{'url':'https://example.com/hook','events':['booking.created']}")), hostToken)), 201);
    assertThat(calls).containsExactly(Arrays.asList("create", hostId, hostAccess(hostToken),
        "https://example.com/hook", List.of("booking.created")));
    assertThat(body.path("secret").asText()).isEqualTo(SECRET);
    assertThat(body.path("state").asText()).isEqualTo("active");
    assertThat(body.path("createdAt").asText()).isEqualTo("2027-03-01T13:00:00Z");
  }

  @Test
  void readingNeverShowsTheSecret() {
    var listed = assertOk(run(bearer(get(hostPath("/webhooks")), hostToken)), 200);
    var one = assertOk(run(bearer(get(hostPath("/webhooks/w1")), ADMIN_TOKEN)), 200);
    var deleted = assertOk(run(bearer(delete(hostPath("/webhooks/w1")), hostToken)), 200);
    assertThat(listed.path("webhooks").get(0).has("secret")).isFalse();
    assertThat(one.has("secret")).isFalse();
    assertThat(deleted.path("state").asText()).isEqualTo("deleted");
    assertThat(calls).extracting(call -> call.get(0)).containsExactly("list", "get", "delete");
    assertThat(calls.get(1).get(2)).isEqualTo(Access.asAdmin());
  }

  @Test
  void theAttemptsShowStatusOrError() {
    var body = assertOk(run(bearer(get(hostPath("/webhooks/w1/deliveries")), hostToken)), 200);
    var attempts = body.path("deliveries");
    assertThat(attempts.get(0).path("status").asInt()).isEqualTo(200);
    assertThat(attempts.get(0).has("error")).isFalse();
    assertThat(attempts.get(1).has("status")).isFalse();
    assertThat(attempts.get(1).path("error").asText()).isEqualTo("timeout after 10000 ms");
    assertThat(attempts.get(1).path("latencyMs").asLong()).isEqualTo(10001);
  }

  @Test
  void refusalsKeepTheErrorShape() {
    assertError(run(bearer(post(hostPath("/webhooks"), json("{'url':'https://10.0.0.1/','events':['booking.created']}")),
        hostToken)), 400, "invalid_request");
    assertError(run(bearer(get(hostPath("/webhooks/nope")), hostToken)), 404, "not_found");
    assertError(run(bearer(post(hostPath("/webhooks"), "not json"), hostToken)), 400, "invalid_request");
  }

  @Test
  void anotherHostsTokenIs403AndNoneIsPassedOnAsAnonymous() {
    assertError(run(bearer(get(hostPath("/webhooks")), Tokens.newHostToken(Ids.newId()))), 403, "forbidden");
    assertThat(calls).isEmpty();
    run(get(hostPath("/webhooks")));
    assertThat(calls).containsExactly(Arrays.asList("list", hostId, Access.anonymous()));
  }
}
