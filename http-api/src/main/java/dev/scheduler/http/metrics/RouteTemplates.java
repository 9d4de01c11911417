package dev.scheduler.http.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The route a request path belongs to, as a template ({@code /api/v1/hosts/{hostId}/bookings/{bookingId}}):
 * the label of the HTTP metrics. The templates are the paths of the OpenAPI document the node serves
 * ({@code openapi.json}), whose tests keep it equal to the routes, so a new route gets its label by
 * being documented. Ids never become labels (each would be a new time series for ever), and a path
 * that is no route is {@code other}, so that a scan of random URLs cannot grow the metrics either.
 */
public final class RouteTemplates {
  public static final String OTHER = "other";

  private static final List<Template> TEMPLATES = load();

  private RouteTemplates() {}

  /** The matching template with the most literal segments ({@code calendars/ics} before {@code calendars/{id}}). */
  public static String of(String path) {
    String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    String[] actual = segments(trimmed);
    for (Template template : TEMPLATES) {
      if (template.matches(actual)) {
        return template.text();
      }
    }
    return OTHER;
  }

  public static List<String> all() {
    return TEMPLATES.stream().map(Template::text).toList();
  }

  private static List<Template> load() {
    try (InputStream document = RouteTemplates.class.getResourceAsStream("/openapi.json")) {
      if (document == null) {
        throw new IllegalStateException("openapi.json is missing from the classpath");
      }
      List<Template> templates = new ArrayList<>();
      new ObjectMapper().readTree(document).path("paths").fieldNames()
          .forEachRemaining(text -> templates.add(new Template(text, segments(text))));
      templates.sort(Comparator.comparingInt(Template::variables));
      return List.copyOf(templates);
    } catch (IOException e) {
      throw new UncheckedIOException("openapi.json could not be read", e);
    }
  }

  private static String[] segments(String path) {
    return Arrays.stream(path.split("/", -1)).skip(1).toArray(String[]::new);
  }

  private record Template(String text, String[] parts) {
    int variables() {
      return (int) Arrays.stream(parts).filter(p -> p.startsWith("{")).count();
    }

    boolean matches(String[] actual) {
      if (parts.length != actual.length) {
        return false;
      }
      for (int i = 0; i < parts.length; i++) {
        boolean variable = parts[i].startsWith("{");
        if (variable ? actual[i].isEmpty() : !parts[i].equals(actual[i])) {
          return false;
        }
      }
      return true;
    }
  }
}
