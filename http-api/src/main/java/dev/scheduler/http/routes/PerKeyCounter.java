package dev.scheduler.http.routes;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what is in progress per key (a host id) with a cap per key. A key's entry is removed when
 * its count returns to zero, so the map holds only keys with something in progress: never more than
 * the node's in-flight limit, however many distinct ids callers make up.
 */
final class PerKeyCounter {
  private final int maxPerKey;
  private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

  PerKeyCounter(int maxPerKey) {
    if (maxPerKey < 1) {
      throw new IllegalArgumentException("the limit per key must be at least 1, not " + maxPerKey);
    }
    this.maxPerKey = maxPerKey;
  }

  /** Takes a place for {@code key}, or returns false (and takes nothing) when it has none left. */
  boolean tryAcquire(String key) {
    boolean[] taken = {false};
    counts.compute(key, (k, count) -> {
      int now = count == null ? 0 : count;
      if (now >= maxPerKey) {
        return count;
      }
      taken[0] = true;
      return now + 1;
    });
    return taken[0];
  }

  /** Gives back a place that {@link #tryAcquire} took. */
  void release(String key) {
    counts.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
  }

  int inProgress(String key) {
    return counts.getOrDefault(key, 0);
  }

  /** Keys with something in progress: the map's size. */
  int keys() {
    return counts.size();
  }

  int maxPerKey() {
    return maxPerKey;
  }
}
