package dev.scheduler.http.routes;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import dev.scheduler.http.auth.Credentials;
import dev.scheduler.http.json.WriteBackJson;
import dev.scheduler.protocol.EntityClient;
import dev.scheduler.protocol.admin.HostWriteBacks;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ListConnections;
import dev.scheduler.protocol.calendar.HostCalendarReplies.ConnectionList;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/v1/admin/hosts/{hostId}/write-back}: the writes a host's connections still owe
 * its calendars, for the operator console. Admin token only. The host's entity names its
 * connections (and answers 404 for an unknown host); the rows come from {@link HostWriteBacks}.
 */
public final class WriteBackRoutes extends RouteSupport {
  private final EntityClient entities;
  private final Credentials credentials;
  private final HostWriteBacks writeBacks;

  public WriteBackRoutes(EntityClient entities, Credentials credentials, HostWriteBacks writeBacks) {
    this.entities = entities;
    this.credentials = credentials;
    this.writeBacks = writeBacks;
  }

  /** Below {@code /api/v1/admin}. */
  public Route routes() {
    return path(segment("hosts").slash(segment()).slash("write-back"), hostId -> get(() -> withBearer(token -> {
      credentials.requireAdmin(token, "The write-back outbox");
      return respond(StatusCodes.OK, entities.<ConnectionList>askHost(hostId,
              r -> new ListConnections(Access.asAdmin(), r))
          .thenCompose(list -> writeBacks.of(hostId, list.connectionIds().stream().sorted().toList()))
          .thenApply(WriteBackJson::of));
    })));
  }
}
