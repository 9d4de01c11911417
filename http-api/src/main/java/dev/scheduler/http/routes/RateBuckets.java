package dev.scheduler.http.routes;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per key (a client address): each key may spend {@code burst} requests at once and
 * {@code perSecond} sustained. Memory is bounded twice: a bucket that has refilled is the same as no
 * bucket, so idle ones are dropped as they are met (least recently used first), and past
 * {@code maxKeys} the least recently used bucket is dropped, which only ever forgives its key.
 */
final class RateBuckets {
  private final double perSecond;
  private final int burst;
  private final int maxKeys;
  private final Clock clock;
  private final LinkedHashMap<String, Bucket> buckets;

  /** The outcome of a request: allowed, or refused with the whole seconds until one is allowed. */
  record Outcome(boolean allowed, long retryAfterSeconds) {}

  RateBuckets(double perSecond, int burst, int maxKeys, Clock clock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.maxKeys = maxKeys;
    this.clock = clock;
    this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > RateBuckets.this.maxKeys;
      }
    };
  }

  synchronized Outcome tryTake(String key) {
    long now = clock.millis();
    dropIdle(now);
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      bucket = new Bucket(burst, now);
      buckets.put(key, bucket);
    }
    bucket.refill(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return new Outcome(true, 0);
    }
    long wait = (long) Math.ceil((1 - bucket.tokens) / perSecond);
    return new Outcome(false, Math.max(1, wait));
  }

  synchronized int size() {
    return buckets.size();
  }

  // The map is in access order, so the eldest entries are the longest unused: drop them while they
  // have refilled. A couple at a time keeps each request's share of the work constant.
  private void dropIdle(long now) {
    Iterator<Bucket> eldest = buckets.values().iterator();
    for (int i = 0; i < 2 && eldest.hasNext(); i++) {
      Bucket bucket = eldest.next();
      if (!bucket.isFullAt(now)) {
        return;
      }
      eldest.remove();
    }
  }

  private final class Bucket {
    private double tokens;
    private long updatedMillis;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updatedMillis = now;
    }

    void refill(long now) {
      // A clock that steps back refills nothing, rather than taking tokens away.
      long elapsed = Math.max(0, now - updatedMillis);
      tokens = Math.min(burst, tokens + elapsed * perSecond / 1000.0);
      updatedMillis = Math.max(updatedMillis, now);
    }

    boolean isFullAt(long now) {
      return tokens + Math.max(0, now - updatedMillis) * perSecond / 1000.0 >= burst;
    }
  }
}
