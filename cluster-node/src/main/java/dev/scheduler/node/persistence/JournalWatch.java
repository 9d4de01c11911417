package dev.scheduler.node.persistence;

import com.typesafe.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes the journal every {@code probe-interval} and remembers since when it has been failing.
 * The node is no longer alive once it has failed for longer than {@code journal-outage-limit}:
 * an orchestrator then replaces it, while a database that comes back sooner (a restart) costs
 * only readiness. Time is read from the node's clock.
 */
public final class JournalWatch {
  private static final Logger LOG = LoggerFactory.getLogger(JournalWatch.class);

  /** {@code scheduler.health}: how often the journal is probed, and how long it may fail. */
  public record Settings(Duration probeInterval, Duration probeTimeout, Duration outageLimit) {
    public static Settings from(Config config) {
      Config health = config.getConfig("scheduler.health");
      return new Settings(health.getDuration("journal-probe-interval"), health.getDuration("journal-probe-timeout"),
          health.getDuration("journal-outage-limit"));
    }
  }

  private final Settings settings;
  private final Clock clock;
  private final Supplier<CompletionStage<?>> probe;
  private final AtomicReference<Instant> failingSince = new AtomicReference<>();
  private final AtomicBoolean probing = new AtomicBoolean();

  JournalWatch(Settings settings, Clock clock, Supplier<CompletionStage<?>> probe) {
    this.settings = settings;
    this.clock = clock;
    this.probe = probe;
  }

  /** Probes on the system's scheduler until it terminates. */
  void start(ActorSystem<?> system) {
    system.scheduler().scheduleWithFixedDelay(settings.probeInterval(), settings.probeInterval(), this::probeOnce,
        system.executionContext());
  }

  public boolean isAlive() {
    Instant since = failingSince.get();
    return since == null || Duration.between(since, clock.instant()).compareTo(settings.outageLimit()) <= 0;
  }

  void probeOnce() {
    if (!probing.compareAndSet(false, true)) {
      return;
    }
    probe.get().toCompletableFuture()
        .orTimeout(settings.probeTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((ok, failure) -> {
          probing.set(false);
          record(failure);
        });
  }

  private void record(Throwable failure) {
    if (failure == null) {
      if (failingSince.getAndSet(null) != null) {
        LOG.info("The journal answers again");
      }
    } else if (failingSince.compareAndSet(null, clock.instant())) {
      LOG.warn("The journal does not answer ({}); the node reports not alive if it still fails after {}",
          failure.getClass().getSimpleName(), settings.outageLimit());
    }
  }
}
