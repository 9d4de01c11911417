package dev.scheduler.node.notify.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Exponential backoff with jitter: {@code initial} doubling up to {@code max} per attempt, each
 * delay scaled by a factor in [0.8, 1.2) so that messages that failed together do not all come
 * back together. A message first tried more than {@code giveUpAfter} ago is given up.
 */
public record RetryPolicy(Duration initial, Duration max, Duration giveUpAfter) {

  public RetryPolicy {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || giveUpAfter.isNegative()) {
      throw new IllegalArgumentException("retry: 0 < initial <= max, give-up-after >= 0");
    }
  }

  /**
   * When to try again after the {@code attempts}-th failed attempt (1 for the first), or empty to
   * give up. {@code jitter} is a number in [0, 1) (random in production, fixed in tests).
   */
  public Optional<Instant> nextAttempt(int attempts, Instant createdAt, Instant now, double jitter) {
    if (!now.isBefore(createdAt.plus(giveUpAfter))) {
      return Optional.empty();
    }
    return Optional.of(now.plus(delay(attempts, jitter)));
  }

  Duration delay(int attempts, double jitter) {
    Duration delay = initial;
    // Stops doubling at the cap, so no number of attempts can overflow.
    for (int i = 1; i < attempts && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    long millis = Math.min(delay.toMillis(), max.toMillis());
    return Duration.ofMillis(Math.round(millis * (0.8 + 0.4 * jitter)));
  }
}
