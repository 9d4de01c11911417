package dev.scheduler.http.routes;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import dev.scheduler.http.ApiError;
import dev.scheduler.http.auth.Credentials;
import dev.scheduler.http.json.ClusterJson;
import dev.scheduler.http.json.StatsJson;
import dev.scheduler.protocol.admin.ClusterOperations;
import dev.scheduler.protocol.calendar.RejectionCode;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import dev.scheduler.http.json.Json;

/**
 * {@code /api/v1/admin/...}, admin token only: the cluster view, a member asked to leave, and every
 * node's stats for the console's charts.
 */
public final class ClusterAdminRoutes extends RouteSupport {
  private final ClusterView clusterView;
  private final ClusterOperations cluster;
  private final Credentials credentials;

  public ClusterAdminRoutes(ClusterView clusterView, ClusterOperations cluster, Credentials credentials) {
    this.clusterView = clusterView;
    this.cluster = cluster;
    this.credentials = credentials;
  }

  public Route routes() {
    return withBearer(token -> concat(
        path("cluster", () -> get(() -> asAdmin(token, () -> respond(StatusCodes.OK, clusterView.current())))),
        path(segment("cluster").slash("leave"),
            () -> post(() -> asAdmin(token, this::leave))),
        path("stats", () -> get(() -> asAdmin(token,
            () -> respond(StatusCodes.OK, cluster.gather().thenApply(StatsJson::of)))))));
  }

  private Route leave() {
    return withJsonBody(ClusterJson.LeaveRequest.class, body -> {
      if (body.address() == null || !ClusterView.isAddress(body.address())) {
        throw ApiError.invalid("address is required: a member's address as GET /api/v1/admin/cluster lists it, "
            + "such as pekko://scheduler@10.0.0.5:25520.");
      }
      String leaving = cluster.leave(body.address()).orElseThrow(() -> new ApiError(RejectionCode.NOT_FOUND,
          "No member of the cluster has the address " + body.address() + "."));
      return complete(Json.response(StatusCodes.ACCEPTED, new ClusterJson.Leaving(leaving, "Leaving")));
    });
  }

  private Route asAdmin(Optional<String> token, Supplier<Route> inner) {
    credentials.requireAdmin(token, "This admin route");
    return inner.get();
  }
}
