package dev.scheduler.harness.process;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * Stand-in for dev.scheduler.node.Main, launched as a child process by NodeProcessLauncherTest.
 * Env: FAKE_NODE_HTTP_PORT, FAKE_NODE_GREETING (printed), FAKE_NODE_READY=false (answer 503).
 */
public final class FakeNodeMain {
  private FakeNodeMain() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(System.getenv("FAKE_NODE_HTTP_PORT"));
    boolean ready = !"false".equals(System.getenv("FAKE_NODE_READY"));
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    server.createContext("/health/ready", exchange -> {
      byte[] body = (ready ? "ready" : "starting").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(ready ? 200 : 503, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("fake node shutting down")));
    System.out.println("greeting: " + System.getenv("FAKE_NODE_GREETING"));
    System.out.println("fake node listening on " + port);
    new CountDownLatch(1).await();
  }
}
