package dev.scheduler.http.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A UTC clock that moves only when a test advances it. */
public final class SteppingClock extends Clock {
  private final AtomicReference<Instant> now = new AtomicReference<>(ApiRouteTest.NOW);

  public void advance(Duration step) {
    now.updateAndGet(t -> t.plus(step));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a stepping clock stays in UTC");
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
