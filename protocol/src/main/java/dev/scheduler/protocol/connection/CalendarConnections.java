package dev.scheduler.protocol.connection;

import dev.scheduler.protocol.calendar.Access;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A host's external calendars: the workflows that span the host's calendar (which connections are
 * the host's, and who may touch them) and each connection's own entity (its provider, its sync).
 * The node implements it; the routes only translate HTTP to these calls. Refusals fail the stage
 * with the host's rejection (as an entity's {@code StatusReply} error) or a
 * {@code RejectionException}.
 */
public interface CalendarConnections {

  /** Registers the feed with the host first, so that its busy time is accepted from the start. */
  CompletionStage<HostConnectionView> addIcsFeed(String hostId, Access access, String url);

  /** Whether the connection's busy time blocks slots, and whether new bookings go to it (null: unchanged). */
  CompletionStage<HostConnectionView> configure(String hostId, Access access, String connectionId,
      Boolean countsForConflicts, Boolean receivesBookings);

  CompletionStage<List<HostConnectionView>> list(String hostId, Access access);

  /**
   * The host forgets the connection (and its busy time) first; then the connection stops syncing.
   * The account's grant is given back unless another of the host's connections still uses it.
   */
  CompletionStage<HostConnectionView> remove(String hostId, Access access, String connectionId);

  /**
   * Stops the connection's reads of its provider (polls, push, retries) until resumed, across
   * restarts; its busy time still counts and bookings are still written to it. The host or the admin.
   */
  CompletionStage<HostConnectionView> pause(String hostId, Access access, String connectionId);

  /** Reads the provider again, at once. Resuming one that is not paused answers it unchanged. */
  CompletionStage<HostConnectionView> resume(String hostId, Access access, String connectionId);

  /** The calendars of a connected account, each with the host's connection of it, if any. */
  CompletionStage<AccountCalendarChoices> accountCalendars(String hostId, Access access, String connectionId);

  /**
   * Connects another calendar of the account behind {@code connectionId} as a connection of its own,
   * sharing the account's grant. Connecting one that is already connected answers that connection.
   */
  CompletionStage<AddedConnection> addAccountCalendar(String hostId, Access access, String connectionId,
      String calendarId);

  /** The consent URL for connecting the host's Google calendar (signed, expiring state; PKCE). */
  CompletionStage<String> googleAuthorizationUrl(String hostId, Access access);

  /** Finishes the OAuth flow: checks the state, exchanges the code, connects (or reconnects) the account. */
  CompletionStage<HostConnectionView> completeGoogleConnection(String code, String state);

  /** The connection a push notification is for, when its channel id and token are ours and match. */
  Optional<String> connectionOfChannel(String channelId, String channelToken);

  /** Something changed at the provider: the connection reads its changes now. */
  void syncNow(String connectionId, String reason);

  /** A connection, and whether this request created it. */
  record AddedConnection(boolean created, HostConnectionView connection) {}

  /** The calendars of a provider account, each with the host's connection of it or null. */
  record AccountCalendarChoices(String account, List<Choice> calendars) {
    public record Choice(AccountCalendars.AccountCalendar calendar, String connectionId) {}
  }
}
