package dev.scheduler.node.notify.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a channel's worker made of each message it took: {@code scheduler_outbox_deliveries_total}
 * by channel and outcome. Labelled by channel only: a subscription, host, address or URL must never
 * be a label (the scrape is unauthenticated).
 */
public final class OutboxDeliveries {
  /** An attempt's outcome; {@code OBSOLETE} is a message that expired unsent and was never tried. */
  public enum Outcome {
    SENT,
    /** The attempt failed and the message is tried again later. */
    RETRY,
    /** Given up: a permanent refusal, or the last retry failed. */
    FAILED,
    OBSOLETE
  }

  private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

  private OutboxDeliveries(MeterRegistry registry, String channel) {
    for (Outcome outcome : Outcome.values()) {
      counters.put(outcome, Counter.builder("scheduler.outbox.deliveries")
          .description("Outbox messages sent, retried, given up or expired unsent, by channel")
          .tags("channel", channel, "outcome", outcome.name().toLowerCase(Locale.ROOT))
          .register(registry));
    }
  }

  public static OutboxDeliveries counted(MeterRegistry registry, String channel) {
    return new OutboxDeliveries(registry, channel);
  }

  /** Counted nowhere (a registry with no backend). */
  public static OutboxDeliveries uncounted(String channel) {
    return new OutboxDeliveries(new CompositeMeterRegistry(), channel);
  }

  void count(Outcome outcome) {
    counters.get(outcome).increment();
  }
}
