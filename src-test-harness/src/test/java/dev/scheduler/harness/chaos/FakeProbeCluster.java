package dev.scheduler.harness.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scheduler.harness.client.SchedulerApiClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * Several fake nodes in this JVM sharing one booking state: just enough of the API for the
 * recovery probe (slots, bookings with Idempotency-Key) and for cluster health (ready, cluster
 * view). Tests script failures per host and read back every request.
 */
final class FakeProbeCluster implements AutoCloseable {
  static final String ADMIN = "fake-admin";

  record Request(int node, String method, String path, String idempotencyKey, String body) {}

  private final List<HttpServer> servers = new ArrayList<>();
  private final List<URI> urls = new ArrayList<>();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, List<String>> slots = new ConcurrentHashMap<>();
  private final Map<String, String> bookedSlots = new ConcurrentHashMap<>(); // host|slot -> key
  private final Map<String, String> bodiesByKey = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
  private final Map<String, Integer> failureStatus = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  /** Which nodes answer /health/ready and show a whole cluster. */
  private volatile IntPredicate healthy = node -> true;

  FakeProbeCluster(int nodes) throws IOException {
    for (int i = 0; i < nodes; i++) {
      int node = i;
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      server.createContext("/", exchange -> handle(node, exchange));
      server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
      server.start();
      servers.add(server);
      urls.add(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }
  }

  /** The node stops listening: connections to it are refused from now on. */
  void stopNode(int node) {
    servers.get(node).stop(0);
  }

  List<URI> urls() {
    return urls;
  }

  void healthy(IntPredicate predicate) {
    this.healthy = predicate;
  }

  void host(String hostId, String... slotStarts) {
    slots.put(hostId, List.of(slotStarts));
  }

  /** The next {@code count} booking attempts for the host answer {@code status}. */
  void failBookings(String hostId, int count, int status) {
    failuresLeft.put(hostId, new AtomicInteger(count));
    failureStatus.put(hostId, status);
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void handle(int node, HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    requests.add(new Request(node, exchange.getRequestMethod(), exchange.getRequestURI().toString(), key, body));
    if (path.equals("/health/ready")) {
      respond(exchange, healthy.test(node) ? 200 : 503, "{}");
    } else if (path.equals("/api/v1/admin/cluster")) {
      StringBuilder members = new StringBuilder();
      for (int i = 0; i < urls.size(); i++) {
        if (healthy.test(i)) {
          members.append(members.length() == 0 ? "" : ",")
              .append("{\"address\":\"pekko://s@n").append(i).append("\",\"status\":\"Up\",\"reachable\":true}");
        }
      }
      respond(exchange, 200, "{\"selfAddress\":\"pekko://s@n" + node + "\",\"members\":[" + members + "]}");
    } else if (path.matches("/api/v1/hosts/[^/]+/event-types/[^/]+/slots")) {
      String host = path.split("/")[4];
      StringBuilder list = new StringBuilder();
      for (String start : slots.getOrDefault(host, List.of())) {
        if (!bookedSlots.containsKey(host + "|" + start)) {
          list.append(list.length() == 0 ? "" : ",").append("{\"start\":\"").append(start).append("\",\"end\":\"x\"}");
        }
      }
      respond(exchange, 200, "{\"days\":[{\"date\":\"2030-01-01\",\"slots\":[" + list + "]}]}");
    } else if (path.matches("/api/v1/hosts/[^/]+/bookings") && exchange.getRequestMethod().equals("POST")) {
      book(path.split("/")[4], key, body, exchange);
    } else {
      respond(exchange, 404, "{\"error\":\"not_found\"}");
    }
  }

  private synchronized void book(String host, String key, String body, HttpExchange exchange) throws IOException {
    AtomicInteger left = failuresLeft.get(host);
    if (left != null && left.getAndDecrement() > 0) {
      int status = failureStatus.get(host);
      if (status == 503) {
        exchange.getResponseHeaders().set("Retry-After", "1");
      }
      respond(exchange, status, "{\"error\":\"scripted\"}");
      return;
    }
    if (key != null && bodiesByKey.containsKey(key)) {
      if (!bodiesByKey.get(key).equals(body)) {
        respond(exchange, 422, "{\"error\":\"idempotency_conflict\"}");
      } else {
        respond(exchange, 201, "{\"id\":\"replayed-" + key + "\"}");
      }
      return;
    }
    JsonNode json = SchedulerApiClient.MAPPER.readTree(body);
    String slot = host + "|" + json.path("start").asText();
    if (bookedSlots.containsKey(slot)) {
      respond(exchange, 409, "{\"error\":\"slot_unavailable\"}");
      return;
    }
    bookedSlots.put(slot, key == null ? "" : key);
    if (key != null) {
      bodiesByKey.put(key, body);
    }
    respond(exchange, 201, "{\"id\":\"b" + ids.incrementAndGet() + "\"}");
  }

  /** Marks a slot as taken by someone else. */
  void take(String host, String start) {
    bookedSlots.put(host + "|" + start, "someone-else");
  }

  Map<String, String> booked() {
    return new HashMap<>(bookedSlots);
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    servers.forEach(s -> s.stop(0));
  }
}
