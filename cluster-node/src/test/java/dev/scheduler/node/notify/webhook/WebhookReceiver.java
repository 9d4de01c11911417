package dev.scheduler.node.notify.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver as a customer would write one, on the JDK's HTTP server: it checks every
 * delivery's signature with its own HMAC code (not the node's), and answers a chosen status.
 */
final class WebhookReceiver implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  record Delivery(String eventIdHeader, String signatureHeader, String body, boolean signatureValid, JsonNode json) {
    String type() {
      return json.get("type").asText();
    }

    String bookingId() {
      return json.get("booking").get("id").asText();
    }
  }

  private final HttpServer server;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final AtomicInteger status;
  private volatile String secret;

  private WebhookReceiver(HttpServer server, int status) {
    this.server = server;
    this.status = new AtomicInteger(status);
  }

  static WebhookReceiver start(int port, int status) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    WebhookReceiver receiver = new WebhookReceiver(server, status);
    server.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String signature = exchange.getRequestHeaders().getFirst("Scheduler-Signature");
      receiver.deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("Scheduler-Event-Id"), signature,
          body, receiver.verifies(signature, body), MAPPER.readTree(body)));
      exchange.sendResponseHeaders(receiver.status.get(), -1);
      exchange.close();
    });
    server.start();
    return receiver;
  }

  int port() {
    return server.getAddress().getPort();
  }

  void secret(String value) {
    this.secret = value;
  }

  void answer(int newStatus) {
    status.set(newStatus);
  }

  List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  private boolean verifies(String header, String body) {
    if (header == null || secret == null || !header.matches("t=[0-9]+,v1=[0-9a-f]{64}")) {
      return false;
    }
    String t = header.substring(2, header.indexOf(','));
    String v1 = header.substring(header.indexOf("v1=") + 3);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
      return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
