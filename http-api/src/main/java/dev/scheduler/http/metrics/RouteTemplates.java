package dev.scheduler.http.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * The route a request path belongs to, as a template ({@code /api/v1/hosts/{hostId}/bookings/{id}}):
 * the label of the HTTP metrics. Ids never become labels (each would be a new time series for ever),
 * and a path that is no route is {@code other}, so that a scan of random URLs cannot grow the
 * metrics either.
 */
public final class RouteTemplates {
  public static final String OTHER = "other";

  private static final List<String> TEMPLATES = List.of(
      "/health/alive",
      "/health/ready",
      "/metrics",
      "/oauth/google/callback",
      "/webhooks/google",
      "/book/{hostId}/{eventType}",
      "/manage/{bookingId}",
      "/web/{file}",
      "/api/v1/openapi.json",
      "/api/v1/admin/cluster",
      "/api/v1/hosts",
      "/api/v1/hosts/{hostId}",
      "/api/v1/hosts/{hostId}/tokens",
      "/api/v1/hosts/{hostId}/schedule",
      "/api/v1/hosts/{hostId}/event-types",
      "/api/v1/hosts/{hostId}/event-types/{slug}",
      "/api/v1/hosts/{hostId}/event-types/{slug}/slots",
      "/api/v1/hosts/{hostId}/busy/{sourceId}",
      "/api/v1/hosts/{hostId}/bookings",
      "/api/v1/hosts/{hostId}/bookings/{id}",
      "/api/v1/hosts/{hostId}/bookings/{id}/cancel",
      "/api/v1/hosts/{hostId}/bookings/{id}/reschedule",
      "/api/v1/hosts/{hostId}/calendars",
      "/api/v1/hosts/{hostId}/calendars/ics",
      "/api/v1/hosts/{hostId}/calendars/google/connect",
      "/api/v1/hosts/{hostId}/calendars/{id}",
      "/api/v1/hosts/{hostId}/calendars/{id}/account-calendars",
      "/api/v1/hosts/{hostId}/webhooks",
      "/api/v1/hosts/{hostId}/webhooks/{id}",
      "/api/v1/hosts/{hostId}/webhooks/{id}/deliveries");

  private static final List<String[]> SPLIT = TEMPLATES.stream().map(RouteTemplates::segments).toList();

  private RouteTemplates() {}

  /** The first template matching the path (literal templates are listed before their {@code {id}} twins). */
  public static String of(String path) {
    String[] actual = segments(path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path);
    for (int i = 0; i < SPLIT.size(); i++) {
      if (matches(SPLIT.get(i), actual)) {
        return TEMPLATES.get(i);
      }
    }
    return OTHER;
  }

  public static List<String> all() {
    return TEMPLATES;
  }

  private static boolean matches(String[] template, String[] actual) {
    if (template.length != actual.length) {
      return false;
    }
    for (int i = 0; i < template.length; i++) {
      boolean variable = template[i].startsWith("{");
      if (!(variable ? !actual[i].isEmpty() : template[i].equals(actual[i]))) {
        return false;
      }
    }
    return true;
  }

  private static String[] segments(String path) {
    return Arrays.stream(path.split("/")).skip(1).toArray(String[]::new);
  }
}
