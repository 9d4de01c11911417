package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.google.EventJson;
import dev.scheduler.harness.google.FakeGoogleCalendar;
import dev.scheduler.harness.google.PushChannelState;
import dev.scheduler.node.testkit.GoogleTestNode;
import dev.scheduler.node.testkit.UtcDay;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
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
    try (GoogleTestNode node = GoogleTestNode.builder().channelTtl(Duration.ofSeconds(4)).start(dataDir)) {
      node.connectNewHost(FakeGoogleCalendar.DEFAULT_USER);

      List<PushChannelState> channels = node.awaitChannels(cs -> cs.size() >= 2 && cs.get(0).stopped());
      assertThat(channels).as("a second channel was opened and the first stopped").hasSizeGreaterThanOrEqualTo(2);
      assertThat(channels.get(0).stopped()).isTrue();
      assertThat(channels.get(channels.size() - 1).stopped()).isFalse();
    }
  }

  @Test
  void aChannelGoogleEndedEarlyIsOpenedAgainOnceAPollFindsUnannouncedChanges() throws Exception {
    try (GoogleTestNode node = GoogleTestNode.builder().pollIntervalWithPush(Duration.ofSeconds(1)).start(dataDir)) {
      FakeGoogleCalendar google = node.google();
      node.connectNewHost(FakeGoogleCalendar.DEFAULT_USER);
      node.awaitChannels(cs -> cs.size() >= 1);
      Thread.sleep(2_500); // polls with nothing new must not reopen the channel
      assertThat(google.channels()).as("quiet polls leave a working channel alone").hasSize(1);

      google.expireChannelsNow();
      ZonedDateTime start = UtcDay.inDays(3).at(10);
      google.putEvent(FakeGoogleCalendar.DEFAULT_USER,
          EventJson.timed(start, start.plusHours(1)).summary("Unannounced"));
      List<PushChannelState> channels = node.awaitChannels(cs -> cs.size() >= 2);
      assertThat(channels).as("push channels opened").hasSizeGreaterThanOrEqualTo(2);
      assertThat(channels.get(0).expired()).isTrue();
      PushChannelState reopened = channels.get(channels.size() - 1);
      assertThat(reopened.expired() || reopened.stopped()).as("the new channel is live").isFalse();
    }
  }
}
