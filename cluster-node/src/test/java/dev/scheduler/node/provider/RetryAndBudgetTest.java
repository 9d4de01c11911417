package dev.scheduler.node.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.node.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAndBudgetTest {

  @Test
  void backoffGrowsExponentiallyUpToTheCapWithJitter() {
    RetryPolicy policy = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30));
    assertThat(policy.delayBefore(0, null, () -> 0.999)).isEqualTo(Duration.ofMillis(499));
    assertThat(policy.delayBefore(3, null, () -> 0.5)).isEqualTo(Duration.ofMillis(2000));
    assertThat(policy.delayBefore(20, null, () -> 0.999)).isEqualTo(Duration.ofMillis(29_970));
    assertThat(policy.delayBefore(5, null, () -> 0.0)).isZero();
  }

  @Test
  void aLongerRetryAfterFromTheProviderWins() {
    RetryPolicy policy = RetryPolicy.DEFAULT;
    assertThat(policy.delayBefore(0, Duration.ofSeconds(7), () -> 0.5)).isEqualTo(Duration.ofSeconds(7));
    assertThat(policy.delayBefore(12, Duration.ofSeconds(1), () -> 0.5)).isGreaterThan(Duration.ofSeconds(1));
  }

  @Test
  void theBudgetAllowsABurstThenRefillsAtItsRate() {
    MutableClock clock = new MutableClock(Instant.parse("2027-01-01T00:00:00Z"));
    RequestBudget budget = new RequestBudget(clock, 3, 60);
    assertThat(budget.tryTake()).isZero();
    assertThat(budget.tryTake()).isZero();
    assertThat(budget.tryTake()).isZero();
    assertThat(budget.tryTake()).isEqualTo(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(budget.tryTake()).isZero();
    clock.advance(Duration.ofMinutes(10));
    for (int i = 0; i < 3; i++) {
      assertThat(budget.tryTake()).isZero();
    }
    assertThat(budget.tryTake()).isPositive();
  }

  @Test
  void aRateLimitDrainsTheBudget() {
    MutableClock clock = new MutableClock(Instant.parse("2027-01-01T00:00:00Z"));
    RequestBudget budget = new RequestBudget(clock, 10, 60);
    budget.drain();
    assertThat(budget.tryTake()).isEqualTo(Duration.ofSeconds(1));
  }
}
