package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.Ports;
import dev.scheduler.harness.SchedulerApiClient;
import dev.scheduler.harness.google.FakeGoogleCalendar;
import dev.scheduler.harness.google.PushChannelState;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.GoogleConsent;
import dev.scheduler.node.testkit.TestNodes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push channels are replaced before they expire, and the replaced one is stopped; a channel Google
 * ends early is noticed when a poll finds changes no notification announced, and is opened again.
 */
class GoogleChannelRenewalTest {
  @TempDir Path dataDir;

  @Test
  void aChannelIsRenewedBeforeItExpires() throws Exception {
    try (FakeGoogleCalendar google = new FakeGoogleCalendar().start()) {
      int port = Ports.freePort();
      Map<String, Object> settings = GoogleConsent.settingsFor(google);
      settings.put("scheduler.http.port", port);
      settings.put("scheduler.public-url", "http://127.0.0.1:" + port);
      settings.put("scheduler.sync.channel-ttl", "4s");
      try (SchedulerNode node = SchedulerNode.start(TestNodes.config(dataDir, null, 0, List.of(), settings),
          Clock.systemUTC())) {
        SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
        ApiFixture host = ApiFixture.newHost(api, "UTC")
            .schedule(Bodies.everyDay("UTC", "09:00", "17:00"))
            .eventType("intro", Bodies.eventType(60));
        GoogleConsent.connect(api, google, host, FakeGoogleCalendar.DEFAULT_USER);

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

  @Test
  void aChannelGoogleEndedEarlyIsOpenedAgainOnceAPollFindsUnannouncedChanges() throws Exception {
    try (FakeGoogleCalendar google = new FakeGoogleCalendar().start()) {
      int port = Ports.freePort();
      Map<String, Object> settings = GoogleConsent.settingsFor(google);
      settings.put("scheduler.http.port", port);
      settings.put("scheduler.public-url", "http://127.0.0.1:" + port);
      settings.put("scheduler.sync.poll-interval-with-push", "1s");
      try (SchedulerNode node = SchedulerNode.start(TestNodes.config(dataDir, null, 0, List.of(), settings),
          Clock.systemUTC())) {
        SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
        ApiFixture host = ApiFixture.newHost(api, "UTC")
            .schedule(Bodies.everyDay("UTC", "09:00", "17:00"))
            .eventType("intro", Bodies.eventType(60));
        GoogleConsent.connect(api, google, host, FakeGoogleCalendar.DEFAULT_USER);
        awaitChannels(google, 1);
        Thread.sleep(2_500); // polls with nothing new must not reopen the channel
        assertThat(google.channels()).as("quiet polls leave a working channel alone").hasSize(1);

        google.expireChannelsNow();
        java.time.ZonedDateTime start = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(3)
            .atTime(10, 0).atZone(java.time.ZoneOffset.UTC);
        google.putEvent(FakeGoogleCalendar.DEFAULT_USER,
            dev.scheduler.harness.google.EventJson.timed(start, start.plusHours(1)).summary("Unannounced"));
        List<PushChannelState> channels = awaitChannels(google, 2);
        assertThat(channels.get(0).expired()).isTrue();
        PushChannelState reopened = channels.get(channels.size() - 1);
        assertThat(reopened.expired() || reopened.stopped()).as("the new channel is live").isFalse();
      }
    }
  }

  private static List<PushChannelState> awaitChannels(FakeGoogleCalendar google, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<PushChannelState> channels = google.channels();
    while (System.nanoTime() < deadline && channels.size() < count) {
      Thread.sleep(100);
      channels = google.channels();
    }
    assertThat(channels).as("push channels opened").hasSizeGreaterThanOrEqualTo(count);
    return channels;
  }
}
