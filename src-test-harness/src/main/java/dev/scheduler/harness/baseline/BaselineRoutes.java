package dev.scheduler.harness.baseline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.scheduler.harness.baseline.ApiShapes.ErrorResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's paths, methods and statuses on the JDK's HTTP server, plus {@code GET /baseline/stats}
 * and the two health probes. Every refusal is {@code {"error","message"}}; a database failure is a
 * 503 with Retry-After (its outcome may be unknown), anything else unexpected a 500.
 */
final class BaselineRoutes implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(BaselineRoutes.class);
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final HostService hosts;
  private final BookingService bookings;
  private final Supplier<BaselineStats.Snapshot> stats;

  BaselineRoutes(HostService hosts, BookingService bookings, Supplier<BaselineStats.Snapshot> stats) {
    this.hosts = hosts;
    this.bookings = bookings;
    this.stats = stats;
  }

  private record Reply(int status, Object body) {}

  private record Request(String method, List<String> path, Map<String, String> query, String body,
      String bearer, String idempotencyKey) {

    /** The bearer token, else {@code ?token=} (how the node lets invitees pass a booking token). */
    String token() {
      return bearer != null ? bearer : query.get("token");
    }

    boolean is(String wantedMethod, String... segments) {
      if (!method.equals(wantedMethod) || path.size() != segments.length) {
        return false;
      }
      for (int i = 0; i < segments.length; i++) {
        if (!segments[i].equals("*") && !segments[i].equals(path.get(i))) {
          return false;
        }
      }
      return true;
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Reply reply;
    try {
      reply = route(read(exchange));
    } catch (HttpRefusal e) {
      reply = new Reply(e.status(), new ErrorResponse(e.code(), e.getMessage()));
    } catch (SQLException e) {
      LOG.warn("Database failure; answered 503: {} (SQLSTATE {})", e.getMessage(), e.getSQLState());
      reply = new Reply(503, new ErrorResponse("unavailable",
          "The database failed, so the outcome is unknown. Retry; for a booking, send the same Idempotency-Key."));
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure while answering {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      reply = new Reply(500, new ErrorResponse("internal", "Something went wrong on our side; it has been logged."));
    }
    send(exchange, reply);
  }

  private Reply route(Request r) throws SQLException {
    if (r.is("GET", "baseline", "stats")) {
      return new Reply(200, stats.get());
    }
    if (r.is("GET", "health", "alive") || r.is("GET", "health", "ready")) {
      return new Reply(200, Map.of("status", r.path().get(1)));
    }
    if (r.path().size() < 3 || !r.path().get(0).equals("api") || !r.path().get(1).equals("v1")
        || !r.path().get(2).equals("hosts")) {
      throw HttpRefusal.notFound("There is no endpoint " + r.method() + " /" + String.join("/", r.path()) + ".");
    }
    if (r.is("POST", "api", "v1", "hosts")) {
      return new Reply(201, hosts.createHost(r.bearer(), r.body()));
    }
    String host = r.path().size() > 3 ? r.path().get(3) : null;
    if (r.is("PUT", "api", "v1", "hosts", "*", "schedule")) {
      return new Reply(200, hosts.putSchedule(host, r.bearer(), r.body()));
    }
    if (r.is("PUT", "api", "v1", "hosts", "*", "event-types", "*")) {
      return new Reply(200, hosts.putEventType(host, r.path().get(5), r.bearer(), r.body()));
    }
    if (r.is("GET", "api", "v1", "hosts", "*", "event-types", "*", "slots")) {
      return new Reply(200, hosts.slots(host, r.path().get(5), r.query()));
    }
    if (r.is("POST", "api", "v1", "hosts", "*", "bookings")) {
      return new Reply(201, bookings.book(host, r.body(), r.idempotencyKey()));
    }
    if (r.is("GET", "api", "v1", "hosts", "*", "bookings", "*")) {
      return new Reply(200, bookings.get(host, r.path().get(5), r.token()));
    }
    if (r.is("POST", "api", "v1", "hosts", "*", "bookings", "*", "cancel")) {
      return new Reply(200, bookings.cancel(host, r.path().get(5), r.token(), r.body()));
    }
    if (r.is("POST", "api", "v1", "hosts", "*", "bookings", "*", "reschedule")) {
      return new Reply(200, bookings.reschedule(host, r.path().get(5), r.token(), r.body()));
    }
    throw HttpRefusal.notFound("There is no endpoint " + r.method() + " /" + String.join("/", r.path()) + ".");
  }

  private static Request read(HttpExchange exchange) throws IOException {
    String rawPath = exchange.getRequestURI().getRawPath();
    List<String> path = Arrays.stream(rawPath.split("/"))
        .filter(s -> !s.isEmpty())
        .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8))
        .toList();
    Map<String, String> query = new HashMap<>();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.putIfAbsent(name, value);
      }
    }
    return new Request(exchange.getRequestMethod(), path, query, body(exchange), bearer(exchange),
        exchange.getRequestHeaders().getFirst("Idempotency-Key"));
  }

  private static String bearer(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  private static String body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        in.transferTo(OutputStream.nullOutputStream());
        throw new HttpRefusal(413, "invalid_request", "The request body is over 64 KiB.");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    try {
      byte[] bytes = JsonIo.write(reply.body());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      if (reply.status() == 503) {
        exchange.getResponseHeaders().set("Retry-After", "2");
      }
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } finally {
      exchange.close();
    }
  }
}
