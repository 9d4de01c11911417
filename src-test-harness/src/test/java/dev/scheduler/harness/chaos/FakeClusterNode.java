package dev.scheduler.harness.chaos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Stand-in for dev.scheduler.node.Main, run as a process by ProcessCluster and by
 * local-cluster.sh in these tests. Reads the node's own environment variables. Serves
 * /health/ready (200), /api/v1/admin/cluster (every seed Up, for the admin token only), and
 * /probe?address=host:port (200 when a TCP connection to it opens within a second, else 503).
 * Accepts TCP connections on its remoting address, so that peers can probe it.
 */
public final class FakeClusterNode {
  private FakeClusterNode() {}

  public static void main(String[] args) throws Exception {
    String httpHost = env("SCHEDULER_HTTP_HOST", "127.0.0.1");
    int httpPort = Integer.parseInt(env("SCHEDULER_HTTP_PORT", "8080"));
    String remoteHost = env("SCHEDULER_REMOTE_HOST", "127.0.0.1");
    int remotePort = Integer.parseInt(env("SCHEDULER_REMOTE_PORT", "25520"));
    String adminToken = env("SCHEDULER_ADMIN_TOKEN", "");
    List<String> seeds = List.of(env("SCHEDULER_SEED_NODES", remoteHost + ":" + remotePort).split(","));

    ServerSocket remoting = new ServerSocket();
    remoting.bind(new InetSocketAddress(InetAddress.getByName(remoteHost), remotePort));
    Thread acceptor = new Thread(() -> {
      while (true) {
        try (Socket ignored = remoting.accept()) {
          // accepted and closed: reachability is all the probes want
        } catch (IOException e) {
          return;
        }
      }
    }, "fake-remoting");
    acceptor.setDaemon(true);
    acceptor.start();

    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(httpHost), httpPort), 50);
    server.createContext("/health/ready", exchange -> respond(exchange, 200, "{\"status\":\"ready\"}"));
    server.createContext("/api/v1/admin/cluster", exchange -> {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (!("Bearer " + adminToken).equals(auth)) {
        respond(exchange, 401, "{\"error\":\"unauthorized\"}");
        return;
      }
      List<String> members = new ArrayList<>();
      for (String seed : seeds) {
        members.add("{\"address\":\"pekko://scheduler@" + seed + "\",\"status\":\"Up\",\"roles\":[],\"reachable\":true}");
      }
      respond(exchange, 200, "{\"selfAddress\":\"pekko://scheduler@" + remoteHost + ":" + remotePort
          + "\",\"members\":[" + String.join(",", members) + "],\"shardRegions\":[]}");
    });
    server.createContext("/probe", exchange -> {
      String query = exchange.getRequestURI().getQuery();
      String address = query.substring(query.indexOf('=') + 1);
      int colon = address.lastIndexOf(':');
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(address.substring(0, colon),
            Integer.parseInt(address.substring(colon + 1))), 1000);
        respond(exchange, 200, "reachable");
      } catch (IOException e) {
        respond(exchange, 503, "unreachable: " + e);
      }
    });
    server.start();
    System.out.println("fake cluster node on http " + httpHost + ":" + httpPort + ", remoting " + remoteHost
        + ":" + remotePort + ", db " + System.getenv("SCHEDULER_DB_URL"));
    new CountDownLatch(1).await();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
