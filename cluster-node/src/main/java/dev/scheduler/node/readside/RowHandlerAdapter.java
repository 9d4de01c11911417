package dev.scheduler.node.readside;

import dev.scheduler.protocol.calendar.HostCalendarEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/**
 * Runs a {@link RowHandler} over a batch of events inside one projection transaction (the offset
 * of the batch's last event is stored in it too), and counts, in the same transaction, the events
 * each projection instance applied ({@code read_side_progress}): an operator sees progress per tag,
 * and a replay from the first event (a lost offset) would show as more events applied than the
 * journal holds. Batches, not one transaction per event: per event, the progress update, the
 * offset upsert and the commit had cost more than the handler's own writes.
 */
final class RowHandlerAdapter extends JdbcHandler<List<EventEnvelope<HostCalendarEvent>>, PooledJdbcSession> {
  private static final String COUNT = "UPDATE read_side_progress SET events_handled = events_handled + ?"
      + " WHERE projection_name = ? AND projection_key = ?";
  private static final String FIRST = "INSERT INTO read_side_progress (projection_name, projection_key, events_handled)"
      + " VALUES (?, ?, ?)";

  private final String name;
  private final String tag;
  private final RowHandler handler;

  RowHandlerAdapter(String name, String tag, RowHandler handler) {
    this.name = name;
    this.tag = tag;
    this.handler = handler;
  }

  @Override
  public void process(PooledJdbcSession session, List<EventEnvelope<HostCalendarEvent>> envelopes) throws Exception {
    session.withConnection(connection -> {
      for (EventEnvelope<HostCalendarEvent> envelope : envelopes) {
        handler.handle(connection, ReadSide.hostEvent(envelope));
      }
      count(connection, envelopes.size());
      return null;
    });
  }

  private void count(Connection connection, int events) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(COUNT)) {
      update.setInt(1, events);
      update.setString(2, name);
      update.setString(3, tag);
      if (update.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(FIRST)) {
      insert.setString(1, name);
      insert.setString(2, tag);
      insert.setInt(3, events);
      insert.executeUpdate();
    }
  }
}
