package dev.scheduler.node.notify.delivery;

import dev.scheduler.node.notify.outbox.ConnectionSource;
import dev.scheduler.node.notify.outbox.OutboxMessage;
import dev.scheduler.node.notify.outbox.OutboxState;
import dev.scheduler.node.notify.outbox.OutboxStore;
import dev.scheduler.protocol.notify.BookingNotifications;
import dev.scheduler.protocol.notify.NotificationView;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** A booking's messages as the outbox holds them, read on a blocking thread for the booking route. */
final class OutboxNotifications implements BookingNotifications {
  private final ConnectionSource database;
  private final Executor blocking;

  OutboxNotifications(ConnectionSource database, Executor blocking) {
    this.database = database;
    this.blocking = blocking;
  }

  @Override
  public CompletionStage<List<NotificationView>> of(String hostId, String bookingId) {
    return CompletableFuture.supplyAsync(() -> read(hostId, bookingId), blocking);
  }

  private List<NotificationView> read(String hostId, String bookingId) {
    try (Connection connection = database.open()) {
      // Mail only: webhook deliveries belong to the host's integration (shown per subscription at
      // .../webhooks/{id}/deliveries), not to whoever holds the booking's token.
      return OutboxStore.ofBooking(connection, hostId, bookingId).stream()
          .filter(m -> m.channel().equals(BookingMailRows.CHANNEL))
          .map(OutboxNotifications::view).toList();
    } catch (SQLException e) {
      throw new CompletionException(e);
    }
  }

  private static NotificationView view(OutboxMessage m) {
    return new NotificationView(m.channel(), m.kind(), m.audience(), m.state().column(), m.attempts(), m.lastError(),
        m.createdAt(), m.state() == OutboxState.PENDING ? m.dueAt() : null);
  }
}
