package dev.scheduler.http.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What the HTTP side counts: every request by method, route template and status with its latency
 * (histogram buckets from 5 ms to 10 s), bookings by outcome, and requests shed before any entity
 * was asked (503 at the node's or a host's limit, 429 at the anonymous rate limit).
 * {@link #scrape()} is the Prometheus text the node serves at {@code GET /metrics}.
 */
public final class HttpMetrics {
  private static final Duration[] BUCKETS = {
      Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
  private static final String BOOKINGS = "/api/v1/hosts/{hostId}/bookings";

  private final MeterRegistry registry;
  private final Supplier<String> scrape;

  public HttpMetrics(MeterRegistry registry, Supplier<String> scrape) {
    this.registry = registry;
    this.scrape = scrape;
  }

  /** Counted in memory and served nowhere (route tests). */
  public static HttpMetrics inMemory() {
    return new HttpMetrics(new SimpleMeterRegistry(), () -> "");
  }

  public MeterRegistry registry() {
    return registry;
  }

  public String scrape() {
    return scrape.get();
  }

  public void recordRequest(String method, String path, int status, long nanos) {
    String route = RouteTemplates.of(path);
    Timer.builder("http.server.requests")
        .description("HTTP requests answered, by route template and status")
        .tags("method", method, "route", route, "status", Integer.toString(status))
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(Duration.ofNanos(nanos));
    if ("POST".equals(method) && BOOKINGS.equals(route)) {
      bookings(BookingOutcome.of(status)).increment();
    }
  }

  /** A request refused before any entity was asked; {@code reason} is the error code it got. */
  public void shed(String reason) {
    Counter.builder("scheduler.http.shed")
        .description("Requests refused at a limit before reaching an entity (503 at the node's or a host's limit, 429)")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  private Counter bookings(BookingOutcome outcome) {
    return Counter.builder("scheduler.bookings")
        .description("Booking requests by outcome")
        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
        .register(registry);
  }

  /** What a booking request's status means for the product. */
  enum BookingOutcome {
    CREATED, CONFLICT, REJECTED, SHED, FAILED;

    /** An Idempotency-Key replay answers 201 as the first time did, so it counts as created. */
    static BookingOutcome of(int status) {
      if (status == 201) {
        return CREATED;
      }
      if (status == 409) {
        return CONFLICT;
      }
      if (status == 429 || status == 503) {
        return SHED;
      }
      return status >= 400 && status < 500 ? REJECTED : FAILED;
    }
  }
}
