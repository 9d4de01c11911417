package dev.scheduler.node.connection;

import dev.scheduler.node.provider.google.GoogleOAuth;
import dev.scheduler.node.provider.google.GoogleTokens;
import dev.scheduler.node.provider.google.PushChannels;
import dev.scheduler.protocol.EntityClient;
import dev.scheduler.protocol.Ids;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarCommand.AddConnection;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ConfigureConnection;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ListConnections;
import dev.scheduler.protocol.calendar.HostCalendarCommand.RemoveConnection;
import dev.scheduler.protocol.calendar.HostCalendarReplies.ConnectionList;
import dev.scheduler.protocol.calendar.Rejection;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.calendar.RejectionException;
import dev.scheduler.protocol.connection.AccountCalendars;
import dev.scheduler.protocol.connection.CalendarConnections;
import dev.scheduler.protocol.connection.ConnectionCommand.Connect;
import dev.scheduler.protocol.connection.ConnectionCommand.GetConnection;
import dev.scheduler.protocol.connection.ConnectionCommand.ListAccountCalendars;
import dev.scheduler.protocol.connection.ConnectionCommand.PauseSync;
import dev.scheduler.protocol.connection.ConnectionCommand.ResumeSync;
import dev.scheduler.protocol.connection.ConnectionCommand.Reconnect;
import dev.scheduler.protocol.connection.ConnectionCommand.Remove;
import dev.scheduler.protocol.connection.ConnectionCommand.ShareGrant;
import dev.scheduler.protocol.connection.ConnectionCommand.SyncNow;
import dev.scheduler.protocol.connection.ConnectionSetup;
import dev.scheduler.protocol.connection.ConnectionStatus;
import dev.scheduler.protocol.connection.ConnectionView;
import dev.scheduler.protocol.connection.HostConnectionView;
import dev.scheduler.protocol.connection.ProviderKind;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.pattern.StatusReply;

/**
 * The workflows that span a host's calendar and its connections' entities. The host's calendar
 * says which connections are the host's and checks the caller's token; each connection's entity
 * holds its provider, credentials and sync. Every new connection is registered with the host
 * first, so that its busy time is accepted from its first sync.
 */
public final class ConnectionWorkflows implements CalendarConnections {
  /** Google's alias for an account's own calendar. */
  private static final String PRIMARY = "primary";
  static final String UNFINISHED =
      "Connecting this calendar did not finish (the node stopped half-way): remove it and connect it again.";

  private final EntityClient entities;
  private final GoogleOAuth google;
  private final GoogleTokens tokens;
  private final PushChannels channels;

  public ConnectionWorkflows(EntityClient entities, GoogleOAuth google, GoogleTokens tokens, PushChannels channels) {
    this.entities = entities;
    this.google = google;
    this.tokens = tokens;
    this.channels = channels;
  }

  @Override
  public CompletionStage<HostConnectionView> addIcsFeed(String hostId, Access access, String url) {
    return connect(hostId, access, new NewConnection(Ids.newId(), ProviderKind.ICS, url, null, null),
        CompletableFuture.completedFuture(null));
  }

  @Override
  public CompletionStage<HostConnectionView> configure(String hostId, Access access, String connectionId,
      Boolean countsForConflicts, Boolean receivesBookings) {
    return entities.<ConnectionList>askHost(hostId,
            r -> new ConfigureConnection(access, connectionId, countsForConflicts, receivesBookings, r))
        .thenCompose(list -> view(connectionId).thenApply(view -> HostConnectionView.of(view, list)));
  }

  @Override
  public CompletionStage<List<HostConnectionView>> list(String hostId, Access access) {
    return entities.<ConnectionList>askHost(hostId, r -> new ListConnections(access, r))
        .thenCompose(list -> views(hostId, list).thenApply(views -> views.stream()
            .map(view -> HostConnectionView.of(view, list)).toList()));
  }

  @Override
  public CompletionStage<HostConnectionView> remove(String hostId, Access access, String connectionId) {
    return ownConnection(hostId, access, connectionId).thenCompose(before -> entities.<ConnectionList>askHost(hostId,
            r -> new RemoveConnection(access, connectionId, r))
        .thenCompose(remaining -> viewOf(hostId, connectionId, before).thenCompose(removed -> {
          if (isUnfinished(removed)) {
            return CompletableFuture.completedFuture(HostConnectionView.of(removed, null));
          }
          return views(hostId, remaining)
              .thenApply(others -> others.stream().noneMatch(other -> sameAccount(other, removed)))
              .thenCompose(lastOfAccount -> entities.<ConnectionView>askConnection(connectionId,
                  r -> new Remove(lastOfAccount, r)))
              .thenApply(view -> HostConnectionView.of(view, null));
        })));
  }

