package dev.scheduler.node.connection;

import dev.scheduler.node.notify.outbox.ConnectionSource;
import dev.scheduler.protocol.admin.HostWriteBacks;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The write-back outbox of a host for the operator console, read from
 * {@code calendar_writeback_outbox} on a blocking thread. Rows leave the table once their writer
 * has handled them (written, or given up on and reported), so every row there is still owed.
 * A host has at most 20 connections: two indexed reads each, on one pooled connection.
 */
public final class WriteBackQueueQuery implements HostWriteBacks {
  private final ConnectionSource database;
  private final Executor blocking;

  public WriteBackQueueQuery(ConnectionSource database, Executor blocking) {
    this.database = database;
    this.blocking = blocking;
  }

  @Override
  public CompletionStage<View> of(String hostId, List<String> connectionIds) {
    return CompletableFuture.supplyAsync(() -> read(hostId, connectionIds), blocking);
  }

  private View read(String hostId, List<String> connectionIds) {
    try (Connection connection = database.open()) {
      List<ConnectionQueue> queues = new ArrayList<>();
      for (String connectionId : connectionIds) {
        queues.add(WriteBackStore.queue(connection, connectionId, hostId, MAX_ROWS));
      }
      return new View(hostId, queues);
    } catch (SQLException e) {
      throw new CompletionException(e);
    }
  }
}
