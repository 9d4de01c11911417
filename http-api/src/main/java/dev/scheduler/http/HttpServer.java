package dev.scheduler.http;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds the routes to a port, and unbinds them gracefully when the node shuts down. */
public final class HttpServer {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

  private HttpServer() {}

  public static CompletionStage<ServerBinding> start(ActorSystem<?> system, Route routes, String host, int port) {
    return Http.get(system).newServerAt(host, port).bind(routes).whenComplete((binding, failure) -> {
      if (failure != null) {
        LOG.error("Could not bind HTTP on {}:{}; stopping the node", host, port, failure);
        system.terminate();
        return;
      }
      InetSocketAddress address = binding.localAddress();
      LOG.info("HTTP API listening on http://{}:{}/", address.getHostString(), address.getPort());
      // Stop accepting, let requests in flight finish, then let the rest of the node stop.
      binding.addToCoordinatedShutdown(Duration.ofSeconds(10), system);
    });
  }
}
