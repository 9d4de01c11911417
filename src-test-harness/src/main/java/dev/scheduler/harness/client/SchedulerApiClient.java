package dev.scheduler.harness.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Client for a node's REST API. Never throws on a non-2xx status: the response is the result.
 * Throws only when no response came at all (connection refused, timeout).
 */
public final class SchedulerApiClient {
  /** Dates as ISO strings, not numbers, to match what the API reads. */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /**
   * One client for every instance: a 3-node test makes a client per node and fires hundreds of
   * requests at once; separate HttpClients would each spin up their own selector thread and pool.
   * HTTP/1.1 because the node speaks plain HTTP and h2c upgrade attempts only add round trips.
   */
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final String baseUrl;

  /** @param baseUrl such as http://127.0.0.1:8080 (a trailing slash is ignored) */
  public SchedulerApiClient(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  public String baseUrl() {
    return baseUrl;
  }

  // ---- generic ----

  public ApiResponse get(String path, String bearerToken) {
    return send("GET", path, bearerToken, null, Map.of());
  }

  /** A String body is sent as-is (already JSON); any other object is serialized; null sends none. */
  public ApiResponse post(String path, String bearerToken, Object body, Map<String, String> extraHeaders) {
    return send("POST", path, bearerToken, toJson(body), extraHeaders);
  }

  public ApiResponse put(String path, String bearerToken, Object body) {
    return send("PUT", path, bearerToken, toJson(body), Map.of());
  }

  /** Anything goes, including malformed JSON; headers given here override the defaults. */
  public ApiResponse send(String method, String path, String bearerToken, String rawBody,
      Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(REQUEST_TIMEOUT)
        .method(method, rawBody == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(rawBody, StandardCharsets.UTF_8));
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Accept", "application/json");
    if (rawBody != null) {
      all.put("Content-Type", "application/json");
    }
    if (bearerToken != null) {
      all.put("Authorization", "Bearer " + bearerToken);
    }
    if (headers != null) {
      all.putAll(headers);
    }
    all.forEach(request::setHeader);
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new ApiResponse(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + baseUrl + path + " got no response", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + path, e);
    }
  }

  // ---- hosts, schedules, event types ----

  public ApiResponse createHost(String adminToken, String name, String email, String timeZone) {
    return post("/api/v1/hosts", adminToken,
        Map.of("name", name, "email", email, "timeZone", timeZone), Map.of());
  }

  public ApiResponse putSchedule(String hostId, String token, Object body) {
    return put(host(hostId) + "/schedule", token, body);
  }

  public ApiResponse putEventType(String hostId, String token, String slug, Object body) {
    return put(host(hostId) + "/event-types/" + segment(slug), token, body);
  }

  /** Slots are public: no token. {@code timeZone} may be null to use the host's. */
  public ApiResponse slots(String hostId, String slug, LocalDate start, LocalDate end, String timeZone) {
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("start", start);
    query.put("end", end);
    query.put("timeZone", timeZone);
    return get(host(hostId) + "/event-types/" + segment(slug) + "/slots" + query(query), null);
  }

  // ---- bookings ----

  /** Invitees book without a token; pass one to book as the host. */
  public ApiResponse book(String hostId, String bearerOrNull, Object body, String idempotencyKeyOrNull) {
    Map<String, String> headers = idempotencyKeyOrNull == null
        ? Map.of() : Map.of("Idempotency-Key", idempotencyKeyOrNull);
    return post(host(hostId) + "/bookings", bearerOrNull, body, headers);
  }

  public ApiResponse getBooking(String hostId, String bookingId, String token) {
    return get(booking(hostId, bookingId), token);
  }

  public ApiResponse cancel(String hostId, String bookingId, String token, String reason) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reason", reason);
    return post(booking(hostId, bookingId) + "/cancel", token, body, Map.of());
  }

  public ApiResponse reschedule(String hostId, String bookingId, String token, Instant start) {
    return post(booking(hostId, bookingId) + "/reschedule", token, Map.of("start", start), Map.of());
  }

  /** Null filters are left out of the query. */
  public ApiResponse listBookings(String hostId, String token, Instant from, Instant to, String status) {
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("from", from);
    query.put("to", to);
    query.put("status", status);
    return get(host(hostId) + "/bookings" + query(query), token);
  }

  // ---- helpers ----

  private static String host(String hostId) {
    return "/api/v1/hosts/" + segment(hostId);
  }

  private static String booking(String hostId, String bookingId) {
    return host(hostId) + "/bookings/" + segment(bookingId);
  }

  /** Path segments are encoded so that odd ids in negative tests cannot change the path. */
  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String query(Map<String, Object> params) {
    StringJoiner joiner = new StringJoiner("&", "?", "").setEmptyValue("");
    params.forEach((name, value) -> {
      if (value != null) {
        joiner.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
      }
    });
    return joiner.toString();
  }

  private static String toJson(Object body) {
    if (body == null || body instanceof String) {
      return (String) body;
    }
    try {
      return MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize request body " + body, e);
    }
  }
}
