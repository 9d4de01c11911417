package dev.scheduler.http.edge;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.Connection;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * What pekko-http's graceful termination did for a binding of routes, for connections this edge
 * binds itself: once stopping, new requests on open connections get {@code whenStopping} and the
 * connection is closed; requests in flight are waited for, up to a deadline.
 */
final class Drain {
  private final AtomicInteger inFlight = new AtomicInteger();
  private final HttpResponse whenStopping;
  private volatile boolean stopping;

  Drain(HttpResponse whenStopping) {
    this.whenStopping = whenStopping.addHeader(Connection.create("close"));
  }

  Flow<HttpRequest, HttpResponse, NotUsed> around(Function<HttpRequest, CompletionStage<HttpResponse>> handler) {
    // One at a time per connection, in order: pekko-http's pipelining limit is 1 by default anyway.
    return Flow.of(HttpRequest.class).mapAsync(1, request ->
        stopping ? CompletableFuture.completedFuture(whenStopping) : tracked(handler, request));
  }

  private CompletionStage<HttpResponse> tracked(Function<HttpRequest, CompletionStage<HttpResponse>> handler,
      HttpRequest request) {
    inFlight.incrementAndGet();
    try {
      return handler.apply(request).whenComplete((response, failure) -> inFlight.decrementAndGet());
    } catch (Exception e) {
      inFlight.decrementAndGet();
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Stops taking requests; completes when those in flight are answered, or at the deadline. */
  CompletionStage<Done> stop(Duration deadline) {
    stopping = true;
    CompletableFuture<Done> drained = new CompletableFuture<>();
    Instant until = Instant.now().plus(deadline);
    ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "http-drain");
      thread.setDaemon(true);
      return thread;
    });
    poll.scheduleAtFixedRate(() -> {
      if (inFlight.get() == 0 || Instant.now().isAfter(until)) {
        drained.complete(Done.getInstance());
        poll.shutdown();
      }
    }, 0, 50, TimeUnit.MILLISECONDS);
    return drained;
  }
}
