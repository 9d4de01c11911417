package dev.scheduler.http.testkit;

import dev.scheduler.protocol.NodeHealth;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Readiness and liveness as a test sets them: ready, not ready, or a check that fails; alive or not. */
public final class FakeNodeHealth implements NodeHealth {
  private volatile Supplier<CompletionStage<Boolean>> answer = () -> CompletableFuture.completedFuture(true);
  private volatile boolean alive = true;

  public void ready(boolean ready) {
    answer = () -> CompletableFuture.completedFuture(ready);
  }

  public void answerWith(Supplier<CompletionStage<Boolean>> check) {
    answer = check;
  }

  public void alive(boolean isAlive) {
    alive = isAlive;
  }

  @Override
  public boolean isAlive() {
    return alive;
  }

  @Override
  public CompletionStage<Boolean> isReady() {
    return answer.get();
  }
}
