package dev.scheduler.node.connection;

import dev.scheduler.node.domain.CalendarWriteBack.Row;
import dev.scheduler.node.readside.ReadSide;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.db.SlickExtension;
import org.apache.pekko.persistence.jdbc.db.SlickExtensionImpl;
import slick.jdbc.JdbcDataSource;

/**
 * The calendar write-back's outbox ({@code calendar_writeback_outbox}): filled by a read side on the
 * one home ({@link WriteBackRows}), read by each connection's {@link BookingWriter}. Reads borrow a
 * connection of the node's one shared pool (the journal's) and block: call them off actor threads.
 */
public final class WriteBackOutbox {
  private final JdbcDataSource pool;

  private WriteBackOutbox(JdbcDataSource pool) {
    this.pool = pool;
  }

  /** Registers the read side that fills the outbox; the node calls this once, at start. */
  public static WriteBackOutbox start(ActorSystem<?> system, Clock clock) {
    ReadSide.get(system).exactlyOnce(WriteBackRows.PROJECTION, () -> new WriteBackRows(clock));
    SlickExtensionImpl slick = (SlickExtensionImpl) SlickExtension.get(system);
    return new WriteBackOutbox(slick.database(system.settings().config().getConfig("jdbc-read-journal"))
        .database().source());
  }

  List<Row> after(String connectionId, String hostId, long after, int limit) throws SQLException {
    try (Connection connection = pool.createConnection()) {
      return WriteBackStore.after(connection, connectionId, hostId, after, limit);
    }
  }

  OptionalLong lastUntagged(String persistenceId, long after, long before) throws SQLException {
    try (Connection connection = pool.createConnection()) {
      return WriteBackStore.lastUntagged(connection, persistenceId, after, before);
    }
  }

  int prune(String connectionId, String hostId, long upTo) throws SQLException {
    try (Connection connection = pool.createConnection()) {
      return WriteBackStore.prune(connection, connectionId, hostId, upTo);
    }
  }
}
