package dev.scheduler.node.notify.outbox;

import java.sql.Connection;
import java.sql.SQLException;

/** Where the dispatcher borrows connections (the node's shared pool); closing one gives it back. */
@FunctionalInterface
public interface ConnectionSource {
  Connection open() throws SQLException;
}
