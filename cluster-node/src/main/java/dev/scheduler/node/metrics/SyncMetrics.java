package dev.scheduler.node.metrics;

import dev.scheduler.protocol.connection.ConnectionState;
import dev.scheduler.protocol.connection.ProviderKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calendar syncs by provider: {@code scheduler_calendar_sync_total{provider, outcome=ok|failed}},
 * one count per sync the loop finished, and {@code scheduler_calendar_sync_lag_seconds{provider}},
 * the longest time since the last successful sync among the sync loops running on this node (since
 * the connection was made, for one that never synced). A loop registers when its entity starts it
 * and leaves when it stops, so a removed or disconnected connection, or one moved to another node,
 * no longer counts here.
 *
 * <p>Loops are keyed by their actor ref (any object that is one loop's identity): a loop restarted
 * by its entity is a new one, and the old one's late stop cannot remove it. A loop that crashed
 * and is stopped while its supervisor waits to restart it gets no stop signal and stays in the lag
 * until the node restarts; that takes a bug in the loop and a stop within its backoff.
 */
public final class SyncMetrics {
  /** One running sync loop: its provider's label and its connection's last successful sync. */
  record Live(String provider, Instant lastSuccess) {
    Live withSuccess(Instant at) {
      return at.isAfter(lastSuccess) ? new Live(provider, at) : this;
    }
  }

  private final Map<Object, Live> live = new ConcurrentHashMap<>();
  private final Map<String, Counter> oks = new ConcurrentHashMap<>();
  private final Map<String, Counter> failures = new ConcurrentHashMap<>();
  private final MeterRegistry registry;
  private final Clock clock;

  public SyncMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    for (ProviderKind provider : ProviderKind.values()) {
      String label = provider.wireName();
      oks.put(label, counter(label, "ok"));
      failures.put(label, counter(label, "failed"));
      Gauge.builder("scheduler.calendar.sync.lag", this, metrics -> metrics.lagSeconds(label))
          .description("Longest time since the last successful sync among this node's running syncs of the provider")
          .tag("provider", label)
          .baseUnit("seconds")
          .register(registry);
    }
  }

  /** Kept in memory only (tests that build a connection runtime of their own). */
  public static SyncMetrics inMemory(Clock clock) {
    return new SyncMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), clock);
  }

  /**
   * A sync loop of {@code connection} started. Its last success is the persisted one (or when it
   * was connected), which may be a few minutes old: unchanged successes are persisted now and then.
   */
  public void started(Object loop, ConnectionState connection) {
    Instant since = connection.lastSuccessfulSync() != null ? connection.lastSuccessfulSync() : connection.connectedAt();
    live.put(loop, new Live(connection.provider().wireName(), since));
  }

  public void succeeded(Object loop) {
    Live now = live.computeIfPresent(loop, (key, was) -> was.withSuccess(clock.instant()));
    count(oks, now);
  }

  public void failed(Object loop) {
    count(failures, live.get(loop));
  }

  public void stopped(Object loop) {
    live.remove(loop);
  }

  // A loop that reports before its entity registered it (it never should) is not counted: no
  // provider to count it under.
  private static void count(Map<String, Counter> counters, Live loop) {
    if (loop != null) {
      counters.get(loop.provider()).increment();
    }
  }

  private double lagSeconds(String provider) {
    return largestLag(live.values(), provider, clock.instant()).toMillis() / 1000.0;
  }

  /** The longest time since a last success among the loops of {@code provider}; zero when none runs. */
  static Duration largestLag(Collection<Live> loops, String provider, Instant now) {
    Duration largest = Duration.ZERO;
    for (Live loop : loops) {
      if (loop.provider().equals(provider)) {
        Duration lag = Duration.between(loop.lastSuccess(), now);
        largest = lag.compareTo(largest) > 0 ? lag : largest;
      }
    }
    return largest;
  }

  private Counter counter(String provider, String outcome) {
    return Counter.builder("scheduler.calendar.sync")
        .description("Syncs of external calendars finished, by provider and outcome")
        .tags("provider", provider, "outcome", outcome)
        .register(registry);
  }
}
