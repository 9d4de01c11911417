package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.ApiResponse;
import dev.scheduler.harness.SchedulerApiClient;
import dev.scheduler.harness.google.EventJson;
import dev.scheduler.harness.google.FakeGoogleCalendar;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With push off, a change in Google reaches the host's slots within one polling interval. */
class GooglePollingTest {
  @TempDir Path dataDir;

  @Test
  void withoutPushPollingFindsTheChange() throws Exception {
    try (FakeGoogleCalendar google = new FakeGoogleCalendar().start()) {
      Map<String, Object> settings = new HashMap<>();
      settings.put("scheduler.google.client-id", FakeGoogleCalendar.CLIENT_ID);
      settings.put("scheduler.google.client-secret", FakeGoogleCalendar.CLIENT_SECRET);
      settings.put("scheduler.google.root-url", google.rootUrl());
      settings.put("scheduler.google.token-url", google.tokenUrl());
      settings.put("scheduler.google.authorization-url", google.authorizationUrl());
      settings.put("scheduler.google.push", "off");
      settings.put("scheduler.sync.poll-interval", "1s");
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
        assertThat(redirect.statusCode()).isEqualTo(302);
        URI callback = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        ApiResponse connected = api.get(callback.getRawPath() + "?" + callback.getRawQuery(), null);
        assertThat(connected.status()).as(connected.toString()).isEqualTo(201);

        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        String ten = day.atTime(10, 0).atZone(ZoneOffset.UTC).toInstant().toString();
        google.putEvent(FakeGoogleCalendar.DEFAULT_USER,
            EventJson.timed(day.atTime(10, 0).atZone(ZoneOffset.UTC), day.atTime(11, 0).atZone(ZoneOffset.UTC)));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<String> starts = List.of(ten);
        while (starts.contains(ten) && System.nanoTime() < deadline) {
          Thread.sleep(100);
          starts = new ArrayList<>();
          List<String> collected = starts;
          api.slots(host.hostId(), "intro", day, day, null).json().at("/days/0/slots")
              .forEach(s -> collected.add(s.get("start").asText()));
        }
        assertThat(starts).as("the polled change blocks 10:00").doesNotContain(ten).isNotEmpty();
        assertThat(google.channels()).as("no channel was opened with push off").isEmpty();
      }
    }
  }
}
