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

/**
 * {@code read_side_booking_facts}: what host analytics needs of every booking (meeting start,
 * when it was booked, status, cancel reason, number of reschedules), and
 * {@code read_side_analytics_hosts}: the last event of each host applied, for the answer's
 * {@code asOf}. Exactly once, in the offset's transaction; {@code last_sequence_nr} also makes an
 * event that came twice change nothing.
 */
final class BookingFactsReadModel implements RowHandler {
  static final String PROJECTION = "booking-facts";

  private static final String LAST_SEQUENCE = "SELECT last_sequence_nr FROM read_side_booking_facts"
      + " WHERE host_id = ? AND booking_id = ?";
  private static final String INSERT = "INSERT INTO read_side_booking_facts (host_id, booking_id, start_at,"
      + " booked_at, status, cancel_reason, reschedules, last_sequence_nr) VALUES (?, ?, ?, ?, ?, NULL, 0, ?)";
  private static final String MOVE = "UPDATE read_side_booking_facts SET start_at = ?, reschedules = reschedules + 1,"
      + " last_sequence_nr = ? WHERE host_id = ? AND booking_id = ?";
  private static final String CANCEL = "UPDATE read_side_booking_facts SET status = ?, cancel_reason = ?,"
      + " last_sequence_nr = ? WHERE host_id = ? AND booking_id = ?";
  private static final String HOST_SEQUENCE = "SELECT last_sequence_nr FROM read_side_analytics_hosts"
      + " WHERE host_id = ?";
  private static final String INSERT_HOST = "INSERT INTO read_side_analytics_hosts (last_sequence_nr, last_event_at,"
      + " host_id) VALUES (?, ?, ?)";
  private static final String UPDATE_HOST = "UPDATE read_side_analytics_hosts SET last_sequence_nr = ?,"
      + " last_event_at = ? WHERE host_id = ?";

  @Override
  public void handle(Connection connection, HostEvent event) throws SQLException {
    OptionalLong hostLast = hostSequence(connection, event.hostId());
    if (hostLast.isPresent() && hostLast.getAsLong() >= event.sequenceNr()) {
      return;
    }
    if (event.event() instanceof BookingConfirmed confirmed) {
      confirm(connection, event, confirmed.booking());
    } else if (event.event() instanceof BookingRescheduled moved) {
      change(connection, event, moved.bookingId(), MOVE, update -> {
        update.setObject(1, utc(moved.start()));
        return 2;
      });
    } else if (event.event() instanceof BookingCancelled cancelled) {
      change(connection, event, cancelled.bookingId(), CANCEL, update -> {
        update.setString(1, BookingStatus.CANCELLED.name());
        update.setString(2, cancelled.reason());
        return 3;
      });
    }
    try (PreparedStatement host = connection.prepareStatement(hostLast.isPresent() ? UPDATE_HOST : INSERT_HOST)) {
      host.setLong(1, event.sequenceNr());
      host.setObject(2, utc(event.writtenAt()));
      host.setString(3, event.hostId());
      host.executeUpdate();
    }
  }

  private void confirm(Connection connection, HostEvent event, Booking booking) throws SQLException {
    if (lastSequence(connection, event.hostId(), booking.id()).isPresent()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, event.hostId());
      insert.setString(2, booking.id());
      insert.setObject(3, utc(booking.start()));
      insert.setObject(4, utc(booking.createdAt()));
      insert.setString(5, booking.status().name());
      insert.setLong(6, event.sequenceNr());
      insert.executeUpdate();
    }
  }

  private interface Setter {
    /** Sets the change's own parameters; answers the index of the next one. */
    int set(PreparedStatement update) throws SQLException;
  }

  // A change to a booking confirmed before host-calendar events were tagged finds no row and is
  // skipped, as in BookingsReadModel (which logs it).
  private void change(Connection connection, HostEvent event, String bookingId, String sql, Setter own)
      throws SQLException {
    OptionalLong last = lastSequence(connection, event.hostId(), bookingId);
    if (last.isEmpty() || last.getAsLong() >= event.sequenceNr()) {
      return;
    }
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      int next = own.set(update);
      update.setLong(next, event.sequenceNr());
      update.setString(next + 1, event.hostId());
      update.setString(next + 2, bookingId);
      update.executeUpdate();
    }
  }

  private static OptionalLong hostSequence(Connection connection, String hostId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(HOST_SEQUENCE)) {
      select.setString(1, hostId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
      }
    }
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
