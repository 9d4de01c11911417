package dev.scheduler.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.protocol.admin.NodeStats;
import dev.scheduler.protocol.admin.NodeStats.LoggedProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node's meters read into the console's figures: the booking route's timers summed bucket by bucket. */
class NodeStatsSamplerTest {
  private static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final NodeStatsSampler sampler = new NodeStatsSampler(registry, Clock.fixed(NOW, ZoneOffset.UTC),
      () -> "pekko://scheduler@10.0.0.1:25520", () -> NOW.minusSeconds(60));

  @Test
  void bookingLatencyAddsUpTheBookingRoutesTimersOfEveryStatusAndNothingElse() {
    booking("201", 3, 4, 30).booking("409", 8).request("GET", "/api/v1/hosts/{hostId}/bookings", "200", 2000);
    Counter.builder("scheduler.bookings").tag("outcome", "created").register(registry).increment(3);
    Counter.builder("scheduler.bookings").tag("outcome", "conflict").register(registry).increment();

    NodeStats stats = sampler.sample();

    assertThat(stats.bookingLatency().count()).isEqualTo(4);
    assertThat(stats.bookingLatency().upperBoundsSeconds()).containsExactly(0.005, 0.01, 0.05);
    assertThat(stats.bookingLatency().cumulativeCounts()).containsExactly(2L, 3L, 4L);
    assertThat(stats.bookingsCreated()).isEqualTo(3);
    assertThat(stats.bookingConflicts()).isEqualTo(1);
    assertThat(stats.responses409()).isEqualTo(1);
    assertThat(stats.responses503()).isZero();
    assertThat(stats.journalWriteLatency()).isEqualTo(NodeStats.Histogram.NONE);
    assertThat(stats.upSince()).isEqualTo(NOW.minusSeconds(60));
    assertThat(stats.sampledAt()).isEqualTo(NOW);
  }

  @Test
  void recentProblemsKeepTheNewestFiftyNewestFirst() {
    for (int i = 0; i < RecentProblems.KEPT + 5; i++) {
      RecentProblems.record(new LoggedProblem(NOW.plusSeconds(i), "WARN", "test", "problem " + i));
    }
    List<LoggedProblem> kept = RecentProblems.newestFirst();
    assertThat(kept).hasSize(RecentProblems.KEPT);
    assertThat(kept.get(0).message()).isEqualTo("problem " + (RecentProblems.KEPT + 4));
    assertThat(kept.get(kept.size() - 1).message()).isEqualTo("problem 5");
  }

  private NodeStatsSamplerTest booking(String status, long... millis) {
    for (long m : millis) {
      request("POST", NodeStatsSampler.BOOKINGS_ROUTE, status, m);
    }
    return this;
  }

  private NodeStatsSamplerTest request(String method, String route, String status, long millis) {
    Timer.builder(NodeStatsSampler.HTTP_REQUESTS).tags("method", method, "route", route, "status", status)
        .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50))
        .register(registry).record(Duration.ofMillis(millis));
    return this;
  }
}
