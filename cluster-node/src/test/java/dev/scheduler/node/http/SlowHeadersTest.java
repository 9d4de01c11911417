package dev.scheduler.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.node.testkit.SingleNodeProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's slow-header attack against a node in its own 256 MB process: 2,100 connections
 * (from 21 loopback addresses, so that the per-client cap alone cannot save the node) send a
 * request line, then one header byte per second, more than the node's 2,048 connections. Before
 * the fix every new request timed out. Now each is dropped at the header deadline, a normal client
 * keeps getting answers, and one address that opens more than its cap has the excess closed at once.
 */
@EnabledOnOs(OS.LINUX)
class SlowHeadersTest {
  private static final int ADDRESSES = 21;
  private static final int PER_ADDRESS = 100;
  private static final int CAP = 100;
  private static final int OVER_CAP = 150;
  private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration ANSWER_BOUND = Duration.ofSeconds(20);

  @TempDir Path work;

  @Test
  void slowHeadersAreDroppedAndANormalClientIsAnswered() throws Exception {
    try (SingleNodeProcess node = SingleNodeProcess.embedded(work, Map.of(
        "SCHEDULER_HTTP_HEADER_TIMEOUT", HEADER_TIMEOUT.toSeconds() + "s",
        "SCHEDULER_HTTP_MAX_CONNECTIONS_PER_CLIENT", Integer.toString(CAP))).start()) {
      int port = node.httpPort();
      long started = System.nanoTime();
      List<Socket> capped = open(port, "127.0.0.23", OVER_CAP);
      List<Socket> slow = new ArrayList<>();
      for (int a = 2; a < 2 + ADDRESSES; a++) {
        slow.addAll(open(port, "127.0.0." + a, PER_ADDRESS));
      }
      System.out.printf("slow headers: %d + %d connections opened in %d ms%n", capped.size(), slow.size(),
          millisSince(started));

      AtomicBoolean trickling = new AtomicBoolean(true);
      List<Socket> all = new ArrayList<>(capped);
      all.addAll(slow);
      Thread trickle = new Thread(() -> trickle(all, trickling), "slow-header-trickle");
      trickle.start();
      try {
        Thread.sleep(1500);
        long closedAtOnce = capped.stream().filter(SlowHeadersTest::closedByServer).count();
        System.out.printf("slow headers: of %d connections from one address (cap %d), %d closed at once%n",
            OVER_CAP, CAP, closedAtOnce);
        assertThat(closedAtOnce).as("connections over the per-client cap").isGreaterThanOrEqualTo(OVER_CAP - CAP);

        long worst = normalClientWhileAttacked(port, Duration.ofSeconds(16));
        System.out.printf("slow headers: a normal client's slowest answer under attack %d ms%n", worst);
        assertThat(Duration.ofMillis(worst)).isLessThan(ANSWER_BOUND);

        boolean allClosed = awaitAllClosed(all, Duration.ofSeconds(40));
        System.out.printf("slow headers: all %d slow connections closed by the node %d ms after the first opened%n",
            all.size(), millisSince(started));
        assertThat(allClosed).as("every slow connection closed by the node").isTrue();
        assertThat(node.launcher().isAlive()).as(node.logTail()).isTrue();
        assertThat(node.logTail()).doesNotContain("OutOfMemoryError");
        long logLines;
        try (var lines = java.nio.file.Files.lines(node.launcher().logFile())) {
          logLines = lines.count();
        }
        System.out.printf("slow headers: the node's whole log has %d lines after dropping %d connections%n",
            logLines, all.size());
        assertThat(logLines).as("dropped connections are not logged one by one").isLessThan(all.size() / 4);
        assertThat(answer(port)).isLessThan(ANSWER_BOUND.toMillis());
      } finally {
        trickling.set(false);
        trickle.join();
        all.forEach(SlowHeadersTest::closeQuietly);
      }
    }
  }

