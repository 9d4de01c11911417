package dev.scheduler.node.readside;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * An exactly-once read side: writes what one event means to its tables on the given connection.
 * The home commits those writes and the projection's offset in one transaction, so each event
 * changes the tables once, crashes included. Must not do anything outside the database (no mail,
 * no HTTP): a failed transaction is retried.
 */
@FunctionalInterface
public interface RowHandler {
  void handle(Connection connection, HostEvent event) throws SQLException;
}
