package dev.scheduler.node.notify.webhook;

import dev.scheduler.protocol.calendar.HostCalendarEvent;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingCancelled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingConfirmed;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingRescheduled;
import java.util.Arrays;
import java.util.Optional;

/** The events a subscription can ask for, by their names on the wire. */
public enum WebhookEventType {
  BOOKING_CREATED("booking.created"),
  BOOKING_CANCELLED("booking.cancelled"),
  BOOKING_RESCHEDULED("booking.rescheduled");

  private final String wireName;

  WebhookEventType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<WebhookEventType> ofWireName(String name) {
    return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
  }

  /** The webhook event a journal event is, if any. */
  public static Optional<WebhookEventType> of(HostCalendarEvent event) {
    if (event instanceof BookingConfirmed) {
      return Optional.of(BOOKING_CREATED);
    } else if (event instanceof BookingRescheduled) {
      return Optional.of(BOOKING_RESCHEDULED);
    } else if (event instanceof BookingCancelled) {
      return Optional.of(BOOKING_CANCELLED);
    }
    return Optional.empty();
  }
}
