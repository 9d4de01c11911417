package dev.scheduler.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scheduler.harness.audit.HistoryEvent;
import dev.scheduler.harness.chaos.ClusterControl;
import dev.scheduler.harness.chaos.NodeState;
import dev.scheduler.harness.client.SchedulerApiClient;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Three fake nodes in this JVM sharing one calendar store, and the levers of a ClusterControl over
 * them, for running {@code harness chaos} end to end in a few seconds. Just enough of the API for
 * the load's and the probe's host setup, slot listings (every hour 08:00-19:00 UTC of the asked
 * dates, taken ones left out), bookings with Idempotency-Key (409 for a taken slot), cancellations,
 * readiness and the cluster view. Every booking change goes into a history the auditor reads.
 *
 * <p>Faults act like crude versions of the real thing: a killed node refuses connections and the
 * others answer 503 with Retry-After for 400 ms (its shards move); a PostgreSQL restart makes every
 * node answer 503 without Retry-After for 400 ms; a paused node answers 503 with Retry-After (or
 * 500, when {@link #answer500WhilePaused}); a cut-off node answers 503 with Retry-After.
 */
final class FakeChaosCluster implements ClusterControl {
  static final String ADMIN = "fake-chaos-admin";
  private static final long MOVE_NANOS = 400_000_000L;

  /** A paused node answers 500 (a wrong answer) instead of 503. */
  volatile boolean answer500WhilePaused;
  /** After a PostgreSQL restart, the next booking is acknowledged and never stored (a lost booking). */
  volatile boolean loseABookingAfterDatabaseRestart;
  boolean partitionable = true;

  private final HttpServer[] servers = new HttpServer[3];
  private final int[] ports = new int[3];
  private final AtomicReferenceArray<NodeState> states = new AtomicReferenceArray<>(3);
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fake-chaos-node");
    t.setDaemon(true);
    return t;
  });
  private final List<String> calls = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<String, String> slotTakenBy = new HashMap<>(); // host|start -> booking id
  private final Map<String, Booking> bookings = new HashMap<>(); // host|id
  private final Map<String, Booking> byKey = new HashMap<>(); // host|key
  private final Map<String, List<HistoryEvent>> history = new LinkedHashMap<>();
  private volatile long shardsMovingUntil;
  private volatile long databaseDownUntil;
  private volatile int partitioned = -1;
  private boolean loseNext;
  private final java.util.Set<String> lost = new java.util.HashSet<>();
  private boolean closed;

  private record Booking(String host, String id, String key, String start, String body) {}

  FakeChaosCluster() throws IOException {
    for (int i = 0; i < 3; i++) {
      bind(i, 0);
      ports[i] = servers[i].getAddress().getPort();
      states.set(i, NodeState.RUNNING);
    }
  }

  List<String> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  private void call(String what) {
    synchronized (calls) {
      calls.add(what);
    }
  }

  /** The auditor's view: every booking event of these hosts, in order. */
  Map<String, List<HistoryEvent>> history(Collection<String> hostIds) {
    synchronized (history) {
      Map<String, List<HistoryEvent>> copy = new LinkedHashMap<>();
      hostIds.forEach(h -> copy.put(h, List.copyOf(history.getOrDefault(h, List.of()))));
      return copy;
    }
  }

  @Override
  public List<URI> nodeUrls() {
    List<URI> urls = new ArrayList<>();
    for (int port : ports) {
      urls.add(URI.create("http://127.0.0.1:" + port));
    }
    return urls;
  }

  @Override
  public String adminToken() {
    return ADMIN;
  }

  @Override
  public String jdbcUrl() {
    return "jdbc:fake:chaos";
  }

  @Override
  public String jdbcUser() {
    return "fake";
  }

  @Override
  public String jdbcPassword() {
    return "";
  }

  @Override
  public void kill(int node) {
    call("kill " + node);
    states.set(node, NodeState.EXITED);
    servers[node].stop(0);
    shardsMovingUntil = System.nanoTime() + MOVE_NANOS;
  }

  @Override
  public void start(int node) {
    call("start " + node);
    if (states.get(node) == NodeState.EXITED) {
      try {
        bind(node, ports[node]);
      } catch (IOException e) {
        throw new IllegalStateException("could not listen on " + ports[node] + " again", e);
      }
    }
    states.set(node, NodeState.RUNNING);
  }

  @Override
  public void pause(int node) {
    call("pause " + node);
    states.set(node, NodeState.PAUSED);
  }

  @Override
  public void resume(int node) {
    call("resume " + node);
    states.set(node, NodeState.RUNNING); // it stayed a member
  }

  @Override
  public NodeState state(int node) {
    return states.get(node);
  }

  @Override
  public Optional<String> databaseRestartUnavailable() {
    return Optional.empty();
  }

  @Override
  public void restartDatabase() {
    call("restartDatabase");
    synchronized (this) {
      loseNext = loseABookingAfterDatabaseRestart;
    }
    databaseDownUntil = System.nanoTime() + MOVE_NANOS;
  }

  @Override
  public void stopDatabase() {
    throw new UnsupportedOperationException("restartDatabase only");
  }

  @Override
  public void startDatabase() {
    throw new UnsupportedOperationException("restartDatabase only");
  }

  @Override
  public Optional<String> partitionUnavailable() {
    return partitionable ? Optional.empty() : Optional.of("loopback only");
  }

  @Override
  public void partition(int node) {
    call("partition " + node);
    partitioned = node;
  }

  @Override
  public void heal(int node) {
    call("heal " + node);
    partitioned = -1;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = 0; i < servers.length; i++) {
      if (states.get(i) != NodeState.EXITED) {
        servers[i].stop(0);
      }
    }
    executor.shutdownNow();
  }

  private void bind(int node, int port) throws IOException {
    HttpServer server = null;
    for (int attempt = 0; server == null; attempt++) {
      try {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      } catch (BindException e) {
        if (attempt >= 20) {
          throw e;
        }
        sleep(100);
      }
    }
    server.createContext("/", exchange -> {
      try {
        handle(node, exchange);
      } catch (RuntimeException e) {
        respond(exchange, 500, "{\"error\":\"fake failed: " + e + "\"}", false);
      }
    });
    server.setExecutor(executor);
    server.start();
    servers[node] = server;
  }

  private void handle(int node, HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    byte[] raw = exchange.getRequestBody().readAllBytes();
    NodeState state = state(node);
    if (path.equals("/health/ready")) {
      respond(exchange, state == NodeState.RUNNING ? 200 : 503, "{}", false);
      return;
    }
    if (path.equals("/api/v1/admin/cluster")) {
      StringBuilder members = new StringBuilder();
      for (int i = 0; i < 3; i++) {
        if (state(i) == NodeState.RUNNING) {
          members.append(members.length() == 0 ? "" : ",").append("{\"address\":\"pekko://fake@n").append(i)
              .append("\",\"status\":\"Up\",\"reachable\":true}");
        }
      }
      respond(exchange, 200, "{\"selfAddress\":\"pekko://fake@n" + node + "\",\"members\":[" + members + "]}", false);
      return;
    }
    if (System.nanoTime() < databaseDownUntil) {
      respond(exchange, 503, "{\"error\":\"unavailable\"}", false);
      return;
    }
    if (state == NodeState.PAUSED) {
      respond(exchange, answer500WhilePaused ? 500 : 503, "{\"error\":\"paused\"}", !answer500WhilePaused);
      return;
    }
    if (partitioned == node || System.nanoTime() < shardsMovingUntil && path.matches("/api/v1/hosts/.+")) {
      respond(exchange, 503, "{\"error\":\"unavailable\"}", true);
      return;
    }
    String[] parts = path.split("/");
    String body = new String(raw, StandardCharsets.UTF_8);
    if (method.equals("POST") && path.equals("/api/v1/hosts")) {
      int n = ids.incrementAndGet();
      respond(exchange, 201, "{\"id\":\"host" + n + "\",\"apiToken\":\"token" + n + "\"}", false);
    } else if (method.equals("PUT") && parts.length >= 5) {
      respond(exchange, 200, "{}", false);
    } else if (method.equals("GET") && path.matches("/api/v1/hosts/[^/]+/event-types/[^/]+/slots")) {
      respond(exchange, 200, slots(parts[4], exchange.getRequestURI().getQuery()), false);
    } else if (method.equals("POST") && path.matches("/api/v1/hosts/[^/]+/bookings")) {
      book(exchange, parts[4], exchange.getRequestHeaders().getFirst("Idempotency-Key"), body);
    } else if (method.equals("POST") && path.matches("/api/v1/hosts/[^/]+/bookings/[^/]+/cancel")) {
      cancel(parts[4], parts[6]);
      respond(exchange, 200, "{}", false);
    } else {
      respond(exchange, 404, "{\"error\":\"not_found\"}", false);
    }
  }

  private String slots(String host, String query) {
    Map<String, String> params = new HashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      params.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    LocalDate from = LocalDate.parse(params.get("start"));
    LocalDate to = LocalDate.parse(params.get("end"));
    StringBuilder days = new StringBuilder();
    synchronized (this) {
      for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
        StringBuilder list = new StringBuilder();
        for (int hour = 8; hour < 20; hour++) {
          Instant start = day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
          if (!slotTakenBy.containsKey(host + "|" + start)) {
            list.append(list.length() == 0 ? "" : ",").append("{\"start\":\"").append(start).append("\",\"end\":\"")
                .append(start.plusSeconds(1800)).append("\"}");
          }
        }
        days.append(days.length() == 0 ? "" : ",").append("{\"date\":\"").append(day).append("\",\"slots\":[")
            .append(list).append("]}");
      }
    }
    return "{\"days\":[" + days + "]}";
  }

  private void book(HttpExchange exchange, String host, String key, String body) throws IOException {
    JsonNode json = SchedulerApiClient.MAPPER.readTree(body);
    String start = json.path("start").asText();
    int status;
    String answer;
    synchronized (this) {
      Booking earlier = key == null ? null : byKey.get(host + "|" + key);
      if (earlier != null) {
        status = earlier.body().equals(body) ? 201 : 422;
        answer = status == 201 ? bookingJson(earlier) : "{\"error\":\"idempotency_conflict\"}";
      } else if (slotTakenBy.containsKey(host + "|" + start)) {
        status = 409;
        answer = "{\"error\":\"slot_unavailable\"}";
      } else {
        Booking booking = new Booking(host, "b" + ids.incrementAndGet(), key, start, body);
        slotTakenBy.put(host + "|" + start, booking.id());
        bookings.put(host + "|" + booking.id(), booking);
        if (key != null) {
          byKey.put(host + "|" + key, booking);
        }
        if (loseNext) {
          loseNext = false; // acknowledged, never stored (nor its cancellation, should one come)
          lost.add(booking.id());
        } else {
          Instant at = Instant.parse(start);
          record(host, new HistoryEvent.Confirmed(host, booking.id(), key, at, at.plusSeconds(1800), 0, 0));
        }
        status = 201;
        answer = bookingJson(booking);
      }
    }
    respond(exchange, status, answer, false);
  }

  private synchronized void cancel(String host, String bookingId) {
    Booking booking = bookings.remove(host + "|" + bookingId);
    if (booking != null) {
      slotTakenBy.remove(host + "|" + booking.start());
      if (!lost.contains(bookingId)) {
        record(host, new HistoryEvent.Cancelled(host, bookingId));
      }
    }
  }

  private void record(String host, HistoryEvent event) {
    synchronized (history) {
      history.computeIfAbsent(host, h -> new ArrayList<>()).add(event);
    }
  }

  private static String bookingJson(Booking booking) {
    return "{\"id\":\"" + booking.id() + "\",\"start\":\"" + booking.start() + "\",\"bookingToken\":\"bt-"
        + booking.id() + "\"}";
  }

  private static void respond(HttpExchange exchange, int status, String body, boolean retryAfter) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (retryAfter) {
      exchange.getResponseHeaders().set("Retry-After", "1");
    }
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
