package dev.scheduler.harness.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Answers every request with JSON describing it: method, path, raw query, headers (lower-cased
 * names, first value) and body. The status comes from an X-Echo-Status request header.
 */
final class EchoServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(16);

  EchoServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.createContext("/", this::echo);
    server.setExecutor(executor);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void echo(HttpExchange exchange) throws IOException {
    ObjectNode json = SchedulerApiClient.MAPPER.createObjectNode();
    json.put("method", exchange.getRequestMethod());
    json.put("path", exchange.getRequestURI().getRawPath());
    json.put("query", exchange.getRequestURI().getRawQuery());
    ObjectNode headers = json.putObject("headers");
    exchange.getRequestHeaders().forEach((name, values) ->
        headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    json.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String requested = exchange.getRequestHeaders().getFirst("X-Echo-Status");
    int status = requested == null ? 200 : Integer.parseInt(requested);
    byte[] out = SchedulerApiClient.MAPPER.writeValueAsBytes(json);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("X-Echo", "yes");
    exchange.sendResponseHeaders(status, out.length);
    exchange.getResponseBody().write(out);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
