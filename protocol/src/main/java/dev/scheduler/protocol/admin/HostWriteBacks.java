package dev.scheduler.protocol.admin;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The calendar write-back outbox of one host, per connection, for the operator console: the
 * writes its connections still owe (a row leaves the outbox once its writer has handled it). The
 * node reads it from {@code calendar_writeback_outbox}; the caller checks the admin token and
 * names the host's connections.
 */
@FunctionalInterface
public interface HostWriteBacks {
  /** The oldest rows shown per connection; {@code pending} counts them all. */
  int MAX_ROWS = 20;

  /** No outbox (route tests): nothing pending for any connection. */
  HostWriteBacks NONE = (hostId, connectionIds) -> CompletableFuture.completedFuture(new View(hostId,
      connectionIds.stream().map(id -> new ConnectionQueue(id, 0, null, List.of())).toList()));

  /** The pending writes of each of {@code connectionIds} for {@code hostId}, in that order. */
  CompletionStage<View> of(String hostId, List<String> connectionIds);

  record View(String hostId, List<ConnectionQueue> connections) {}

  /** {@code oldestPendingAt} is null when nothing is pending; {@code rows} are the oldest, in journal order. */
  record ConnectionQueue(String connectionId, long pending, Instant oldestPendingAt, List<PendingWrite> rows) {}

  /** One write owed: the host-journal event that asked for it, the booking and {@code UPSERT}, {@code MOVE} or {@code DELETE}. */
  record PendingWrite(long sequenceNr, String bookingId, String action, Instant createdAt) {}
}
