package dev.scheduler.harness.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduler.harness.load.StubServer.Reply;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of the scheduler's API for the harness to set up hosts and book: every host offers
 * the same five half-hour slots from 07:00 UTC on the first listed day, and a slot goes to the
 * first request for it (a retry with the same key gets the same booking). No buffers.
 */
public final class FakeBookingNode implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SLOTS = Pattern.compile("/api/v1/hosts/([^/]+)/event-types/load/slots\\?start=([0-9-]+).*");
  private static final Pattern BOOK = Pattern.compile("/api/v1/hosts/([^/]+)/bookings");

  private final StubServer server;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<String, String> slotTakenBy = new HashMap<>();
  private final Map<String, String> bookingByKey = new HashMap<>();

  public FakeBookingNode() throws IOException {
    server = StubServer.start(this::answer);
  }

  public URI uri() {
    return server.uri();
  }

  private Reply answer(StubServer.Received request) throws IOException {
    String path = request.path();
    if (request.method().equals("POST") && path.equals("/api/v1/hosts")) {
      int n = ids.incrementAndGet();
      return Reply.of(201, "{\"id\":\"host" + n + "\",\"apiToken\":\"token" + n + "\"}");
    }
    if (request.method().equals("PUT")) {
      return Reply.of(200, "{}");
    }
    Matcher slots = SLOTS.matcher(path);
    if (slots.matches()) {
      LocalDate day = LocalDate.parse(slots.group(2));
      StringBuilder list = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        Instant start = day.atTime(7, 0).toInstant(ZoneOffset.UTC).plusSeconds(1800L * i);
        list.append(i == 0 ? "" : ",").append("{\"start\":\"").append(start).append("\",\"end\":\"")
            .append(start.plusSeconds(1800)).append("\"}");
      }
      return Reply.of(200, "{\"days\":[{\"date\":\"" + day + "\",\"slots\":[" + list + "]}]}");
    }
    Matcher book = BOOK.matcher(path);
    if (request.method().equals("POST") && book.matches()) {
      JsonNode body = JSON.readTree(request.body());
      String slot = book.group(1) + " " + body.path("start").asText();
      synchronized (this) {
        String earlier = bookingByKey.get(book.group(1) + " " + request.idempotencyKey());
        if (earlier == null && slotTakenBy.containsKey(slot)) {
          return Reply.of(409, "{\"error\":\"slot_unavailable\"}");
        }
        String id = earlier != null ? earlier : "b" + ids.incrementAndGet();
        slotTakenBy.put(slot, id);
        bookingByKey.put(book.group(1) + " " + request.idempotencyKey(), id);
        return Reply.of(201, "{\"id\":\"" + id + "\",\"start\":\"" + body.path("start").asText()
            + "\",\"bookingToken\":\"bt-" + id + "\"}");
      }
    }
    if (request.method().equals("POST")) {
      return Reply.of(200, "{}"); // cancel, reschedule
    }
    return Reply.of(404, "{\"error\":\"not_found\"}");
  }

  @Override
  public void close() {
    server.close();
  }
}