  /**
   * The body deadline drops a client that trickles its body; the header deadline leaves a
   * kept-alive connection that idles between requests alone, and pipelined requests are answered.
   */
  @Test
  void slowBodiesAreDroppedButKeepAliveAndPipeliningWork() throws Exception {
    Duration deadline = Duration.ofSeconds(3);
    try (SingleNodeProcess node = SingleNodeProcess.embedded(work, Map.of(
        "SCHEDULER_HTTP_HEADER_TIMEOUT", deadline.toSeconds() + "s",
        "SCHEDULER_HTTP_BODY_TIMEOUT", deadline.toSeconds() + "s")).start()) {
      int port = node.httpPort();
      try (Socket keptAlive = new Socket("127.0.0.1", port)) {
        keptAlive.setSoTimeout(10_000);
        String get = "GET /health/alive HTTP/1.1\r\nHost: localhost\r\n\r\n";
        send(keptAlive, get);
        assertThat(readAnswer(keptAlive)).startsWith("HTTP/1.1 200");
        Thread.sleep(deadline.plusSeconds(2).toMillis());
        send(keptAlive, get + get);
        assertThat(readAnswer(keptAlive)).as("after idling past the header deadline").startsWith("HTTP/1.1 200");
        assertThat(readAnswer(keptAlive)).as("the second of two pipelined requests").startsWith("HTTP/1.1 200");
      }

      List<Socket> slowBodies = new ArrayList<>();
      long started = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        Socket socket = new Socket("127.0.0.1", port);
        send(socket, "POST /api/v1/hosts/h1/bookings HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
        slowBodies.add(socket);
      }
      AtomicBoolean trickling = new AtomicBoolean(true);
      Thread trickle = new Thread(() -> trickle(slowBodies, trickling), "slow-body-trickle");
      trickle.start();
      try {
        for (Socket socket : slowBodies) {
          socket.setSoTimeout(20_000);
          socket.getInputStream().readAllBytes();
        }
      } catch (IOException reset) {
        // closed by the node
      } finally {
        trickling.set(false);
        trickle.join();
        slowBodies.forEach(SlowHeadersTest::closeQuietly);
      }
      long closedAfter = millisSince(started);
      System.out.printf("slow bodies: 20 connections trickling a body closed %d ms after their heads (deadline %d s)%n",
          closedAfter, deadline.toSeconds());
      assertThat(closedAfter).isBetween(deadline.toMillis() - 500, deadline.toMillis() + 5_000);
    }
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
  }

  /** One answer with a Content-Length body, read from a kept-alive connection. */
  private static String readAnswer(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after " + head);
      }
      head.append((char) b);
    }
    String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
    int at = lower.indexOf("content-length:");
    int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
    return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static List<Socket> open(int port, String from, int count) throws IOException {
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Socket socket = new Socket();
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.getOutputStream().write("GET /health/ready HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
      sockets.add(socket);
    }
    return sockets;
  }

  /** One header byte per second on every connection still open: never a complete head. */
  private static void trickle(List<Socket> sockets, AtomicBoolean trickling) {
    while (trickling.get()) {
      for (Socket socket : sockets) {
        try {
          socket.getOutputStream().write('X');
        } catch (IOException closed) {
          // the node dropped it
        }
      }
      sleep(1000);
    }
  }

  /** New connections, one request each, every half second; returns the slowest answer in ms. */
  private static long normalClientWhileAttacked(int port, Duration during) throws IOException {
    long worst = 0;
    long until = System.nanoTime() + during.toNanos();
    while (System.nanoTime() < until) {
      worst = Math.max(worst, answer(port));
      sleep(500);
    }
    return worst;
  }

  private static long answer(int port) throws IOException {
    long started = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), (int) ANSWER_BOUND.toMillis());
      socket.setSoTimeout((int) ANSWER_BOUND.toMillis());
      socket.getOutputStream().write(
          "GET /health/alive HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 200");
    }
    return millisSince(started);
  }

  private static boolean awaitAllClosed(List<Socket> sockets, Duration atMost) {
    long until = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < until) {
      if (sockets.stream().allMatch(SlowHeadersTest::closedByServer)) {
        return true;
      }
      sleep(250);
    }
    long open = sockets.stream().filter(s -> !closedByServer(s)).count();
    System.out.printf("slow headers: %d connections still open after %d s more%n", open, atMost.toSeconds());
    return false;
  }

  private static boolean closedByServer(Socket socket) {
    try {
      socket.setSoTimeout(1);
      InputStream in = socket.getInputStream();
      return in.read() < 0;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing
    }
  }
}
