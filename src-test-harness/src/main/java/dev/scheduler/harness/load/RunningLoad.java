package dev.scheduler.harness.load;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A load running on its own threads: stop it early, watch it, wait for its result. */
public final class RunningLoad {
  private final OpenLoopEngine engine;
  private final CompletableFuture<SystemRun> result;

  RunningLoad(OpenLoopEngine engine, CompletableFuture<SystemRun> result) {
    this.engine = engine;
    this.result = result;
  }

  /** Sends nothing more; requests in flight still finish (or time out) and count. */
  public void stop() {
    engine.stop();
  }

  public boolean isDone() {
    return result.isDone();
  }

  /** The latest once-a-second snapshot, or one taken now. */
  public ProgressSnapshot progress() {
    return engine.progressNow();
  }

  /** Waits for the run (the duration, then in-flight requests) to end. */
  public SystemRun await() throws InterruptedException {
    try {
      return result.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the load run failed", e.getCause());
    }
  }

  public SystemRun await(Duration limit) throws InterruptedException, TimeoutException {
    try {
      return result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the load run failed", e.getCause());
    }
  }

  public CompletableFuture<SystemRun> result() {
    return result;
  }
}
