package dev.scheduler.node.notify.webhook;

import dev.scheduler.node.notify.outbox.OutboxMessage;
import dev.scheduler.node.notify.outbox.OutboxStore;
import dev.scheduler.node.readside.HostEvent;
import dev.scheduler.node.readside.RowHandler;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingCancelled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingConfirmed;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingRescheduled;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once read side of webhooks: for each booking confirmed, rescheduled or cancelled, one
 * {@code notify_outbox} row (channel {@code webhook}) per active subscription of the host that asked
 * for that event type, written in the projection offset's transaction. The row's id is the event id
 * (host id and journal sequence number) with the subscription id, so an event handled again after
 * a crash adds nothing. The body is composed here, once: every attempt sends the same bytes. It only
 * writes rows: sending is the dispatcher's, so a slow receiver never stalls the read side.
 */
final class WebhookRows implements RowHandler {
  static final String PROJECTION = "notify-webhook";
  static final String CHANNEL = "webhook";
  static final String AUDIENCE = "subscription";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookRows.class);

  private final Clock clock;

  WebhookRows(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void handle(Connection connection, HostEvent event) throws SQLException {
    if (event.event() instanceof BookingConfirmed confirmed) {
      if (WebhookStore.booking(connection, event.hostId(), confirmed.booking().id()).isEmpty()) {
        String booking = WebhookPayload.booking(event.hostId(), confirmed.booking());
        WebhookStore.saveBooking(connection, event.hostId(), confirmed.booking().id(), booking, event.sequenceNr(),
            true);
        enqueue(connection, event, confirmed.booking().id(), WebhookEventType.BOOKING_CREATED,
            confirmed.booking().createdAt(), booking);
      }
    } else if (event.event() instanceof BookingRescheduled moved) {
      Optional<String> before = changed(connection, event, moved.bookingId(), WebhookEventType.BOOKING_RESCHEDULED);
      if (before.isPresent()) {
        save(connection, event, moved.bookingId(), WebhookEventType.BOOKING_RESCHEDULED, moved.at(),
            WebhookPayload.moved(before.get(), moved.start(), moved.end()));
      }
    } else if (event.event() instanceof BookingCancelled cancelled) {
      Optional<String> before = changed(connection, event, cancelled.bookingId(), WebhookEventType.BOOKING_CANCELLED);
      if (before.isPresent()) {
        save(connection, event, cancelled.bookingId(), WebhookEventType.BOOKING_CANCELLED, cancelled.at(),
            WebhookPayload.cancelled(before.get(), cancelled.reason()));
      }
    }
  }

  /** The booking as last told, when this event is new to it. */
  private Optional<String> changed(Connection connection, HostEvent event, String bookingId, WebhookEventType type)
      throws SQLException {
    Optional<WebhookStore.BookingState> before = WebhookStore.booking(connection, event.hostId(), bookingId);
    if (before.isEmpty()) {
      LOG.warn("No {} webhook for booking {} of host {}: its confirmation predates tagged events", type.wireName(),
          bookingId, event.hostId());
      return Optional.empty();
    }
    return before.get().lastSequenceNr() < event.sequenceNr() ? Optional.of(before.get().json()) : Optional.empty();
  }

  private void save(Connection connection, HostEvent event, String bookingId, WebhookEventType type, Instant at,
      String booking) throws SQLException {
    WebhookStore.saveBooking(connection, event.hostId(), bookingId, booking, event.sequenceNr(), false);
    enqueue(connection, event, bookingId, type, at, booking);
  }

  private void enqueue(Connection connection, HostEvent event, String bookingId, WebhookEventType type, Instant at,
      String booking) throws SQLException {
    String body = WebhookPayload.event(event.eventId(), type, at, booking);
    Instant now = clock.instant();
    for (Subscription subscription : WebhookStore.ofHost(connection, event.hostId())) {
      if (subscription.wants(type)) {
        OutboxStore.insertIfAbsent(connection, OutboxMessage.pending(messageId(event, subscription.id()), CHANNEL,
            event.hostId(), bookingId, event.sequenceNr(), AUDIENCE, subscription.id(), type.wireName(), body, now,
            now), now);
      }
    }
  }

  /** Stable for ever: the journal event and the subscription. */
  static String messageId(HostEvent event, String subscriptionId) {
    return CHANNEL + "-" + event.eventId() + "-" + subscriptionId;
  }
}