  @Override
  public CompletionStage<HostConnectionView> pause(String hostId, Access access, String connectionId) {
    return ownConnection(hostId, access, connectionId).thenCompose(list -> entities.<ConnectionView>askConnection(
        connectionId, PauseSync::new).thenApply(view -> HostConnectionView.of(view, list)));
  }

  @Override
  public CompletionStage<HostConnectionView> resume(String hostId, Access access, String connectionId) {
    return ownConnection(hostId, access, connectionId).thenCompose(list -> entities.<ConnectionView>askConnection(
        connectionId, ResumeSync::new).thenApply(view -> HostConnectionView.of(view, list)));
  }

  @Override
  public CompletionStage<AccountCalendarChoices> accountCalendars(String hostId, Access access, String connectionId) {
    return ownConnection(hostId, access, connectionId).thenCompose(list -> views(hostId, list)
        .thenCompose(views -> entities.<AccountCalendars>askConnection(connectionId, ListAccountCalendars::new)
            .thenApply(found -> new AccountCalendarChoices(found.account(), found.calendars().stream()
                .map(c -> new AccountCalendarChoices.Choice(c, connectionOf(views, found.account(), c).orElse(null)))
                .toList()))));
  }

  @Override
  public CompletionStage<AddedConnection> addAccountCalendar(String hostId, Access access, String connectionId,
      String calendarId) {
    return accountCalendars(hostId, access, connectionId).thenCompose(account -> {
      AccountCalendarChoices.Choice chosen = account.calendars().stream()
          .filter(c -> c.calendar().calendarId().equals(calendarId)).findFirst()
          .orElseThrow(() -> new RejectionException(RejectionCode.NOT_FOUND,
              "The account " + account.account() + " has no calendar '" + calendarId + "'."));
      if (chosen.connectionId() != null) {
        return ownConnection(hostId, access, chosen.connectionId()).thenCompose(list -> view(chosen.connectionId())
            .thenApply(view -> new AddedConnection(false, HostConnectionView.of(view, list))));
      }
      NewConnection added = new NewConnection(Ids.newId(), ProviderKind.GOOGLE, label(chosen.calendar()),
          chosen.calendar().calendarId(), account.account());
      CompletionStage<String> sharedGrant = entities.askConnection(connectionId, r -> new ShareGrant(added.id(), r));
      return connect(hostId, access, added, sharedGrant).thenApply(view -> new AddedConnection(true, view));
    });
  }

  @Override
  public CompletionStage<String> googleAuthorizationUrl(String hostId, Access access) {
    // Only the host may start connecting: the host's calendar checks the token before a URL is made.
    return entities.<ConnectionList>askHost(hostId, r -> new ListConnections(access, r))
        .thenApply(ok -> google.authorizationUrl(hostId).orElseThrow(() -> RejectionException.invalid(
            "Google calendars cannot be connected: this node has no Google OAuth client configured.")));
  }

  @Override
  public CompletionStage<HostConnectionView> completeGoogleConnection(String code, String state) {
    return google.exchange(code, state).thenCompose(this::connectAccount);
  }

  @Override
  public Optional<String> connectionOfChannel(String channelId, String channelToken) {
    return channels.connectionOf(channelId, channelToken);
  }

  @Override
  public void syncNow(String connectionId, String reason) {
    entities.tellConnection(connectionId, new SyncNow(reason));
  }

  /**
   * Connecting an account the host already has gives its connections the new tokens (after a revoked
   * grant, say) instead of listing the account twice; otherwise its primary calendar is connected.
   */
  private CompletionStage<HostConnectionView> connectAccount(GoogleOAuth.Grant grant) {
    Access host = Access.verifiedHost(grant.hostId());
    return entities.<ConnectionList>askHost(grant.hostId(), r -> new ListConnections(host, r))
        .thenCompose(list -> views(grant.hostId(), list).thenCompose(views -> {
          List<ConnectionView> ofAccount = views.stream()
              .filter(v -> v.provider() == ProviderKind.GOOGLE && grant.account().equals(v.account())).toList();
          if (ofAccount.isEmpty()) {
            NewConnection primary = new NewConnection(Ids.newId(), ProviderKind.GOOGLE, grant.account(), PRIMARY,
                grant.account());
            return connect(grant.hostId(), host, primary,
                CompletableFuture.completedFuture(tokens.seal(primary.id(), grant.tokens())));
          }
          return reconnect(ofAccount, grant).thenApply(view -> HostConnectionView.of(view, list));
        }));
  }

