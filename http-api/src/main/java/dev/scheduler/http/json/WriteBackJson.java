package dev.scheduler.http.json;

import dev.scheduler.protocol.admin.HostWriteBacks;
import java.util.List;

/** The answer of {@code GET /api/v1/admin/hosts/{hostId}/write-back}: a host's write-back outbox per connection. */
public record WriteBackJson(String hostId, List<ConnectionQueueJson> connections) {

  /** {@code oldestPendingAt} is null when nothing is pending; {@code rows} are the oldest 20 at most. */
  public record ConnectionQueueJson(String connectionId, long pending, String oldestPendingAt,
      List<PendingWriteJson> rows) {}

  /** {@code action}: {@code UPSERT} (write the booking), {@code MOVE} (a reschedule) or {@code DELETE} (a cancel). */
  public record PendingWriteJson(long sequenceNr, String bookingId, String action, String createdAt) {}

  public static WriteBackJson of(HostWriteBacks.View view) {
    return new WriteBackJson(view.hostId(), view.connections().stream()
        .map(c -> new ConnectionQueueJson(c.connectionId(), c.pending(), ResponseWriter.instant(c.oldestPendingAt()),
            c.rows().stream().map(r -> new PendingWriteJson(r.sequenceNr(), r.bookingId(), r.action(),
                ResponseWriter.instant(r.createdAt()))).toList()))
        .toList());
  }
}
