package dev.scheduler.node.connection;

import dev.scheduler.node.domain.CalendarWriteBack;
import dev.scheduler.node.domain.CalendarWriteBack.Row;
import dev.scheduler.node.readside.HostEvent;
import dev.scheduler.node.readside.RowHandler;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * The exactly-once read side of the calendar write-back: for each booking event that asks a
 * connection to write it, one row in {@code calendar_writeback_outbox}, in the projection offset's
 * transaction. It never calls a provider: each connection's {@link BookingWriter} reads its own
 * rows and writes them with its own retries, so a calendar that is down delays only its connection,
 * not the other hosts of its tag.
 */
final class WriteBackRows implements RowHandler {
  /** Names the stored offsets: renaming it would start again from the first tagged event. */
  static final String PROJECTION = "calendar-writeback";

  private final Clock clock;

  WriteBackRows(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void handle(Connection connection, HostEvent event) throws SQLException {
    Optional<Row> row = CalendarWriteBack.rowOf(event.hostId(), event.sequenceNr(), event.event());
    if (row.isPresent()) {
      WriteBackStore.insertIfAbsent(connection, row.get(), clock.instant());
    }
  }
}
