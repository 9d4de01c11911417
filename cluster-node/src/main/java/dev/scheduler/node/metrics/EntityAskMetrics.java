package dev.scheduler.node.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * How long an entity takes to answer an ask, by entity type, command and outcome. A host command
 * that writes is answered only after its event is persisted, so for {@code Book} this is the
 * booking's persist latency plus the hop to the entity's node.
 */
public final class EntityAskMetrics {
  private static final Duration[] BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(10)};

  private final MeterRegistry registry;

  EntityAskMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Kept in memory only (tests that build their own entity client). */
  public static EntityAskMetrics inMemory() {
    return new EntityAskMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
  }

  /** Records the answer's latency when {@code reply} completes; returns {@code reply} unchanged. */
  public <T> CompletionStage<T> timed(String entity, String command, long startedNanos, CompletionStage<T> reply) {
    return reply.whenComplete((value, failure) -> Timer.builder("scheduler.entity.ask")
        .description("Entity asks answered, by entity type, command and outcome")
        .tags("entity", entity, "command", command, "outcome", outcome(failure))
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(Duration.ofNanos(System.nanoTime() - startedNanos)));
  }

  private static String outcome(Throwable failure) {
    if (failure == null) {
      return "ok";
    }
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof TimeoutException || failure instanceof TimeoutException ? "timeout" : "refused";
  }
}
