package dev.scheduler.http;

import dev.scheduler.http.auth.Ids;
import dev.scheduler.http.json.ResponseWriter;
import dev.scheduler.protocol.api.CalendarJson;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarCommand.AddConnection;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ConfigureConnection;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ListConnections;
import dev.scheduler.protocol.calendar.HostCalendarCommand.RemoveConnection;
import dev.scheduler.protocol.calendar.HostCalendarReplies.ConnectionList;
import dev.scheduler.protocol.connection.ConnectionCommand;
import dev.scheduler.protocol.connection.ConnectionCommand.Connect;
import dev.scheduler.protocol.connection.ConnectionCommand.GetConnection;
import dev.scheduler.protocol.connection.ConnectionCommand.Remove;
import dev.scheduler.protocol.connection.ConnectionCommand.SyncNow;
import dev.scheduler.protocol.connection.ConnectionEntityKey;
import dev.scheduler.protocol.connection.ConnectionView;
import dev.scheduler.protocol.connection.ProviderKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;

/**
 * Adds, lists and removes a host's calendar connections. The host's calendar says which connections
 * are the host's (and checks the token); each connection's own entity holds its status.
 */
public final class Connections {
  private final HostCalendars calendars;
  private final ClusterSharding sharding;
  private final Duration askTimeout;

  public Connections(ActorSystem<?> system, HostCalendars calendars, Duration askTimeout) {
    this.calendars = calendars;
    this.sharding = ClusterSharding.get(system);
    this.askTimeout = askTimeout;
  }

  /** Registers the feed with the host first, so that its busy time is accepted from the start. */
  public CompletionStage<CalendarJson.ConnectionResponse> addIcs(String hostId, Access access, String url) {
    String connectionId = Ids.newId();
    return calendars.<ConnectionList>ask(hostId, r -> new AddConnection(access, connectionId, ProviderKind.ICS, r))
        .thenCompose(added -> askConnection(connectionId,
                r -> new Connect(hostId, ProviderKind.ICS, url, added.hostTimeZone(), null, r))
            .thenApply(view -> ResponseWriter.connection(view, added)));
  }

  public CompletionStage<CalendarJson.ConnectionResponse> configure(String hostId, Access access, String connectionId,
      Boolean countsForConflicts, Boolean receivesBookings) {
    return calendars.<ConnectionList>ask(hostId,
            r -> new ConfigureConnection(access, connectionId, countsForConflicts, receivesBookings, r))
        .thenCompose(list -> askConnection(connectionId, GetConnection::new)
            .thenApply(view -> ResponseWriter.connection(view, list)));
  }

  public CompletionStage<CalendarJson.ConnectionsResponse> list(String hostId, Access access) {
    return calendars.<ConnectionList>ask(hostId, r -> new ListConnections(access, r)).thenCompose(list -> {
      List<CompletableFuture<CalendarJson.ConnectionResponse>> views = list.connectionIds().stream()
          .map(id -> askConnection(id, GetConnection::new).thenApply(view -> ResponseWriter.connection(view, list))
              .toCompletableFuture())
          .toList();
      return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new))
          .thenApply(done -> new CalendarJson.ConnectionsResponse(views.stream().map(CompletableFuture::join).toList()));
    });
  }

  /** The host forgets the connection (and its busy time) first; then the connection stops syncing. */
  public CompletionStage<CalendarJson.ConnectionResponse> remove(String hostId, Access access, String connectionId) {
    return calendars.<ConnectionList>ask(hostId, r -> new RemoveConnection(access, connectionId, r))
        .thenCompose(removed -> askConnection(connectionId, Remove::new))
        .thenApply(view -> ResponseWriter.connection(view, null));
  }

  public void syncNow(String connectionId, String reason) {
    sharding.entityRefFor(ConnectionEntityKey.ENTITY_KEY, connectionId).tell(new SyncNow(reason));
  }

  private CompletionStage<ConnectionView> askConnection(
      String connectionId, Function<ActorRef<StatusReply<ConnectionView>>, ConnectionCommand> command) {
    return sharding.entityRefFor(ConnectionEntityKey.ENTITY_KEY, connectionId).askWithStatus(command::apply, askTimeout);
  }
}
