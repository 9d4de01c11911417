package dev.scheduler.http.routes;

import dev.scheduler.http.ErrorResponses;
import dev.scheduler.protocol.NodeHealth;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import dev.scheduler.http.json.Json;

/** Health probes for orchestrators. */
public final class OperationsRoutes extends RouteSupport {
  private final NodeHealth health;

  public OperationsRoutes(NodeHealth health) {
    this.health = health;
  }

  public Route health() {
    return pathPrefix("health", () -> concat(
        path("alive", () -> get(() -> complete(health.isAlive()
            ? Json.response(StatusCodes.OK, Map.of("status", "alive"))
            : ErrorResponses.unavailable("The node's journal has been failing for too long; replace the node.")))),
        path("ready", () -> get(() -> respond(health.isReady().thenApply(ready -> ready
            ? Json.response(StatusCodes.OK, Map.of("status", "ready"))
            : ErrorResponses.unavailable("The node has not joined the cluster, or its journal does not answer.")))))));
  }
}
