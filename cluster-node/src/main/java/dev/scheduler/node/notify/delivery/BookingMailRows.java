package dev.scheduler.node.notify.delivery;

import dev.scheduler.node.notify.mail.NoticeKind;
import dev.scheduler.node.notify.mail.Party;
import dev.scheduler.node.notify.mail.Recipient;
import dev.scheduler.node.notify.outbox.OutboxMessage;
import dev.scheduler.node.notify.outbox.OutboxStore;
import dev.scheduler.node.readside.HostEvent;
import dev.scheduler.node.readside.RowHandler;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingCancelled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingConfirmed;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingRescheduled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.EventTypeSaved;
import dev.scheduler.protocol.calendar.HostCalendarEvent.HostCreated;
import dev.scheduler.protocol.model.Booking;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once read side of booking mail: for each booking confirmed, rescheduled or
 * cancelled, one outbox row per recipient (invitee and host), written in the projection offset's
 * transaction. It only writes rows: sending is the dispatcher's, so a slow SMTP server never
 * stalls the read side. It also keeps the host and event-type read models composition needs.
 */
final class BookingMailRows implements RowHandler {
  static final String PROJECTION = "notify-mail";
  static final String CHANNEL = "mail";
  private static final Logger LOG = LoggerFactory.getLogger(BookingMailRows.class);

  private final Clock clock;

  BookingMailRows(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void handle(Connection connection, HostEvent event) throws SQLException {
    if (event.event() instanceof HostCreated created) {
      NotifyDirectory.saveHost(connection, event.hostId(), created.host());
    } else if (event.event() instanceof EventTypeSaved saved) {
      NotifyDirectory.saveEventType(connection, event.hostId(), saved.eventType());
    } else if (event.event() instanceof BookingConfirmed confirmed) {
      confirmed(connection, event, confirmed.booking());
    } else if (event.event() instanceof BookingRescheduled moved) {
      changed(connection, event, moved.bookingId(), NoticeKind.RESCHEDULED, p -> p.moved(moved.start(), moved.end()));
    } else if (event.event() instanceof BookingCancelled cancelled) {
      changed(connection, event, cancelled.bookingId(), NoticeKind.CANCELLED, p -> p.cancelled(cancelled.reason()));
    }
  }

  private void confirmed(Connection connection, HostEvent event, Booking booking) throws SQLException {
    Optional<Party> host = NotifyDirectory.host(connection, event.hostId());
    if (host.isEmpty()) {
      LOG.warn("No mail for booking {}: host {} was created before host-calendar events were tagged",
          booking.id(), event.hostId());
      return;
    }
    String title = NotifyDirectory.title(connection, event.hostId(), booking.eventType()).orElse(booking.eventType());
    var invitee = booking.invitee();
    MailPayload payload = new MailPayload(booking.id(), 0, title, booking.start(), booking.end(), host.get(),
        new Party(invitee.name(), invitee.email(), invitee.timeZone()), booking.notes(), "");
    insertForBoth(connection, event, NoticeKind.CONFIRMED, payload);
  }

  // A change is told from the booking as its last mail told it; a booking whose confirmation the
  // read side never saw (before tagging) gets no mail about its changes either.
  private void changed(Connection connection, HostEvent event, String bookingId, NoticeKind kind,
      UnaryOperator<MailPayload> change) throws SQLException {
    Optional<OutboxMessage> last = OutboxStore.latestOfBooking(connection, CHANNEL, event.hostId(), bookingId);
    if (last.isEmpty()) {
      LOG.warn("No {} mail for booking {} of host {}: its confirmation predates tagged events", kind, bookingId,
          event.hostId());
      return;
    }
    if (last.get().eventSeqNr() >= event.sequenceNr()) {
      return;
    }
    insertForBoth(connection, event, kind, change.apply(MailPayload.fromJson(last.get().payload())));
  }

  private void insertForBoth(Connection connection, HostEvent event, NoticeKind kind, MailPayload payload)
      throws SQLException {
    Instant now = clock.instant();
    String json = payload.toJson();
    for (Recipient recipient : Recipient.values()) {
      String audience = recipient.name().toLowerCase(Locale.ROOT);
      Party to = recipient == Recipient.INVITEE ? payload.invitee() : payload.host();
      OutboxStore.insertIfAbsent(connection, OutboxMessage.pending(messageId(event, audience), CHANNEL,
          event.hostId(), payload.bookingId(), event.sequenceNr(), audience, to.email(), kind.name(), json, now, now),
          now);
    }
  }

  /** Stable for ever: the journal event that made the message, and its audience. */
  static String messageId(HostEvent event, String audience) {
    return CHANNEL + "-" + event.eventId() + "-" + audience;
  }
}
