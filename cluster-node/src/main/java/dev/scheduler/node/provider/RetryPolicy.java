package dev.scheduler.node.provider;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Truncated exponential backoff with full jitter: the wait before attempt n is uniform in
 * [0, min(cap, base * 2^n)), or the provider's Retry-After when it gives a longer one. Jitter
 * spreads the retries of many connections hit by the same 429 storm instead of synchronising them.
 */
public record RetryPolicy(Duration base, Duration cap) {

  public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(500), Duration.ofMinutes(5));

  public Duration delayBefore(int attempt, Duration retryAfter, DoubleSupplier random) {
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt, 30));
    Duration jittered = Duration.ofMillis((long) (random.getAsDouble() * ceiling));
    return retryAfter != null && retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered;
  }
}
