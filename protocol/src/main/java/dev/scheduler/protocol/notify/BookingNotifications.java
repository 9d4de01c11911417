package dev.scheduler.protocol.notify;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The messages sent (or waiting, or failed) about one booking, as the node's outbox holds them.
 * The node implements it; the booking route shows it. The caller checks that the booking may be
 * read before asking.
 */
@FunctionalInterface
public interface BookingNotifications {
  /** No outbox (route tests): every booking has none. */
  BookingNotifications NONE = (hostId, bookingId) -> CompletableFuture.completedFuture(List.of());

  CompletionStage<List<NotificationView>> of(String hostId, String bookingId);
}
