package dev.scheduler.node.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BookingOrderTest {
  private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");

  private static OutboxMessage row(String recipient, String booking, long seqNr) {
    return OutboxMessage.pending("webhook-h-" + seqNr + "-" + recipient, "webhook", "h", booking, seqNr,
        "subscription", recipient, "booking.created", "{}", NOW, NOW);
  }

  @Test
  void onlyTheEarliestEventOfABookingGoesToOneRecipientPerRound() {
    OutboxMessage b1First = row("s1", "b1", 3);
    OutboxMessage b1Later = row("s1", "b1", 5);
    OutboxMessage b2 = row("s1", "b2", 4);
    OutboxMessage b1OtherSubscription = row("s2", "b1", 5);
    // Due order puts the later event of b1 first (its backoff ended sooner): it still waits.
    assertThat(BookingOrder.sendable(List.of(b1Later, b2, b1First, b1OtherSubscription)))
        .containsExactly(b2, b1First, b1OtherSubscription);
  }

  @Test
  void nothingIsDroppedWhenEveryRowIsAlone() {
    List<OutboxMessage> alone = List.of(row("s1", "b1", 1), row("s1", "b2", 2), row("s2", "b1", 1));
    assertThat(BookingOrder.sendable(alone)).isEqualTo(alone);
    assertThat(BookingOrder.sendable(List.of())).isEmpty();
  }
}
