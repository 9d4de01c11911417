package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.google.EventJson;
import dev.scheduler.harness.google.FakeGoogleCalendar;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.GoogleTestNode;
import dev.scheduler.node.testkit.UtcDay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With push off, a change in Google reaches the host's slots within one polling interval. */
class GooglePollingTest {
  @TempDir Path dataDir;

  @Test
  void withoutPushPollingFindsTheChange() throws Exception {
    try (GoogleTestNode node = GoogleTestNode.builder()
        .push(false)
        .pollInterval(Duration.ofSeconds(1))
        .awaitTimeout(Duration.ofSeconds(15))
        .start(dataDir)) {
      FakeGoogleCalendar google = node.google();
      ApiFixture host = node.connectNewHost(FakeGoogleCalendar.DEFAULT_USER).host();

      UtcDay day = UtcDay.inDays(3);
      google.putEvent(FakeGoogleCalendar.DEFAULT_USER, EventJson.timed(day.at(10), day.at(11)));
      List<String> starts = node.awaitBlocked(host, day.at(10));
      assertThat(starts).as("the polled change blocks 10:00").doesNotContain(day.iso(10)).isNotEmpty();
      assertThat(google.channels()).as("no channel was opened with push off").isEmpty();
    }
  }
}
