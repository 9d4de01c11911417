package dev.scheduler.protocol.analytics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A host's booking figures over a range of meeting starts, as the read side knows them. The node
 * implements it from the tables its read side keeps; the analytics route shows it. The caller
 * checks that the host may be read (and learns the host's zone) before asking.
 */
@FunctionalInterface
public interface HostAnalytics {
  /** No read side (route tests): nothing known of any host, nothing applied yet. */
  HostAnalytics NONE = (hostId, zone, from, to) -> CompletableFuture.completedFuture(
      HostAnalyticsView.empty(hostId, zone, from, to));

  /**
   * Figures of the bookings of {@code hostId} whose meeting starts within [{@code from}, {@code to}),
   * weeks, weekdays and hours counted in {@code zone}.
   */
  CompletionStage<HostAnalyticsView> of(String hostId, ZoneId zone, Instant from, Instant to);
}
