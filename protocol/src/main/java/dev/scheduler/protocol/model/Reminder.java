package dev.scheduler.protocol.model;

import dev.scheduler.protocol.CborSerializable;
import java.util.Objects;

/**
 * A reminder an event type sends before each of its bookings: {@code beforeMinutes} before the
 * start, to the invitee, the host or both.
 */
public record Reminder(int beforeMinutes, To to) implements CborSerializable {
  /** The longest lead time: four weeks. */
  public static final int MAX_BEFORE_MINUTES = 28 * 24 * 60;
  /** An event type has at most this many reminders. */
  public static final int MAX_PER_EVENT_TYPE = 5;

  public enum To {
    INVITEE,
    HOST,
    BOTH;

    public boolean invitee() {
      return this != HOST;
    }

    public boolean host() {
      return this != INVITEE;
    }
  }

  public Reminder {
    Objects.requireNonNull(to, "to");
    if (beforeMinutes < 1 || beforeMinutes > MAX_BEFORE_MINUTES) {
      throw new IllegalArgumentException("a reminder comes 1 to " + MAX_BEFORE_MINUTES + " minutes before the start");
    }
  }
}
