package dev.scheduler.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class RouteTemplatesTest {
  @Test
  void idsBecomePlaceholdersAndLiteralsWinOverThem() {
    assertThat(RouteTemplates.of("/api/v1/hosts/h-123/bookings/b-9/cancel"))
        .isEqualTo("/api/v1/hosts/{hostId}/bookings/{bookingId}/cancel");
    assertThat(RouteTemplates.of("/api/v1/hosts/h-123/bookings/")).isEqualTo("/api/v1/hosts/{hostId}/bookings");
    assertThat(RouteTemplates.of("/api/v1/hosts/h-1/calendars/ics")).isEqualTo("/api/v1/hosts/{hostId}/calendars/ics");
    assertThat(RouteTemplates.of("/api/v1/hosts/h-1/calendars/c-7")).isEqualTo("/api/v1/hosts/{hostId}/calendars/{connectionId}");
    assertThat(RouteTemplates.of("/api/v1/hosts/h-1/event-types/intro/slots"))
        .isEqualTo("/api/v1/hosts/{hostId}/event-types/{slug}/slots");
    assertThat(RouteTemplates.of("/book/h-1/intro")).isEqualTo("/book/{hostId}/{eventType}");
    assertThat(RouteTemplates.of("/metrics")).isEqualTo("/metrics");
    assertThat(RouteTemplates.all()).as("the OpenAPI document's paths").contains("/api/v1/openapi.json");
  }

  @Test
  void whatIsNoRouteIsOtherSoThatScansCannotGrowTheMetrics() {
    assertThat(RouteTemplates.of("/")).isEqualTo(RouteTemplates.OTHER);
    assertThat(RouteTemplates.of("/wp-admin/setup.php")).isEqualTo(RouteTemplates.OTHER);
    assertThat(RouteTemplates.of("/api/v1/hosts/h-1/bookings/b-1/cancel/more")).isEqualTo(RouteTemplates.OTHER);
    assertThat(RouteTemplates.of("/api/v1/hosts//bookings")).isEqualTo(RouteTemplates.OTHER);
  }

  @Test
  void bookingRequestsAreCountedByWhatTheirStatusMeans() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    HttpMetrics metrics = new HttpMetrics(registry, () -> "");
    String path = "/api/v1/hosts/h-1/bookings";
    for (int status : new int[] {201, 201, 409, 400, 503, 429, 500}) {
      metrics.recordRequest("POST", path, status, 1_000_000);
    }
    metrics.recordRequest("GET", path, 200, 1_000_000);
    assertThat(registry.get("scheduler.bookings").tag("outcome", "created").counter().count()).isEqualTo(2);
    assertThat(registry.get("scheduler.bookings").tag("outcome", "conflict").counter().count()).isEqualTo(1);
    assertThat(registry.get("scheduler.bookings").tag("outcome", "rejected").counter().count()).isEqualTo(1);
    assertThat(registry.get("scheduler.bookings").tag("outcome", "shed").counter().count()).isEqualTo(2);
    assertThat(registry.get("scheduler.bookings").tag("outcome", "failed").counter().count()).isEqualTo(1);
    assertThat(registry.get("http.server.requests").tag("method", "GET").timer().count()).isEqualTo(1);
  }
}
