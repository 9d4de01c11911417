package dev.scheduler.node.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Local HTTP servers that play feed publishers: good feeds, hostile ones, redirects, and feeds that
 * send their headers and then one byte every so often. Counts requests per path, and tells which
 * dripping feeds are being read right now and when the reader hung up.
 */
public final class FeedServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final Set<String> dripping = ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> hungUp = new ConcurrentHashMap<>();
  private final Map<String, Instant> dripStarted = new ConcurrentHashMap<>();
  private final java.util.List<Duration> dripLengths = new java.util.concurrent.CopyOnWriteArrayList<>();

  public FeedServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(threads);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  public FeedServer serve(String path, int status, String body) {
    server.createContext(path, exchange -> {
      count(exchange);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/calendar");
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    return this;
  }

  public FeedServer redirect(String path, String location) {
    server.createContext(path, exchange -> {
      count(exchange);
      exchange.getResponseHeaders().add("Location", location);
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    return this;
  }

  /** Headers at once, then "BEGIN:VCALENDAR..." one byte every {@code every}, for a minute at most. */
  public FeedServer drip(String path, Duration every) {
    server.createContext(path, exchange -> {
      count(exchange);
      String key = exchange.getRequestURI().getPath();
      dripping.add(key);
      Instant started = Instant.now();
      dripStarted.put(key, started);
      exchange.getResponseHeaders().add("Content-Type", "text/calendar");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      try {
        for (int i = 0; i < 60_000 / every.toMillis(); i++) {
          out.write('B');
          out.flush();
          Thread.sleep(every.toMillis());
        }
      } catch (IOException e) {
        hungUp.put(key, Instant.now());
        dripLengths.add(Duration.between(started, Instant.now()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        dripping.remove(key);
        exchange.close();
      }
    });
    return this;
  }

  /** When the latest read of a dripping feed began. */
  public Instant dripStartedAt(String path) {
    return dripStarted.get(path);
  }

  /** How long each dripping read lasted until the reader hung up. */
  public java.util.List<Duration> dripLengths() {
    return java.util.List.copyOf(dripLengths);
  }

  public int hits(String path) {
    return hits.getOrDefault(path, new AtomicInteger()).get();
  }

  public int allHits() {
    return hits.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  public Set<String> drippingNow() {
    return Set.copyOf(dripping);
  }

  public Instant hungUpAt(String path) {
    return hungUp.get(path);
  }

  private void count(HttpExchange exchange) {
    hits.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
