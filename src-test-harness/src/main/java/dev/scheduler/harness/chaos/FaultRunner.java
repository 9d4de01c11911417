package dev.scheduler.harness.chaos;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one fault and times it: inject, hold, heal. Meanwhile a {@link RecoveryProbe} watches from
 * the moment of injection, booking for every host over and over until the fault is healed and each
 * host books again: how long until every host could book for good (the survivors' take-over, or
 * the lone side of a partition downing itself). After the heal a second probe measures from the
 * heal (the returning node takes shards back). The load runs meanwhile in other threads; the
 * timestamps let the report put its failures in these windows.
 */
public final class FaultRunner {
  private static final Logger LOG = LoggerFactory.getLogger(FaultRunner.class);

  /**
   * @param duringFault watched from {@code injectedAt}: until when each host failed at least once
   * @param afterHeal   probe from {@code healedAt}; empty when the heal failed
   * @param error       what went wrong when the fault could not be injected or healed
   */
  public record FaultRun(String fault, Instant injectedAt, Instant healStartedAt, Instant healedAt,
      String healNotes, Optional<RecoveryProbe.Result> duringFault, Optional<RecoveryProbe.Result> afterHeal,
      Optional<String> error) {

    public String summary() {
      StringBuilder text = new StringBuilder(fault).append(": ");
      error.ifPresent(e -> text.append("ERROR ").append(e).append("; "));
      text.append(healNotes);
      duringFault.ifPresent(r -> text.append("; watched from injection ").append(r.summary()));
      afterHeal.ifPresent(r -> text.append("; after heal ").append(r.summary()));
      return text.toString();
    }
  }

  private final ClusterControl cluster;
  private final RecoveryProbe probe;
  private final List<RecoveryProbe.Target> targets;
  private final Clock clock;

  public FaultRunner(ClusterControl cluster, RecoveryProbe probe, List<RecoveryProbe.Target> targets, Clock clock) {
    this.cluster = cluster;
    this.probe = probe;
    this.targets = List.copyOf(targets);
    this.clock = clock;
  }

  public FaultRun run(Fault fault) {
    LOG.info("Fault '{}': injecting, holding {}", fault.name(), fault.hold());
    Instant injectedAt = clock.instant();
    try {
      fault.inject(cluster);
    } catch (RuntimeException e) {
      LOG.warn("Fault '{}' could not be injected", fault.name(), e);
      return new FaultRun(fault.name(), injectedAt, injectedAt, clock.instant(), "not injected",
          Optional.empty(), Optional.empty(), Optional.of(e.toString()));
    }
    AtomicBoolean healed = new AtomicBoolean();
    CompletableFuture<RecoveryProbe.Result> during =
        CompletableFuture.supplyAsync(() -> probe.watch(targets, injectedAt, healed::get));
    long holdUntil = System.nanoTime() + fault.hold().toNanos();
    Sleep.of(Duration.ofNanos(Math.max(0, holdUntil - System.nanoTime())));
    Instant healStartedAt = clock.instant();
    String notes;
    Optional<String> error = Optional.empty();
    try {
      notes = fault.heal(cluster);
    } catch (RuntimeException e) {
      LOG.warn("Fault '{}' did not heal", fault.name(), e);
      notes = "heal failed";
      error = Optional.of(e.getMessage());
    }
    Instant healedAt = clock.instant();
    healed.set(true);
    Optional<RecoveryProbe.Result> duringResult = Optional.of(during.join());
    Optional<RecoveryProbe.Result> afterResult =
        error.isPresent() ? Optional.empty() : Optional.of(probe.measure(targets, healedAt));
    FaultRun run = new FaultRun(fault.name(), injectedAt, healStartedAt, healedAt, notes, duringResult,
        afterResult, error);
    LOG.info("Fault done: {}", run.summary());
    return run;
  }
}
