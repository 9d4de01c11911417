package dev.scheduler.node.admin;

import dev.scheduler.protocol.admin.NodeStats;
import dev.scheduler.protocol.admin.NodeStats.Histogram;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads the node's own meters (by the names docs/metrics.md gives them) into a {@link NodeStats}.
 * Meters are looked up by name, not by the classes that register them, so a meter not registered
 * yet (nothing booked since start) reads as zero.
 */
public final class NodeStatsSampler {
  static final String BOOKINGS_ROUTE = "/api/v1/hosts/{hostId}/bookings";
  static final String HTTP_REQUESTS = "http.server.requests";
  static final String JOURNAL_WRITES = "scheduler.journal.write";

  private final MeterRegistry registry;
  private final Clock clock;
  private final Supplier<String> address;
  private final Supplier<Instant> upSince;

  public NodeStatsSampler(MeterRegistry registry, Clock clock, Supplier<String> address, Supplier<Instant> upSince) {
    this.registry = registry;
    this.clock = clock;
    this.address = address;
    this.upSince = upSince;
  }

  public NodeStats sample() {
    return new NodeStats(address.get(), upSince.get(), clock.instant(),
        bookings("created"), bookings("conflict"), responses("409"), responses("503"),
        histogram(registry.find(HTTP_REQUESTS).tag("method", "POST").tag("route", BOOKINGS_ROUTE).timers()),
        histogram(registry.find(JOURNAL_WRITES).timers()),
        RecentProblems.newestFirst());
  }

  private long bookings(String outcome) {
    return (long) registry.find("scheduler.bookings").tag("outcome", outcome).counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  private long responses(String status) {
    return registry.find(HTTP_REQUESTS).tag("status", status).timers().stream().mapToLong(Timer::count).sum();
  }

  /** The timers' buckets added up bound by bound (timers of one name share their bounds). */
  static Histogram histogram(Collection<Timer> timers) {
    TreeMap<Double, Long> byBound = new TreeMap<>();
    long count = 0;
    for (Timer timer : timers) {
      count += timer.count();
      for (CountAtBucket bucket : timer.takeSnapshot().histogramCounts()) {
        if (Double.isFinite(bucket.bucket(TimeUnit.SECONDS))) {
          byBound.merge(bucket.bucket(TimeUnit.SECONDS), (long) bucket.count(), Long::sum);
        }
      }
    }
    if (byBound.isEmpty()) {
      return timers.isEmpty() ? Histogram.NONE : new Histogram(List.of(), List.of(), count);
    }
    return new Histogram(new ArrayList<>(byBound.keySet()), new ArrayList<>(byBound.values()), count);
  }
}
