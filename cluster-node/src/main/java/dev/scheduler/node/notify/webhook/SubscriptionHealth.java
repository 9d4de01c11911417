package dev.scheduler.node.notify.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether a subscription is still worth sending to, decided after each attempt. A success clears
 * the failing streak; a failure starts one (or continues it); a streak of {@code giveUpAfter} or
 * longer disables the subscription. Pure: the time is given.
 *
 * @param failingSince the first failure since the last success, or null when the last attempt worked
 * @param disable true when the subscription must be disabled now
 */
public record SubscriptionHealth(Instant failingSince, boolean disable) {

  public static SubscriptionHealth afterSuccess() {
    return new SubscriptionHealth(null, false);
  }

  public static SubscriptionHealth afterFailure(Instant failingSince, Instant now, Duration giveUpAfter) {
    Objects.requireNonNull(now, "now");
    Instant since = failingSince == null || failingSince.isAfter(now) ? now : failingSince;
    return new SubscriptionHealth(since, !now.isBefore(since.plus(giveUpAfter)));
  }

  /** The reason a disabled subscription shows. */
  public String reason(Duration giveUpAfter, String lastError) {
    return "every delivery failed from " + failingSince + " for " + giveUpAfter.toString().substring(2)
        .toLowerCase(java.util.Locale.ROOT) + "; last error: " + lastError;
  }
}
