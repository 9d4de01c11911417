package dev.scheduler.node.readside;

import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingCancelled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingConfirmed;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingRescheduled;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.BookingStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code read_side_bookings}: every booking as the read side knows it, for the handlers that tell
 * people about bookings (mail, reminders, webhooks). {@code revision} starts at 0 and rises by one
 * on every reschedule and cancel, as an iCalendar SEQUENCE must. Exactly once, in the offset's
 * transaction; {@code last_sequence_nr} also makes an event that came twice change nothing.
 */
final class BookingsReadModel implements RowHandler {
  static final String PROJECTION = "bookings";
  private static final Logger LOG = LoggerFactory.getLogger(BookingsReadModel.class);

  private static final String LAST_SEQUENCE = "SELECT last_sequence_nr FROM read_side_bookings"
      + " WHERE host_id = ? AND booking_id = ?";
  private static final String INSERT = "INSERT INTO read_side_bookings (host_id, booking_id, event_type, start_at,"
      + " end_at, invitee_name, invitee_email, invitee_zone, status, cancel_reason, revision, last_sequence_nr,"
      + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, ?, ?)";
  private static final String MOVE = "UPDATE read_side_bookings SET start_at = ?, end_at = ?,"
      + " revision = revision + 1, last_sequence_nr = ?, updated_at = ? WHERE host_id = ? AND booking_id = ?";
  private static final String CANCEL = "UPDATE read_side_bookings SET status = ?, cancel_reason = ?,"
      + " revision = revision + 1, last_sequence_nr = ?, updated_at = ? WHERE host_id = ? AND booking_id = ?";

  @Override
  public void handle(Connection connection, HostEvent event) throws SQLException {
    if (event.event() instanceof BookingConfirmed confirmed) {
      confirm(connection, event, confirmed.booking());
    } else if (event.event() instanceof BookingRescheduled moved) {
      move(connection, event, moved);
    } else if (event.event() instanceof BookingCancelled cancelled) {
      cancel(connection, event, cancelled);
    }
  }

  private void confirm(Connection connection, HostEvent event, Booking booking) throws SQLException {
    if (lastSequence(connection, event.hostId(), booking.id()).isPresent()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, event.hostId());
      insert.setString(2, booking.id());
      insert.setString(3, booking.eventType());
      insert.setObject(4, utc(booking.start()));
      insert.setObject(5, utc(booking.end()));
      insert.setString(6, booking.invitee().name());
      insert.setString(7, booking.invitee().email());
      insert.setString(8, booking.invitee().timeZone().getId());
      insert.setString(9, booking.status().name());
      insert.setLong(10, event.sequenceNr());
      insert.setObject(11, utc(booking.createdAt()));
      insert.executeUpdate();
    }
  }

  private void move(Connection connection, HostEvent event, BookingRescheduled moved) throws SQLException {
    if (!isNew(connection, event, moved.bookingId())) {
      return;
    }
    try (PreparedStatement update = connection.prepareStatement(MOVE)) {
      update.setObject(1, utc(moved.start()));
      update.setObject(2, utc(moved.end()));
      update.setLong(3, event.sequenceNr());
      update.setObject(4, utc(moved.at()));
      update.setString(5, event.hostId());
      update.setString(6, moved.bookingId());
      update.executeUpdate();
    }
  }

  private void cancel(Connection connection, HostEvent event, BookingCancelled cancelled) throws SQLException {
    if (!isNew(connection, event, cancelled.bookingId())) {
      return;
    }
    try (PreparedStatement update = connection.prepareStatement(CANCEL)) {
      update.setString(1, BookingStatus.CANCELLED.name());
      update.setString(2, cancelled.reason());
      update.setLong(3, event.sequenceNr());
      update.setObject(4, utc(cancelled.at()));
      update.setString(5, event.hostId());
      update.setString(6, cancelled.bookingId());
      update.executeUpdate();
    }
  }

  // A change to a booking confirmed before host-calendar events were tagged finds no row: the read
  // side never saw that booking, and has too little in the change alone to make one up.
  private boolean isNew(Connection connection, HostEvent event, String bookingId) throws SQLException {
    OptionalLong last = lastSequence(connection, event.hostId(), bookingId);
    if (last.isEmpty()) {
      LOG.warn("Read side skips a change to booking {} of host {}: its confirmation predates tagged events",
          bookingId, event.hostId());
      return false;
    }
    return last.getAsLong() < event.sequenceNr();
  }

  private static OptionalLong lastSequence(Connection connection, String hostId, String bookingId)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(LAST_SEQUENCE)) {
      select.setString(1, hostId);
      select.setString(2, bookingId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
