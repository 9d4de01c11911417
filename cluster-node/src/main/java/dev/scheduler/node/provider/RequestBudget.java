package dev.scheduler.node.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket of provider requests: {@code capacity} at once, refilled at {@code perMinute}.
 * One per connection and one per node, so that a storm of 429s slows the sync down instead of
 * being answered with more requests. Thread-safe; time comes from the clock passed in.
 */
public final class RequestBudget {
  private final Clock clock;
  private final double capacity;
  private final double perMilli;
  private double available;
  private Instant refilledAt;

  public RequestBudget(Clock clock, int capacity, int perMinute) {
    this.clock = clock;
    this.capacity = capacity;
    this.perMilli = perMinute / 60_000.0;
    this.available = capacity;
    this.refilledAt = clock.instant();
  }

  /** Takes one request if there is one; else says how long until there is. */
  public synchronized Duration tryTake() {
    refill();
    if (available >= 1) {
      available -= 1;
      return Duration.ZERO;
    }
    return Duration.ofMillis((long) Math.ceil((1 - available) / perMilli));
  }

  /** After a 429 the provider's own budget is spent: drain ours so the next request waits too. */
  public synchronized void drain() {
    refill();
    available = Math.min(available, 0);
  }

  private void refill() {
    Instant now = clock.instant();
    long elapsed = Math.max(0, Duration.between(refilledAt, now).toMillis());
    available = Math.min(capacity, available + elapsed * perMilli);
    refilledAt = now;
  }
}
