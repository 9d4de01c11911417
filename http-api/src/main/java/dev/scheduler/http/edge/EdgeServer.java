package dev.scheduler.http.edge;

import dev.scheduler.http.PerKeyCounter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.SharedKillSwitch;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.TLSPlacebo;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the routes at the TCP level, so that each connection's bytes pass a header and body
 * deadline before pekko-http's parser, and so that one client address has a cap of its own under
 * {@code max-connections}. Unbinding and draining on coordinated shutdown work as pekko-http's own
 * binding did: no new connections, new requests on open ones answered 503, requests in flight
 * answered, then the connections closed.
 */
public final class EdgeServer {
  private static final Logger LOG = LoggerFactory.getLogger(EdgeServer.class);

  private final ActorSystem<?> system;
  private final ServerSettings server;
  private final EdgeSettings edge;
  // Open connections per client address, so that one address cannot take all of max-connections.
  private final PerKeyCounter<InetAddress> clients;
  private final SharedKillSwitch connections = KillSwitches.shared("http-connections");
  private final Drain drain;
  private final org.apache.pekko.japi.function.Function<HttpRequest, CompletionStage<HttpResponse>> handler;
  private final LoggingAdapter log;
  private final Duration drainTimeout;

  /**
   * @param drainTimeout how long a stopping node keeps answering the requests it has already taken
   * @param whenStopping the answer to requests that arrive on open connections while stopping
   */
  public EdgeServer(ActorSystem<?> system, Route routes, Duration drainTimeout, HttpResponse whenStopping) {
    this.drainTimeout = drainTimeout;
    this.system = system;
    this.server = ServerSettings.create(system.classicSystem());
    this.edge = EdgeSettings.from(system.settings().config());
    this.clients = new PerKeyCounter<>(edge.maxConnectionsPerClient());
    this.drain = new Drain(whenStopping);
    this.handler = routes.handler(system);
    this.log = system.classicSystem().log();
  }

  /** Binds; completes with the address bound to, or fails when the port cannot be bound. */
  public CompletionStage<InetSocketAddress> bind(String host, int port) {
    return Tcp.get(system).bind(host, port, server.getBacklog(), List.of(), false, Optional.empty())
        .mapAsyncUnordered(server.getMaxConnections(), this::serve)
        .toMat(Sink.ignore(), Keep.left())
        .run(system)
        .thenApply(binding -> {
          whenStopping(binding);
          return binding.localAddress();
        });
  }

  private CompletionStage<Done> serve(Tcp.IncomingConnection connection) {
    var client = connection.remoteAddress().getAddress();
    if (!clients.tryAcquire(client)) {
      LOG.debug("Closed a connection of {}: it holds {} already", client, edge.maxConnectionsPerClient());
      connection.handleWith(Flow.fromSinkAndSourceCoupled(Sink.<ByteString>cancelled(), Source.<ByteString>empty()),
          system);
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    CompletionStage<Done> closed = connection.handleWith(httpFlow(connection.remoteAddress()), system);
    return closed.handle((done, failure) -> {
      clients.release(client);
      if (failure instanceof ConnectionDeadlines.SlowClientException slow) {
        LOG.debug("Dropped a slow client {}: {}", client, slow.getMessage());
      }
      return Done.getInstance();
    });
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Flow<ByteString, ByteString, CompletionStage<Done>> httpFlow(InetSocketAddress remote) {
    ConnectionDeadlines deadlines = new ConnectionDeadlines(edge);
    BidiFlow http = Http.get(system).serverLayer(server, Optional.of(remote), log).atop((BidiFlow) TLSPlacebo.getInstance());
    Flow<HttpRequest, HttpResponse, NotUsed> answers = deadlines.requests().via(drain.around(handler));
    Flow<ByteString, ByteString, NotUsed> bytes = http.reversed().join(answers);
    return Flow.of(ByteString.class)
        .via(connections.flow())
        .via(deadlines.inbound())
        .via(bytes)
        .watchTermination(Keep.right());
  }

  private void whenStopping(Tcp.ServerBinding binding) {
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    shutdown.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "http-unbind", () -> {
      LOG.info("Stopping: the HTTP API takes no new connections and answers the requests it has (for up to {} s)",
          drainTimeout.toSeconds());
      return binding.unbind().thenApply(unbound -> Done.getInstance());
    });
    shutdown.addTask(CoordinatedShutdown.PhaseServiceRequestsDone(), "http-drain", () -> drain.stop(drainTimeout));
    shutdown.addTask(CoordinatedShutdown.PhaseServiceStop(), "http-close", () -> {
      connections.shutdown();
      LOG.info("HTTP API stopped");
      return CompletableFuture.completedFuture(Done.getInstance());
    });
  }
}
