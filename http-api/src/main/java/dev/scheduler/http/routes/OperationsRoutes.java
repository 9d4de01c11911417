package dev.scheduler.http.routes;

import dev.scheduler.http.ApiError;
import dev.scheduler.http.ErrorResponses;
import dev.scheduler.protocol.NodeHealth;
import dev.scheduler.http.auth.Credentials;
import dev.scheduler.protocol.calendar.RejectionCode;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import dev.scheduler.http.json.Json;

/** Health probes for orchestrators, and the admin view of the cluster. */
public final class OperationsRoutes extends RouteSupport {
  private final NodeHealth health;
  private final ClusterView clusterView;
  private final Credentials credentials;

  public OperationsRoutes(NodeHealth health, ClusterView clusterView, Credentials credentials) {
    this.health = health;
    this.clusterView = clusterView;
    this.credentials = credentials;
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

  /** {@code GET /api/v1/admin/cluster}: admin only. */
  public Route admin() {
    return path("cluster", () -> get(() -> withBearer(token -> {
      if (!credentials.isAdmin(token)) {
        throw new ApiError(token.isEmpty() ? RejectionCode.UNAUTHORIZED : RejectionCode.FORBIDDEN,
            "The cluster view needs the admin token.");
      }
      return respond(StatusCodes.OK, clusterView.current());
    })));
  }
}
