package dev.scheduler.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.http.testkit.SteppingClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateBucketsTest {
  private final SteppingClock clock = new SteppingClock();

  @Test
  void aBurstIsAllowedThenTheSustainedRate() {
    RateBuckets buckets = new RateBuckets(2, 5, 100, clock);
    for (int i = 0; i < 5; i++) {
      assertThat(buckets.tryTake("a").allowed()).isTrue();
    }
    RateBuckets.Outcome refused = buckets.tryTake("a");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    assertThat(buckets.tryTake("b").allowed()).as("another address has its own bucket").isTrue();

    clock.advance(Duration.ofMillis(500));
    assertThat(buckets.tryTake("a").allowed()).isTrue();
    assertThat(buckets.tryTake("a").allowed()).isFalse();
  }

  @Test
  void retryAfterIsTheWholeSecondsUntilTheNextToken() {
    RateBuckets buckets = new RateBuckets(0.25, 1, 100, clock);
    assertThat(buckets.tryTake("a").allowed()).isTrue();
    assertThat(buckets.tryTake("a").retryAfterSeconds()).isEqualTo(4);
    clock.advance(Duration.ofMillis(2500));
    assertThat(buckets.tryTake("a").retryAfterSeconds()).isEqualTo(2);
  }

  @Test
  void aQuietSpellRefillsNoMoreThanTheBurst() {
    RateBuckets buckets = new RateBuckets(10, 3, 100, clock);
    clock.advance(Duration.ofHours(1));
    for (int i = 0; i < 3; i++) {
      assertThat(buckets.tryTake("a").allowed()).isTrue();
    }
    assertThat(buckets.tryTake("a").allowed()).isFalse();
  }

  @Test
  void theNumberOfAddressesTrackedIsCapped() {
    RateBuckets buckets = new RateBuckets(1, 2, 1000, clock);
    for (int i = 0; i < 50_000; i++) {
      buckets.tryTake("10.0." + (i / 256) + "." + (i % 256));
    }
    assertThat(buckets.size()).isEqualTo(1000);
  }

  @Test
  void idleBucketsAreDroppedAsTrafficGoesOn() {
    RateBuckets buckets = new RateBuckets(10, 10, 100_000, clock);
    for (int i = 0; i < 500; i++) {
      buckets.tryTake("spent-" + i);
    }
    assertThat(buckets.size()).isEqualTo(500);

    clock.advance(Duration.ofSeconds(2));
    for (int i = 0; i < 300; i++) {
      buckets.tryTake("regular");
      clock.advance(Duration.ofMillis(100));
    }

    assertThat(buckets.size()).as("refilled buckets are forgotten, two per request").isEqualTo(1);
  }

  @Test
  void anEvictedAddressIsOnlyForgivenNeverPunished() {
    RateBuckets buckets = new RateBuckets(1, 2, 2, clock);
    buckets.tryTake("a");
    buckets.tryTake("a");
    assertThat(buckets.tryTake("a").allowed()).isFalse();
    buckets.tryTake("b");
    buckets.tryTake("c");

    assertThat(buckets.tryTake("a").allowed()).as("a's bucket was forgotten: it starts full").isTrue();
  }

  @Test
  void aClockThatStepsBackTakesNothingAway() {
    RateBuckets buckets = new RateBuckets(1, 2, 10, clock);
    buckets.tryTake("a");
    clock.advance(Duration.ofSeconds(-30));
    assertThat(buckets.tryTake("a").allowed()).isTrue();
    assertThat(buckets.tryTake("a").allowed()).isFalse();
  }
}
