package dev.scheduler.protocol.model;

import dev.scheduler.protocol.CborSerializable;
import java.time.Instant;

/** An offered slot {@code [start, end)}. */
public record Slot(Instant start, Instant end) implements CborSerializable {
  /** The most days one slot listing may cover: bounds the work a single request can ask for. */
  public static final int MAX_LISTING_DAYS = 62;
}
