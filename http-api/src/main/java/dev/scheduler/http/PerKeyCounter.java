package dev.scheduler.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what is in progress per key (requests per host id, open connections per client address)
 * with a cap per key. A key's entry is removed when its count returns to zero, so the map holds
 * only keys with something in progress, however many distinct keys callers make up.
 */
public final class PerKeyCounter<K> {
  private final int maxPerKey;
  private final ConcurrentHashMap<K, Integer> counts = new ConcurrentHashMap<>();

  public PerKeyCounter(int maxPerKey) {
    if (maxPerKey < 1) {
      throw new IllegalArgumentException("the limit per key must be at least 1, not " + maxPerKey);
    }
    this.maxPerKey = maxPerKey;
  }

  /** Takes a place for {@code key}, or returns false (and takes nothing) when it has none left. */
  public boolean tryAcquire(K key) {
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
  public void release(K key) {
    counts.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
  }

  public int inProgress(K key) {
    return counts.getOrDefault(key, 0);
  }

  /** Keys with something in progress: the map's size. */
  public int keys() {
    return counts.size();
  }

  public int maxPerKey() {
    return maxPerKey;
  }
}
