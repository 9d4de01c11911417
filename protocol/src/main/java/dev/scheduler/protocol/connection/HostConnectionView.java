package dev.scheduler.protocol.connection;

import dev.scheduler.protocol.calendar.HostCalendarReplies.ConnectionList;
import dev.scheduler.protocol.calendar.HostConnection;

/**
 * A connection as its host sees it: the connection's own view, and the host's choices for it, which
 * the host's calendar keeps (both null when the host no longer lists the connection).
 */
public record HostConnectionView(ConnectionView connection, Boolean countsForConflicts, Boolean receivesBookings) {

  public static HostConnectionView of(ConnectionView connection, ConnectionList hostSide) {
    HostConnection mine = hostSide == null ? null : hostSide.connections().get(connection.id());
    if (mine == null) {
      return new HostConnectionView(connection, null, null);
    }
    return new HostConnectionView(connection, mine.countsForConflicts(),
        connection.id().equals(hostSide.bookingCalendar()));
  }
}
