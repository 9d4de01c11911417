package dev.scheduler.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.http.testkit.ApiRouteTest;
import dev.scheduler.http.testkit.FakeCalendarConnections.Call;
import dev.scheduler.http.testkit.FakeCalendarConnections.Sync;
import dev.scheduler.http.testkit.Samples;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.calendar.RejectionException;
import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What Google calls: the OAuth redirect and push notifications. Neither carries an API token. */
class IntegrationRoutesTest extends ApiRouteTest {
  private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  @Nested
  class WebhookTest {
    private HttpRequest notification(String channel, String token) {
      return HttpRequest.POST("/webhooks/google")
          .addHeader(RawHeader.create("X-Goog-Channel-ID", channel))
          .addHeader(RawHeader.create("X-Goog-Channel-Token", token))
          .addHeader(RawHeader.create("X-Goog-Resource-State", "exists"));
    }

    @Test
    void aKnownChannelWithItsTokenStartsASync() {
      connections.knowChannel("channel-1", "secret-1", "c1");
      var body = assertOk(run(notification("channel-1", "secret-1")), 200);
      assertThat(body.path("status").asText()).isEqualTo("accepted");
      assertThat(connections.syncs()).containsExactly(new Sync("c1", "push exists"));
    }

    @Test
    void anUnknownChannelIs401() {
      connections.knowChannel("channel-1", "secret-1", "c1");
      assertError(run(notification("channel-2", "secret-1")), 401, "unauthorized");
      assertThat(connections.syncs()).isEmpty();
    }

    @Test
    void aWrongChannelTokenIs401() {
      connections.knowChannel("channel-1", "secret-1", "c1");
      assertError(run(notification("channel-1", "secret-2")), 401, "unauthorized");
      assertThat(connections.syncs()).isEmpty();
    }

    @Test
    void aNotificationWithoutChannelHeadersIs401() {
      connections.knowChannel("channel-1", "secret-1", "c1");
      assertError(run(HttpRequest.POST("/webhooks/google")), 401, "unauthorized");
      assertThat(connections.syncs()).isEmpty();
    }

    @Test
    void theWebhookTakesOnlyPost() {
      assertError(run(get("/webhooks/google")), 405, "method_not_allowed");
    }

    @Test
    void theWebhookIsNotBehindApiTokens() {
      connections.knowChannel("channel-1", "secret-1", "c1");
      assertOk(run(bearer(notification("channel-1", "secret-1"), "nonsense")), 200);
    }
  }

  @Nested
  class CallbackTest {
    @Test
    void aJsonClientGetsTheConnectionAs201() {
      var body = assertOk(run(get("/oauth/google/callback?code=the-code&state=the-state")), 201);
      Call call = connections.onlyCall();
      assertThat(call.method()).isEqualTo("completeGoogleConnection");
      assertThat(call.arguments()).isEqualTo(List.of("the-code", "the-state"));
      assertThat(body.path("provider").asText()).isEqualTo("google");
      assertThat(body.path("account").asText()).isEqualTo("ann@example.com");
    }

    @Test
    void aBrowserGetsAPageNamingTheAccount() {
      connections.answer(Samples.hostView(Samples.googleConnection("c1", hostId, "<b>ann</b>@example.com")));
      var result = run(get("/oauth/google/callback?code=the-code&state=the-state")
          .addHeader(RawHeader.create("Accept", BROWSER)));
      assertThat(result.statusCode()).isEqualTo(201);
      assertThat(result.mediaTypeString()).isEqualTo("text/html");
      assertThat(result.entityString()).contains("&lt;b&gt;ann&lt;/b&gt;@example.com is connected")
          .doesNotContain("<b>ann");
    }

    @Test
    void aRefusalOfConsentIs400() {
      assertError(run(get("/oauth/google/callback?error=access_denied")), 400, "invalid_request");
      connections.assertNothingCalled();
    }

    @Test
    void aBrowserIsShownWhyConsentFailed() {
      var result = run(get("/oauth/google/callback?error=access_denied").addHeader(RawHeader.create("Accept", BROWSER)));
      assertThat(result.statusCode()).isEqualTo(400);
      assertThat(result.mediaTypeString()).isEqualTo("text/html");
      assertThat(result.entityString()).contains("access_denied");
    }

    @Test
    void aCallbackWithoutCodeOrStateIs400() {
      assertError(run(get("/oauth/google/callback?code=the-code")), 400, "invalid_request");
      assertError(run(get("/oauth/google/callback?state=the-state")), 400, "invalid_request");
      assertError(run(get("/oauth/google/callback")), 400, "invalid_request");
      connections.assertNothingCalled();
    }

    @Test
    void anExpiredStateIsTheWorkflowsRefusal() {
      connections.fail(new RejectionException(RejectionCode.INVALID_REQUEST, "The connect link has expired."));
      var body = assertError(run(get("/oauth/google/callback?code=c&state=old")), 400, "invalid_request");
      assertThat(body.path("message").asText()).isEqualTo("The connect link has expired.");
    }

    @Test
    void aProviderFailureIs502AndTheBrowserIsToldWhy() {
      connections.refuse(RejectionCode.PROVIDER_UNAVAILABLE, "Google did not exchange the code.");
      assertError(run(get("/oauth/google/callback?code=c&state=s")), 502, "provider_unavailable");
      var page = run(get("/oauth/google/callback?code=c&state=s").addHeader(RawHeader.create("Accept", BROWSER)));
      assertThat(page.statusCode()).isEqualTo(502);
      assertThat(page.entityString()).contains("Google did not exchange the code.");
    }

    @Test
    void aTimeoutIs503WithRetryAfter() {
      connections.timeOut();
      var result = run(get("/oauth/google/callback?code=c&state=s"));
      assertError(result, 503, "unavailable");
      assertRetryAfter(result);
    }

    @Test
    void aBugIsA500PageThatSaysLittle() {
      connections.fail(new IllegalStateException("sealing key /etc/secret is unreadable"));
      var page = run(get("/oauth/google/callback?code=c&state=s").addHeader(RawHeader.create("Accept", BROWSER)));
      assertThat(page.statusCode()).isEqualTo(500);
      assertThat(page.entityString()).doesNotContain("sealing key").doesNotContain("IllegalStateException");
    }

    @Test
    void theCallbackTakesOnlyGet() {
      assertError(run(post("/oauth/google/callback?code=c&state=s", "")), 405, "method_not_allowed");
      connections.assertNothingCalled();
    }
  }
}
