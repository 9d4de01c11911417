package dev.scheduler.node.notify.outbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The order rule of a channel that keeps it (webhooks): events of one booking reach one recipient
 * (a subscription) in the order of the host's journal, so a later one is not sent while an earlier
 * one to the same recipient is still pending. The store's due query leaves out every row that has
 * an earlier pending row of the same booking and recipient; this also keeps a round to the earliest
 * row per (recipient, booking), whatever the candidates. Pure.
 */
public final class BookingOrder {
  private BookingOrder() {}

  /** The candidates that may be sent now: per (recipient, host, booking), only the earliest event. */
  public static List<OutboxMessage> sendable(List<OutboxMessage> candidates) {
    List<OutboxMessage> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.comparingLong(OutboxMessage::eventSeqNr));
    Set<String> seen = new HashSet<>();
    List<OutboxMessage> earliest = new ArrayList<>();
    for (OutboxMessage message : sorted) {
      if (seen.add(message.recipient() + "\n" + message.hostId() + "\n" + message.bookingId())) {
        earliest.add(message);
      }
    }
    // Keep the order the store chose (earliest due first) among those sent.
    List<OutboxMessage> inDueOrder = new ArrayList<>(candidates);
    inDueOrder.retainAll(earliest);
    return inDueOrder;
  }
}
