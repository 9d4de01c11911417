package dev.scheduler.harness.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The app's web_hook endpoint, as a plain JDK server that records what Google sends it. */
final class NotificationReceiver implements AutoCloseable {
  /** One received POST: headers by lower-case name, and how many body bytes came. */
  record Received(Map<String, String> headers, int bodyLength) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    long messageNumber() {
      return Long.parseLong(header("X-Goog-Message-Number"));
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final Queue<Integer> scriptedStatuses = new ConcurrentLinkedQueue<>();

  NotificationReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/notify", exchange -> {
      Map<String, String> headers = new HashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
      headers.put("method", exchange.getRequestMethod());
      int length;
      try (InputStream body = exchange.getRequestBody()) {
        length = body.readAllBytes().length;
      }
      received.add(new Received(headers, length));
      Integer status = scriptedStatuses.poll();
      exchange.sendResponseHeaders(status == null ? 200 : status, -1);
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
  }

  /** The receiver answers the next requests with these statuses, then 200 again. */
  void answerNext(int... statuses) {
    for (int status : statuses) {
      scriptedStatuses.add(status);
    }
  }

  Received next() throws InterruptedException {
    Received next = received.poll(5, TimeUnit.SECONDS);
    assertThat(next).as("a notification within 5 s").isNotNull();
    return next;
  }

  void assertNothingWithin(Duration wait) throws InterruptedException {
    assertThat(received.poll(wait.toMillis(), TimeUnit.MILLISECONDS)).as("no notification").isNull();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
