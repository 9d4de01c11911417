package dev.scheduler.node.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.scheduler.node.provider.ics.fetch.AddressPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One POST against a real HTTP server: statuses, redirects, timeouts and the address check. */
class WebhookHttpTest {
  private static final AddressPolicy ANY = new AddressPolicy(true, Set.of());
  private static final Duration TIMEOUT = Duration.ofMillis(800);

  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> signatures = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/ok", exchange -> {
      requests.incrementAndGet();
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      signatures.add(exchange.getRequestHeaders().getFirst("Scheduler-Signature"));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.createContext("/redirect", exchange -> {
      requests.incrementAndGet();
      exchange.getResponseHeaders().add("Location", "/ok");
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    server.createContext("/fail", exchange -> {
      requests.incrementAndGet();
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    server.createContext("/slow", exchange -> {
      requests.incrementAndGet();
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void aTwoHundredSomethingIsDeliveredWithTheBodyAndHeaders() {
    WebhookHttp.Answer answer = new WebhookHttp(ANY, TIMEOUT, InetAddress::getAllByName)
        .post(url("/ok?x=1"), Map.of("Scheduler-Signature", "t=1,v1=ab"), "{\"é\":1}");
    assertThat(answer.delivered()).isTrue();
    assertThat(answer.status()).isEqualTo(204);
    assertThat(bodies).containsExactly("{\"é\":1}");
    assertThat(signatures).containsExactly("t=1,v1=ab");
  }

  @Test
  void aRedirectIsAFailedAttemptAndIsNotFollowed() {
    WebhookHttp.Answer answer = new WebhookHttp(ANY, TIMEOUT, InetAddress::getAllByName)
        .post(url("/redirect"), Map.of(), "{}");
    assertThat(answer.delivered()).isFalse();
    assertThat(answer.describe()).isEqualTo("HTTP 302 (redirects are not followed)");
    assertThat(bodies).as("the target of the redirect was not asked").isEmpty();
  }

  @Test
  void aServerErrorIsAFailedAttempt() {
    WebhookHttp.Answer answer = new WebhookHttp(ANY, TIMEOUT, InetAddress::getAllByName)
        .post(url("/fail"), Map.of(), "{}");
    assertThat(answer.delivered()).isFalse();
    assertThat(answer.describe()).isEqualTo("HTTP 503");
  }

  @Test
  void aSlowReceiverTimesOut() {
    WebhookHttp.Answer answer = new WebhookHttp(ANY, TIMEOUT, InetAddress::getAllByName)
        .post(url("/slow"), Map.of(), "{}");
    assertThat(answer.status()).isNull();
    assertThat(answer.error()).startsWith("timeout");
    assertThat(answer.latencyMs()).isBetween(700L, 2500L);
  }

  @Test
  void nobodyListeningIsAConnectionError() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    WebhookHttp.Answer answer = new WebhookHttp(ANY, TIMEOUT, InetAddress::getAllByName)
        .post(URI.create("http://127.0.0.1:" + port + "/"), Map.of(), "{}");
    assertThat(answer.status()).isNull();
    assertThat(answer.error()).startsWith("connection failed");
  }

  @Test
  void aPrivateAddressIsRefusedBeforeAnyConnectionUnlessAllowed() {
    WebhookHttp refusing = new WebhookHttp(AddressPolicy.PUBLIC_ONLY, TIMEOUT, InetAddress::getAllByName);
    WebhookHttp.Answer answer = refusing.post(url("/ok"), Map.of(), "{}");
    assertThat(answer.error()).isEqualTo("address not allowed (not a public internet address)");
    assertThat(requests).hasValue(0);
  }

  @Test
  void aNameThatNowResolvesToAPrivateAddressIsRefused() {
    // DNS changed since the subscription was made: the check runs at every attempt.
    WebhookHttp rebound = new WebhookHttp(AddressPolicy.PUBLIC_ONLY, TIMEOUT,
        host -> new InetAddress[] {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.7")});
    WebhookHttp.Answer answer = rebound.post(URI.create("http://receiver.example/hook"), Map.of(), "{}");
    assertThat(answer.error()).isEqualTo("address not allowed (not a public internet address)");
  }
}
