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
import dev.scheduler.protocol.model.Reminder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 *
 * <p>Reminders are rows too, due {@code beforeMinutes} before the start and expiring at the start:
 * planned when the booking is made, made obsolete (never sent) when it is cancelled or moved, and
 * planned again at the new time on a reschedule.
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
      Optional<MailPayload> now = changed(connection, event, moved.bookingId(), NoticeKind.RESCHEDULED,
          p -> p.moved(moved.start(), moved.end()));
      if (now.isPresent()) {
        planReminders(connection, event, now.get(), moved.at());
      }
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
    String title = NotifyDirectory.eventType(connection, event.hostId(), booking.eventType())
        .map(NotifyDirectory.TypeInfo::title).orElse(booking.eventType());
    var invitee = booking.invitee();
    MailPayload payload = new MailPayload(booking.id(), booking.eventType(), 0, title, booking.start(), booking.end(),
        host.get(), new Party(invitee.name(), invitee.email(), invitee.timeZone()), booking.notes(), "", 0);
    insertForBoth(connection, event, NoticeKind.CONFIRMED, payload);
    planReminders(connection, event, payload, booking.createdAt());
  }

  // A reminder whose time had already passed when the booking was made or moved is not planned:
  // the confirmation told both sides then. The entity's time of the change decides, not the time
  // this read side gets to the event (after a restart that can be much later: a reminder that fell
  // due meanwhile is still planned, and sent unless the booking has started).
  private void planReminders(Connection connection, HostEvent event, MailPayload payload, Instant changedAt)
      throws SQLException {
    List<Reminder> reminders = NotifyDirectory.eventType(connection, event.hostId(), payload.eventType())
        .map(NotifyDirectory.TypeInfo::reminders).orElse(List.of());
    Instant now = clock.instant();
    for (Reminder reminder : reminders) {
      Instant due = payload.start().minus(Duration.ofMinutes(reminder.beforeMinutes()));
      if (!due.isAfter(changedAt)) {
        continue;
      }
      MailPayload told = payload.reminder(reminder.beforeMinutes());
      String json = told.toJson();
      for (Recipient recipient : Recipient.values()) {
        if (recipient == Recipient.INVITEE ? reminder.to().invitee() : reminder.to().host()) {
          String audience = recipient.name().toLowerCase(Locale.ROOT);
          String id = CHANNEL + "-" + event.eventId() + "-reminder" + reminder.beforeMinutes() + "-" + audience;
          OutboxStore.insertIfAbsent(connection, OutboxMessage.pending(id, CHANNEL, event.hostId(), told.bookingId(),
              event.sequenceNr(), audience, address(told, recipient), NoticeKind.REMINDER.name(), json, due, now)
              .withExpiresAt(told.start()), now);
        }
      }
    }
  }

  // A change is told from the booking as its last mail told it; a booking whose confirmation the
  // read side never saw (before tagging) gets no mail about its changes either.
  private Optional<MailPayload> changed(Connection connection, HostEvent event, String bookingId, NoticeKind kind,
      UnaryOperator<MailPayload> change) throws SQLException {
    Optional<OutboxMessage> last = OutboxStore.latestOfBooking(connection, CHANNEL, event.hostId(), bookingId);
    if (last.isEmpty()) {
      LOG.warn("No {} mail for booking {} of host {}: its confirmation predates tagged events", kind, bookingId,
          event.hostId());
      return Optional.empty();
    }
    if (last.get().eventSeqNr() >= event.sequenceNr()) {
      return Optional.empty();
    }
    // Reminders planned for the old time, or for a booking that will not happen, are never sent.
    OutboxStore.obsoletePending(connection, CHANNEL, event.hostId(), bookingId, NoticeKind.REMINDER.name(),
        "booking " + kind.name().toLowerCase(Locale.ROOT), clock.instant());
    MailPayload payload = change.apply(MailPayload.fromJson(last.get().payload()));
    insertForBoth(connection, event, kind, payload);
    return Optional.of(payload);
  }

  private void insertForBoth(Connection connection, HostEvent event, NoticeKind kind, MailPayload payload)
      throws SQLException {
    Instant now = clock.instant();
    String json = payload.toJson();
    for (Recipient recipient : Recipient.values()) {
      String audience = recipient.name().toLowerCase(Locale.ROOT);
      OutboxStore.insertIfAbsent(connection, OutboxMessage.pending(messageId(event, audience), CHANNEL,
          event.hostId(), payload.bookingId(), event.sequenceNr(), audience, address(payload, recipient), kind.name(),
          json, now, now), now);
    }
  }

  private static String address(MailPayload payload, Recipient recipient) {
    return (recipient == Recipient.INVITEE ? payload.invitee() : payload.host()).email();
  }

  /** Stable for ever: the journal event that made the message, and its audience. */
  static String messageId(HostEvent event, String audience) {
    return CHANNEL + "-" + event.eventId() + "-" + audience;
  }
}
