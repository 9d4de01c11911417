package dev.scheduler.http.metrics;

import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} in the Prometheus text format, and the directive that times every request.
 * The metrics carry route templates, statuses and counts, never ids, names or tokens, so they are
 * served without a token, like the health probes: keep the port off the public internet or behind
 * the same proxy rules as {@code /health}.
 */
public final class MetricsRoutes extends AllDirectives {
  private final HttpMetrics metrics;

  public MetricsRoutes(HttpMetrics metrics) {
    this.metrics = metrics;
  }

  public Route scrape() {
    return path("metrics", () -> get(() -> extractExecutionContext(executor -> completeWithFuture(
        java.util.concurrent.CompletableFuture.supplyAsync(() -> HttpResponse.create().withEntity(
            HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, metrics.scrape())), executor)))));
  }

  /**
   * Times the request from its arrival at the routes to its answer (not the body's streaming). It is
   * recorded as the answer is handed to the connection, before the client can read it: a scrape
   * right after an answer counts it. The inner routes turn every rejection and exception into an
   * answer, so each request is counted once; one the request timeout answered first is counted
   * when its route finishes, with the status the route gave.
   */
  public Route timed(Supplier<Route> inner) {
    return extractRequest(request -> {
      long started = System.nanoTime();
      String method = request.method().value();
      String path = request.getUri().path();
      return mapResponse(response -> {
        metrics.recordRequest(method, path, response.status().intValue(), System.nanoTime() - started);
        return response;
      }, inner);
    });
  }
}
