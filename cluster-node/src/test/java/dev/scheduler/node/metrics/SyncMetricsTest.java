package dev.scheduler.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.node.metrics.SyncMetrics.Live;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.protocol.connection.ConnectionState;
import dev.scheduler.protocol.connection.ConnectionStatus;
import dev.scheduler.protocol.connection.ProviderKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncMetricsTest {
  private static final Instant NOW = Instant.parse("2027-03-01T13:00:00Z");

  @Test
  void theLagIsTheLongestSinceALastSuccessAmongTheProvidersLoops() {
    List<Live> loops = List.of(new Live("ics", NOW.minusSeconds(30)), new Live("ics", NOW.minusSeconds(600)),
        new Live("google", NOW.minusSeconds(7200)), new Live("ics", NOW.minusSeconds(5)));
    assertThat(SyncMetrics.largestLag(loops, "ics", NOW)).isEqualTo(Duration.ofSeconds(600));
    assertThat(SyncMetrics.largestLag(loops, "google", NOW)).isEqualTo(Duration.ofHours(2));
    assertThat(SyncMetrics.largestLag(List.of(), "ics", NOW)).as("no loop, no lag").isZero();
  }

  @Test
  void successesMoveTheLoopsLastSuccessForwardNeverBack() {
    Live loop = new Live("ics", NOW);
    assertThat(loop.withSuccess(NOW.plusSeconds(1)).lastSuccess()).isEqualTo(NOW.plusSeconds(1));
    assertThat(loop.withSuccess(NOW.minusSeconds(1)).lastSuccess()).isEqualTo(NOW);
  }

  @Test
  void outcomesAreCountedByProviderAndTheLagFollowsTheClockUntilTheLoopStops() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MutableClock clock = new MutableClock(NOW);
    SyncMetrics metrics = new SyncMetrics(registry, clock);
    Object neverSynced = new Object();
    Object synced = new Object();
    metrics.started(neverSynced, connection(ProviderKind.ICS, null));
    metrics.started(synced, connection(ProviderKind.GOOGLE, NOW.minusSeconds(60)));

    clock.advance(Duration.ofMinutes(5));
    assertThat(lag(registry, "ics")).as("since it was connected").isEqualTo(300 + 3600);
    assertThat(lag(registry, "google")).isEqualTo(360);

    metrics.succeeded(synced);
    metrics.failed(neverSynced);
    metrics.failed(neverSynced);
    metrics.failed(new Object());
    assertThat(count(registry, "google", "ok")).isEqualTo(1);
    assertThat(count(registry, "ics", "failed")).as("a loop never registered is not counted").isEqualTo(2);
    assertThat(count(registry, "ics", "ok")).isZero();
    assertThat(lag(registry, "google")).isZero();

    metrics.stopped(neverSynced);
    assertThat(lag(registry, "ics")).as("a stopped loop no longer counts").isZero();
    metrics.succeeded(neverSynced);
    assertThat(count(registry, "ics", "ok")).isZero();
  }

  private static ConnectionState connection(ProviderKind provider, Instant lastSuccess) {
    return new ConnectionState("c1", "h1", provider, "label", ZoneOffset.UTC, null, null, null, ConnectionStatus.OK,
        NOW.minusSeconds(3600), lastSuccess, null, null, 0, false, 0, null, 0);
  }

  private static double lag(SimpleMeterRegistry registry, String provider) {
    return registry.get("scheduler.calendar.sync.lag").tag("provider", provider).gauge().value();
  }

  private static double count(SimpleMeterRegistry registry, String provider, String outcome) {
    return registry.get("scheduler.calendar.sync").tags("provider", provider, "outcome", outcome).counter().count();
  }
}
