package dev.scheduler.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PerKeyCounterTest {

  @Test
  void eachKeyHasItsOwnCapAndItsPlacesComeBack() {
    PerKeyCounter<String> counter = new PerKeyCounter<>(2);

    assertThat(counter.tryAcquire("a")).isTrue();
    assertThat(counter.tryAcquire("a")).isTrue();
    assertThat(counter.tryAcquire("a")).isFalse();
    assertThat(counter.tryAcquire("b")).isTrue();
    assertThat(counter.inProgress("a")).isEqualTo(2);

    counter.release("a");
    assertThat(counter.tryAcquire("a")).isTrue();
    assertThat(counter.tryAcquire("a")).isFalse();
  }

  @Test
  void aKeyLeavesTheMapWhenNothingIsInProgress() {
    PerKeyCounter<String> counter = new PerKeyCounter<>(5);
    for (int i = 0; i < 10_000; i++) {
      String key = "random-" + i;
      assertThat(counter.tryAcquire(key)).isTrue();
      counter.release(key);
    }
    counter.tryAcquire("held");
    counter.tryAcquire("held");
    counter.release("held");

    assertThat(counter.keys()).isEqualTo(1);
    counter.release("held");
    assertThat(counter.keys()).isZero();
    counter.release("never-taken");
    assertThat(counter.keys()).isZero();
  }

  @Test
  void underContentionNoKeyExceedsItsCapAndAllPlacesReturn() throws Exception {
    PerKeyCounter<String> counter = new PerKeyCounter<>(3);
    AtomicInteger most = new AtomicInteger();
    AtomicInteger holding = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      done.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < 5_000; i++) {
          if (counter.tryAcquire("host")) {
            most.accumulateAndGet(holding.incrementAndGet(), Math::max);
            holding.decrementAndGet();
            counter.release("host");
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(most.get()).isBetween(1, 3);
    assertThat(counter.keys()).isZero();
  }

  @Test
  void aCapBelowOneIsRefused() {
    assertThatThrownBy(() -> new PerKeyCounter<String>(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
