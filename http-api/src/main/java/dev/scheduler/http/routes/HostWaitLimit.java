package dev.scheduler.http.routes;

import dev.scheduler.http.ErrorResponses;
import dev.scheduler.http.PerKeyCounter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the API requests for one host id in progress on this node. One host's entity answers one
 * command at a time; when its commands are slow (a heavy listing) or many, requests for it queue
 * until they time out, and without this bound 600 of them fill the node-wide in-flight limit, so
 * that other hosts' requests are refused. Past the bound a request gets 503 host_busy with
 * Retry-After at once, without asking the entity.
 */
final class HostWaitLimit extends RouteSupport {
  private static final Logger LOG = LoggerFactory.getLogger(HostWaitLimit.class);
  private static final long LOG_EVERY = 1000;
  static final long RETRY_AFTER_SECONDS = 1;

  private final PerKeyCounter<String> waiting;
  private final AtomicLong refused = new AtomicLong();
  private volatile Runnable onShed = () -> { };

  HostWaitLimit(int maxPerHost, int maxInFlight) {
    this.waiting = new PerKeyCounter<>(maxPerHost);
    if (maxPerHost >= maxInFlight) {
      LOG.warn("scheduler.http.max-waiting-per-host ({}) is not below max-in-flight ({}): one busy host can "
          + "fill the node's in-flight limit and keep other hosts' requests out", maxPerHost, maxInFlight);
    }
  }

  Route around(String hostId, Supplier<Route> inner) {
    return extractRequestContext(ctx -> {
      if (!waiting.tryAcquire(hostId)) {
        noteRefused();
        return complete(ErrorResponses.of(StatusCodes.SERVICE_UNAVAILABLE, "host_busy",
                "This host has " + waiting.maxPerKey() + " requests in progress on this node; try again shortly.")
            .addHeader(RetryAfter.create(RETRY_AFTER_SECONDS)));
      }
      return mapRouteResultFuture(result -> result.whenComplete((done, failure) -> waiting.release(hostId)),
          inner);
    });
  }

  /** Told of every refusal (the node's metrics). */
  HostWaitLimit countingShedIn(Runnable counter) {
    this.onShed = counter;
    return this;
  }

  private void noteRefused() {
    onShed.run();
    long count = refused.incrementAndGet();
    if (count == 1 || count % LOG_EVERY == 0) {
      LOG.warn("A host is busy: {} requests refused so far with 503 host_busy at {} in progress for one host "
          + "(scheduler.http.max-waiting-per-host, SCHEDULER_HTTP_MAX_WAITING_PER_HOST)", count, waiting.maxPerKey());
    }
  }
}
