package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.SchedulerApiClient;
import dev.scheduler.harness.google.EventJson;
import dev.scheduler.harness.google.FakeGoogleCalendar;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.GoogleConsent;
import dev.scheduler.node.testkit.TestNodes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
      Map<String, Object> settings = GoogleConsent.settingsFor(google);
      settings.put("scheduler.google.push", "off");
      settings.put("scheduler.sync.poll-interval", "1s");
      try (SchedulerNode node = SchedulerNode.start(TestNodes.config(dataDir, null, 0, List.of(), settings),
          Clock.systemUTC())) {
        SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
        ApiFixture host = ApiFixture.newHost(api, "UTC")
            .schedule(Bodies.everyDay("UTC", "09:00", "17:00"))
            .eventType("intro", Bodies.eventType(60));
        GoogleConsent.connect(api, google, host, FakeGoogleCalendar.DEFAULT_USER);

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
