package dev.scheduler.node.testkit;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** A day in UTC, the zone of the tests' hosts, and its whole hours as the slots' starts. */
public record UtcDay(LocalDate date) {

  /** The day {@code days} after today in UTC. */
  public static UtcDay inDays(int days) {
    return new UtcDay(LocalDate.now(ZoneOffset.UTC).plusDays(days));
  }

  public ZonedDateTime at(int hour) {
    return date.atTime(hour, 0).atZone(ZoneOffset.UTC);
  }

  /** {@link #at} as the API writes a slot's start, an ISO instant. */
  public String iso(int hour) {
    return at(hour).toInstant().toString();
  }
}