  /** New tokens for every connection of the account; answers its primary calendar's connection. */
  private CompletionStage<ConnectionView> reconnect(List<ConnectionView> ofAccount, GoogleOAuth.Grant grant) {
    List<CompletableFuture<ConnectionView>> reconnected = ofAccount.stream()
        .map(v -> entities.<ConnectionView>askConnection(v.id(),
            r -> new Reconnect(tokens.seal(v.id(), grant.tokens()), r)).toCompletableFuture())
        .toList();
    return CompletableFuture.allOf(reconnected.toArray(CompletableFuture[]::new))
        .thenApply(done -> reconnected.stream().map(CompletableFuture::join)
            .filter(v -> v.calendarId() == null || PRIMARY.equals(v.calendarId())).findFirst()
            .orElse(reconnected.get(0).join()));
  }

  /** A connection about to be made: its id, provider, label and, for Google, calendar and account. */
  private record NewConnection(String id, ProviderKind provider, String label, String calendarId, String account) {}

  private CompletionStage<HostConnectionView> connect(String hostId, Access access, NewConnection c,
      CompletionStage<String> sealedCredentials) {
    return sealedCredentials.thenCompose(sealed -> entities.<ConnectionList>askHost(hostId,
            r -> new AddConnection(access, c.id(), c.provider(), r))
        .thenCompose(added -> entities.<ConnectionView>askConnection(c.id(), r -> new Connect(new ConnectionSetup(
                hostId, c.provider(), c.label(), added.hostTimeZone(), sealed, c.calendarId(), c.account()), r))
            .thenApply(view -> HostConnectionView.of(view, added))));
  }

  private CompletionStage<ConnectionList> ownConnection(String hostId, Access access, String connectionId) {
    return entities.<ConnectionList>askHost(hostId, r -> new ListConnections(access, r)).thenApply(list -> {
      if (!list.connections().containsKey(connectionId)) {
        throw new RejectionException(RejectionCode.NOT_FOUND, "No such calendar connection.");
      }
      return list;
    });
  }

  private CompletionStage<ConnectionView> view(String connectionId) {
    return entities.askConnection(connectionId, GetConnection::new);
  }

  /** The views of every connection the host lists, a half-made one (see {@link #unfinished}) included. */
  private CompletionStage<List<ConnectionView>> views(String hostId, ConnectionList list) {
    List<CompletableFuture<ConnectionView>> views = list.connectionIds().stream()
        .map(id -> viewOf(hostId, id, list).toCompletableFuture())
        .toList();
    return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new))
        .thenApply(done -> views.stream().map(CompletableFuture::join).toList());
  }

  private CompletionStage<ConnectionView> viewOf(String hostId, String connectionId, ConnectionList listing) {
    return view(connectionId).handle((view, failure) -> failure == null ? view
        : unfinished(hostId, connectionId, listing.connections().get(connectionId).provider(), failure));
  }

  /**
   * A connection is made in two persisted steps, the host's record first and the connection's own
   * entity second; a node that stopped in between leaves a connection the host lists but that never
   * started. It is shown disconnected, with what to do, instead of failing the whole listing.
   */
  private static ConnectionView unfinished(String hostId, String connectionId, ProviderKind provider,
      Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    boolean neverMade = cause instanceof StatusReply.ErrorMessage error && Rejection.fromStatusText(error.getMessage())
        .filter(rejection -> rejection.code() == RejectionCode.NOT_FOUND).isPresent();
    if (!neverMade) {
      throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
    }
    return new ConnectionView(connectionId, hostId, provider, null, ConnectionStatus.DISCONNECTED, null, null,
        UNFINISHED, null, 0, null, null, null);
  }

  // Nothing runs for it: removing it is the host's part alone.
  private static boolean isUnfinished(ConnectionView view) {
    return view.connectedAt() == null && UNFINISHED.equals(view.lastError());
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
  private static Optional<String> connectionOf(List<ConnectionView> views, String account,
      AccountCalendars.AccountCalendar calendar) {
    return views.stream()
        .filter(v -> v.provider() == ProviderKind.GOOGLE && account != null && account.equals(v.account()))
        .filter(v -> calendar.calendarId().equals(v.calendarId())
            || (calendar.primary() && (v.calendarId() == null || PRIMARY.equals(v.calendarId()))))
        .map(ConnectionView::id)
        .findFirst();
  }

  private static String label(AccountCalendars.AccountCalendar calendar) {
    return calendar.summary() == null || calendar.summary().isBlank() ? calendar.calendarId() : calendar.summary();
  }
}
