package dev.scheduler.harness.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A tiny HTTP server for the load's tests: records every request and answers as told (possibly never). */
public final class StubServer implements AutoCloseable {

  public record Received(String method, String path, String idempotencyKey, String body) {}

  public record Reply(int status, String body, Map<String, String> headers) {
    public static Reply of(int status, String body) {
      return new Reply(status, body, Map.of());
    }
  }

  @FunctionalInterface
  public interface Responder {
    /** May block (a stalled server); runs on a thread per request. */
    Reply reply(Received request) throws Exception;
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private StubServer(Responder responder) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
    server.setExecutor(threads);
    server.createContext("/", exchange -> handle(exchange, responder));
    server.start();
  }

  public static StubServer start(Responder responder) throws IOException {
    return new StubServer(responder);
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public int count() {
    return received.size();
  }

  private void handle(HttpExchange exchange, Responder responder) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      URI uri = exchange.getRequestURI();
      Received request = new Received(exchange.getRequestMethod(),
          uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery(),
          exchange.getRequestHeaders().getFirst("Idempotency-Key"), body);
      received.add(request);
      Reply reply;
      try {
        reply = responder.reply(request);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        reply = Reply.of(500, "{\"error\":\"" + e + "\"}");
      }
      byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
