package dev.scheduler.node.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The backoff: 30 s doubling to an hour, jitter of +-20 %, given up a day after the message was queued. */
class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(24));
  private final Instant queued = Instant.parse("2027-03-01T12:00:00Z");

  @Test
  void delaysDoubleFromTheInitialToTheCap() {
    assertThat(policy.delay(1, 0.5)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.delay(2, 0.5)).isEqualTo(Duration.ofSeconds(60));
    assertThat(policy.delay(5, 0.5)).isEqualTo(Duration.ofMinutes(8));
    assertThat(policy.delay(7, 0.5)).isEqualTo(Duration.ofMinutes(32));
    assertThat(policy.delay(8, 0.5)).as("64 minutes, capped").isEqualTo(Duration.ofHours(1));
    assertThat(policy.delay(1_000_000, 0.5)).as("no overflow however many attempts").isEqualTo(Duration.ofHours(1));
  }

  @Test
  void jitterSpreadsEachDelayByAFifthEitherWay() {
    assertThat(policy.delay(2, 0.0)).isEqualTo(Duration.ofSeconds(48));
    assertThat(policy.delay(2, 0.999_999)).isBetween(Duration.ofSeconds(71), Duration.ofSeconds(72));
  }

  @Test
  void aMessageQueuedADayAgoIsGivenUp() {
    Instant anHourBefore = queued.plus(Duration.ofHours(23));
    assertThat(policy.nextAttempt(3, queued, anHourBefore, 0.5)).contains(anHourBefore.plusSeconds(120));
    assertThat(policy.nextAttempt(40, queued, queued.plus(Duration.ofHours(24)), 0.5)).isEmpty();
  }
}
