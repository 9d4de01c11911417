package dev.scheduler.harness.chaos;

import java.time.Duration;

/** Sleeps that turn an interrupt into an unchecked exception with the flag kept. */
final class Sleep {
  private Sleep() {}

  static void millis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static void of(Duration duration) {
    if (!duration.isNegative() && !duration.isZero()) {
      millis(duration.toMillis());
    }
  }
}
