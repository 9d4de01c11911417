package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.ApiResponse;
import dev.scheduler.harness.Ports;
import dev.scheduler.harness.SchedulerApiClient;
import dev.scheduler.harness.google.FakeGoogleCalendar;
import dev.scheduler.harness.google.PushChannelState;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.TestNodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push channels are replaced before they expire, and the replaced one is stopped. */
class GoogleChannelRenewalTest {
  @TempDir Path dataDir;

  @Test
  void aChannelIsRenewedBeforeItExpires() throws Exception {
    try (FakeGoogleCalendar google = new FakeGoogleCalendar().start()) {
      int port = Ports.freePort();
      Map<String, Object> settings = new HashMap<>();
      settings.put("scheduler.http.port", port);
      settings.put("scheduler.public-url", "http://127.0.0.1:" + port);
      settings.put("scheduler.google.client-id", FakeGoogleCalendar.CLIENT_ID);
      settings.put("scheduler.google.client-secret", FakeGoogleCalendar.CLIENT_SECRET);
      settings.put("scheduler.google.root-url", google.rootUrl());
      settings.put("scheduler.google.token-url", google.tokenUrl());
      settings.put("scheduler.google.authorization-url", google.authorizationUrl());
      settings.put("scheduler.sync.channel-ttl", "4s");
      try (SchedulerNode node = SchedulerNode.start(TestNodes.config(dataDir, null, 0, List.of(), settings),
          Clock.systemUTC())) {
        SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
        ApiFixture host = ApiFixture.newHost(api, "UTC")
            .schedule(Bodies.everyDay("UTC", "09:00", "17:00"))
            .eventType("intro", Bodies.eventType(60));
        String consent = api.get("/api/v1/hosts/" + host.hostId() + "/calendars/google/connect", host.token())
            .json().get("authorizationUrl").asText();
        HttpResponse<String> redirect = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(consent)).build(), HttpResponse.BodyHandlers.ofString());
        URI callback = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        ApiResponse connected = api.get(callback.getRawPath() + "?" + callback.getRawQuery(), null);
        assertThat(connected.status()).as(connected.toString()).isEqualTo(201);

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<PushChannelState> channels = google.channels();
        while (System.nanoTime() < deadline && !(channels.size() >= 2 && channels.get(0).stopped())) {
          Thread.sleep(100);
          channels = google.channels();
        }
        assertThat(channels).as("a second channel was opened and the first stopped").hasSizeGreaterThanOrEqualTo(2);
        assertThat(channels.get(0).stopped()).isTrue();
        assertThat(channels.get(channels.size() - 1).stopped()).isFalse();
      }
    }
  }
}
