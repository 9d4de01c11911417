package dev.scheduler.node.readside;

import dev.scheduler.protocol.calendar.HostCalendarEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/**
 * Runs a {@link RowHandler} inside the projection's transaction and counts, in the same
 * transaction, the events each projection instance applied ({@code read_side_progress}): an
 * operator sees progress per tag, and a replay from the first event (a lost offset) would show as
 * more events applied than the journal holds.
 */
final class RowHandlerAdapter extends JdbcHandler<EventEnvelope<HostCalendarEvent>, PooledJdbcSession> {
  private static final String COUNT = "UPDATE read_side_progress SET events_handled = events_handled + 1"
      + " WHERE projection_name = ? AND projection_key = ?";
  private static final String FIRST = "INSERT INTO read_side_progress (projection_name, projection_key, events_handled)"
      + " VALUES (?, ?, 1)";

  private final String name;
  private final String tag;
  private final RowHandler handler;

  RowHandlerAdapter(String name, String tag, RowHandler handler) {
    this.name = name;
    this.tag = tag;
    this.handler = handler;
  }

  @Override
  public void process(PooledJdbcSession session, EventEnvelope<HostCalendarEvent> envelope) throws Exception {
    session.withConnection(connection -> {
      handler.handle(connection, ReadSide.hostEvent(envelope));
      count(connection);
      return null;
    });
  }

  private void count(Connection connection) throws SQLException {
    if (execute(connection, COUNT) == 0) {
      execute(connection, FIRST);
    }
  }

  private int execute(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, name);
      statement.setString(2, tag);
      return statement.executeUpdate();
    }
  }
}
