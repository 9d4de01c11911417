package dev.scheduler.node.domain;

import java.time.Duration;

/**
 * When a failing connection stops retrying at its usual pace: at once after a fatal failure, or
 * after {@code afterFailures} failures in a row. Each quarantine in a row lasts twice as long as
 * the one before, from {@code first} up to {@code longest}.
 */
public record QuarantinePolicy(int afterFailures, Duration first, Duration longest) {

  public static final QuarantinePolicy DEFAULT = new QuarantinePolicy(5, Duration.ofMinutes(5), Duration.ofHours(6));

  public boolean applies(boolean fatal, int failuresInARow) {
    return fatal || failuresInARow >= afterFailures;
  }

  /** How long the quarantine numbered {@code inARow} (1 for the first) lasts. */
  public Duration length(int inARow) {
    int doublings = Math.min(Math.max(0, inARow - 1), 30);
    Duration length = first.multipliedBy(1L << doublings);
    return length.compareTo(longest) > 0 ? longest : length;
  }
}
