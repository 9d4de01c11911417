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
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.connection.AccountCalendars;
import dev.scheduler.protocol.connection.ConnectionCommand;
import dev.scheduler.protocol.connection.ConnectionCommand.Connect;
import dev.scheduler.protocol.connection.ConnectionCommand.GetConnection;
import dev.scheduler.protocol.connection.ConnectionCommand.ListAccountCalendars;
import dev.scheduler.protocol.connection.ConnectionCommand.Remove;
import dev.scheduler.protocol.connection.ConnectionCommand.ShareGrant;
import dev.scheduler.protocol.connection.ConnectionCommand.SyncNow;
import dev.scheduler.protocol.connection.ConnectionEntityKey;
import dev.scheduler.protocol.connection.ConnectionView;
import dev.scheduler.protocol.connection.ProviderKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
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
  private final Executor dispatcher;

  public Connections(ActorSystem<?> system, HostCalendars calendars, Duration askTimeout) {
    this.calendars = calendars;
    this.sharding = ClusterSharding.get(system);
    this.askTimeout = askTimeout;
    this.dispatcher = system.executionContext();
  }

  /** Registers the feed with the host first, so that its busy time is accepted from the start. */
  public CompletionStage<CalendarJson.ConnectionResponse> addIcs(String hostId, Access access, String url) {
    String connectionId = Ids.newId();
    return calendars.<ConnectionList>ask(hostId, r -> new AddConnection(access, connectionId, ProviderKind.ICS, r))
        .thenCompose(added -> askConnection(connectionId,
                r -> new Connect(hostId, ProviderKind.ICS, url, added.hostTimeZone(), null, null, null, r))
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
    return calendars.<ConnectionList>ask(hostId, r -> new ListConnections(access, r))
        .thenCompose(list -> views(list).thenApply(views -> new CalendarJson.ConnectionsResponse(
            views.stream().map(view -> ResponseWriter.connection(view, list)).toList())));
  }

  /**
   * The host forgets the connection (and its busy time) first; then the connection stops syncing. The
   * account's grant is given back unless another of the host's connections still uses it.
   */
  public CompletionStage<CalendarJson.ConnectionResponse> remove(String hostId, Access access, String connectionId) {
    return calendars.<ConnectionList>ask(hostId, r -> new RemoveConnection(access, connectionId, r))
        .thenCompose(remaining -> askConnection(connectionId, GetConnection::new)
            .thenCompose(removed -> views(remaining).thenApply(others -> others.stream()
                .noneMatch(other -> sameAccount(other, removed)))))
        .thenCompose(lastOfAccount -> askConnection(connectionId, r -> new Remove(lastOfAccount, r)))
        .thenApply(view -> ResponseWriter.connection(view, null));
  }

  /** The calendars of a connected account, with the host's connection of each one that is connected. */
  public CompletionStage<CalendarJson.AccountCalendarsResponse> accountCalendars(String hostId, Access access,
      String connectionId) {
    return ownConnection(hostId, access, connectionId).thenCompose(list -> views(list)
        .thenCompose(views -> ask(connectionId, ListAccountCalendars::new)
            .thenApply(found -> new CalendarJson.AccountCalendarsResponse(found.account(), found.calendars().stream()
                .map(c -> new CalendarJson.AccountCalendarJson(c.calendarId(), c.summary(), c.primary(),
                    c.accessRole(), c.timeZone(), connectionOf(views, found.account(), c).orElse(null)))
                .toList()))));
  }

  /**
   * Connects another calendar of the account behind {@code connectionId} as a connection of its own,
   * sharing the account's grant. Connecting one that is already connected answers that connection.
   */
  public CompletionStage<Added> addAccountCalendar(String hostId, Access access,
      String connectionId, String calendarId) {
    return accountCalendars(hostId, access, connectionId).thenCompose(account -> {
      CalendarJson.AccountCalendarJson chosen = account.calendars().stream()
          .filter(c -> c.calendarId().equals(calendarId)).findFirst()
          .orElseThrow(() -> new ApiError(RejectionCode.NOT_FOUND,
              "The account " + account.account() + " has no calendar '" + calendarId + "'."));
      if (chosen.connectionId() != null) {
        return ownConnection(hostId, access, chosen.connectionId()).thenCompose(list ->
            askConnection(chosen.connectionId(), GetConnection::new)
                .thenApply(view -> new Added(false, ResponseWriter.connection(view, list))));
      }
      String newId = Ids.newId();
      return this.<String>ask(connectionId, r -> new ShareGrant(newId, r))
          .thenCompose(sealed -> calendars.<ConnectionList>ask(hostId,
                  r -> new AddConnection(access, newId, ProviderKind.GOOGLE, r))
              .thenCompose(added -> askConnection(newId, r -> new Connect(hostId, ProviderKind.GOOGLE,
                      label(chosen), added.hostTimeZone(), sealed, chosen.calendarId(), account.account(), r))
                  .thenApply(view -> new Added(true, ResponseWriter.connection(view, added)))));
    });
  }

  /** A connection, and whether this request created it. */
  public record Added(boolean created, CalendarJson.ConnectionResponse connection) {}

  private CompletionStage<ConnectionList> ownConnection(String hostId, Access access, String connectionId) {
    return calendars.<ConnectionList>ask(hostId, r -> new ListConnections(access, r)).thenApply(list -> {
      if (!list.connections().containsKey(connectionId)) {
        throw new ApiError(RejectionCode.NOT_FOUND, "No such calendar connection.");
      }
      return list;
    });
  }

  private CompletionStage<List<ConnectionView>> views(ConnectionList list) {
    List<CompletableFuture<ConnectionView>> views = list.connectionIds().stream()
        .map(id -> askConnection(id, GetConnection::new).toCompletableFuture())
        .toList();
    return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new))
        .thenApply(done -> views.stream().map(CompletableFuture::join).toList());
  }

  // Connections made before accounts were recorded name none: assume they may share the grant, since
  // revoking a grant still in use would disconnect a calendar the host kept.
  private static boolean sameAccount(ConnectionView a, ConnectionView b) {
    if (a.provider() != ProviderKind.GOOGLE || b.provider() != ProviderKind.GOOGLE) {
      return false;
    }
    return a.account() == null || b.account() == null || a.account().equals(b.account());
  }

  // A connection names its account's own calendar by Google's alias "primary" (older ones name none).
  private static java.util.Optional<String> connectionOf(List<ConnectionView> views, String account,
      AccountCalendars.AccountCalendar calendar) {
    return views.stream()
        .filter(v -> v.provider() == ProviderKind.GOOGLE && account != null && account.equals(v.account()))
        .filter(v -> calendar.calendarId().equals(v.calendarId())
            || (calendar.primary() && (v.calendarId() == null || "primary".equals(v.calendarId()))))
        .map(ConnectionView::id)
        .findFirst();
  }

  private static String label(CalendarJson.AccountCalendarJson calendar) {
    return calendar.summary() == null || calendar.summary().isBlank() ? calendar.calendarId() : calendar.summary();
  }

  public void syncNow(String connectionId, String reason) {
    sharding.entityRefFor(ConnectionEntityKey.ENTITY_KEY, connectionId).tell(new SyncNow(reason));
  }

  private CompletionStage<ConnectionView> askConnection(
      String connectionId, Function<ActorRef<StatusReply<ConnectionView>>, ConnectionCommand> command) {
    return ask(connectionId, command);
  }

  private <R> CompletionStage<R> ask(
      String connectionId, Function<ActorRef<StatusReply<R>>, ConnectionCommand> command) {
    return HostCalendars.onDispatcher(sharding.entityRefFor(ConnectionEntityKey.ENTITY_KEY, connectionId)
        .askWithStatus(command::apply, askTimeout), dispatcher);
  }
}
