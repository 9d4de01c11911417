package dev.scheduler.node.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SubscriptionHealthTest {
  private static final Instant T0 = Instant.parse("2027-03-01T00:00:00Z");
  private static final Duration DAY = Duration.ofHours(24);

  @Test
  void aFirstFailureStartsTheStreak() {
    SubscriptionHealth health = SubscriptionHealth.afterFailure(null, T0, DAY);
    assertThat(health.failingSince()).isEqualTo(T0);
    assertThat(health.disable()).isFalse();
  }

  @Test
  void failuresForLessThanTheLimitKeepItsStart() {
    SubscriptionHealth health = SubscriptionHealth.afterFailure(T0, T0.plus(DAY).minusSeconds(1), DAY);
    assertThat(health.failingSince()).isEqualTo(T0);
    assertThat(health.disable()).isFalse();
  }

  @Test
  void aFailureAtOrPastTheLimitDisables() {
    assertThat(SubscriptionHealth.afterFailure(T0, T0.plus(DAY), DAY).disable()).isTrue();
    SubscriptionHealth late = SubscriptionHealth.afterFailure(T0, T0.plus(Duration.ofDays(3)), DAY);
    assertThat(late.disable()).isTrue();
    assertThat(late.reason(DAY, "HTTP 500")).isEqualTo(
        "every delivery failed from 2027-03-01T00:00:00Z for 24h; last error: HTTP 500");
  }

  @Test
  void aSuccessClearsTheStreak() {
    SubscriptionHealth health = SubscriptionHealth.afterSuccess();
    assertThat(health.failingSince()).isNull();
    assertThat(health.disable()).isFalse();
    assertThat(SubscriptionHealth.afterFailure(health.failingSince(), T0.plus(DAY), DAY).disable()).isFalse();
  }

  @Test
  void aStreakStartInTheFutureStartsAgainNow() {
    // A clock set back (another node's clock) must not make the streak look older or negative.
    SubscriptionHealth health = SubscriptionHealth.afterFailure(T0.plus(DAY), T0, DAY);
    assertThat(health.failingSince()).isEqualTo(T0);
    assertThat(health.disable()).isFalse();
  }
}
