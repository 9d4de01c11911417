package dev.scheduler.http;

import dev.scheduler.http.edge.EdgeServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds the routes to a port, and unbinds them gracefully when the node shuts down. */
public final class HttpServer {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

  private HttpServer() {}

  /**
   * @param drainTimeout how long a stopping node keeps answering the requests it has already taken;
   *     longer than the ask timeout, so that a request waiting for its calendar gets that answer
   * @return the address bound to
   */
  public static CompletionStage<InetSocketAddress> start(ActorSystem<?> system, Route routes, String host, int port,
      Duration drainTimeout) {
    // On SIGTERM or Ctrl-C: stop accepting connections, answer new requests on open connections
    // with 503, let requests in flight finish, and only then hand shards over and leave the cluster.
    EdgeServer server = new EdgeServer(system, routes, drainTimeout,
        ErrorResponses.unavailable("This node is stopping; retry, another node will answer."));
    return server.bind(host, port).whenComplete((address, failure) -> {
      if (failure != null) {
        LOG.error("Could not bind HTTP on {}:{}; stopping the node", host, port, failure);
        system.terminate();
        return;
      }
      LOG.info("HTTP API listening on http://{}:{}/", address.getHostString(), address.getPort());
    });
  }
}
