package dev.scheduler.node.calendars.google;

import com.google.api.client.auth.oauth2.AuthorizationCodeTokenRequest;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.auth.oauth2.CredentialRefreshListener;
import com.google.api.client.auth.oauth2.TokenErrorResponse;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.model.CalendarListEntry;
import dev.scheduler.http.ApiError;
import dev.scheduler.http.CalendarIntegrations;
import dev.scheduler.http.auth.Ids;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarCommand;
import dev.scheduler.protocol.calendar.HostCalendarCommand.AddConnection;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ListConnections;
import dev.scheduler.protocol.calendar.HostCalendarEntityKey;
import dev.scheduler.protocol.calendar.HostCalendarReplies.ConnectionList;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.connection.ConnectionCommand;
import dev.scheduler.protocol.connection.ConnectionCommand.Connect;
import dev.scheduler.protocol.connection.ConnectionCommand.GetConnection;
import dev.scheduler.protocol.connection.ConnectionCommand.Reconnect;
import dev.scheduler.protocol.connection.ConnectionEntityKey;
import dev.scheduler.protocol.connection.ConnectionView;
import dev.scheduler.protocol.connection.ProviderKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * The OAuth 2.0 web-server flow with Google, with PKCE: the consent URL asks for offline access and
 * forces consent so that a refresh token comes back; the callback exchanges the code, seals the
 * tokens and connects the calendar, which starts syncing at once.
 */
public final class GoogleIntegration implements CalendarIntegrations {
  private static final String PRIMARY = "primary";
  /** The account lookup right after the exchange uses a fresh access token: nothing to refresh. */
  private static final CredentialRefreshListener NO_REFRESH = new CredentialRefreshListener() {
    @Override
    public void onTokenResponse(Credential credential, TokenResponse response) {}

    @Override
    public void onTokenErrorResponse(Credential credential, TokenErrorResponse response) {}
  };
  static final String SCOPES = "https://www.googleapis.com/auth/calendar.events https://www.googleapis.com/auth/calendar.readonly";

  private final ActorSystem<?> system;
  private final GoogleSettings settings;
  private final String redirectUri;
  private final OAuthState states;
  private final PushChannels channels;
  private final GoogleTokens tokens;
  private final Executor blocking;
  private final Duration askTimeout;
  private final Clock clock;

  public GoogleIntegration(ActorSystem<?> system, GoogleSettings settings, String redirectUri, OAuthState states,
      PushChannels channels, GoogleTokens tokens, Executor blocking, Duration askTimeout, Clock clock) {
    this.system = system;
    this.settings = settings;
    this.redirectUri = redirectUri;
    this.states = states;
    this.channels = channels;
    this.tokens = tokens;
    this.blocking = blocking;
    this.askTimeout = askTimeout;
    this.clock = clock;
  }

  @Override
  public Optional<String> googleAuthorizationUrl(String hostId) {
    if (!settings.configured()) {
      return Optional.empty();
    }
    OAuthState.Started started = states.start(hostId, clock.instant());
    Map<String, String> query = new LinkedHashMap<>();
    query.put("client_id", settings.clientId());
    query.put("redirect_uri", redirectUri);
    query.put("response_type", "code");
    query.put("scope", SCOPES);
    query.put("access_type", "offline");
    query.put("prompt", "consent");
    query.put("include_granted_scopes", "true");
    query.put("state", started.state());
    query.put("code_challenge", started.codeChallenge());
    query.put("code_challenge_method", "S256");
    return Optional.of(settings.authorizationUrl() + "?" + query.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&")));
  }

  @Override
  public CompletionStage<ConnectionView> completeGoogleConnection(String code, String state) {
    OAuthState.Verified verified = states.verify(state, clock.instant())
        .orElseThrow(() -> ApiError.invalid("The OAuth state is not ours or has expired: start connecting again."));
    return CompletableFuture.supplyAsync(() -> grant(code, verified.codeVerifier()), blocking)
        .thenCompose(grant -> connectAccount(verified.hostId(), grant));
  }

  /** Tokens, and the account they are for (its primary calendar's id, the account's address). */
  private record Grant(OAuthTokens tokens, String account) {}

  private Grant grant(String code, String codeVerifier) {
    OAuthTokens granted = exchange(code, codeVerifier);
    try {
      CalendarListEntry primary = GoogleClients.calendar(settings, granted, NO_REFRESH, clock)
          .calendarList().get("primary").execute();
      return new Grant(granted, primary.getId());
    } catch (IOException e) {
      throw new ApiError(RejectionCode.PROVIDER_UNAVAILABLE,
          "Google did not tell which account was connected (" + e.getClass().getSimpleName() + "); connect again.");
    }
  }

  @Override
  public Optional<String> connectionOfChannel(String channelId, String channelToken) {
    return channels.connectionOf(channelId, channelToken);
  }

  private OAuthTokens exchange(String code, String codeVerifier) {
    try {
      TokenResponse response = new AuthorizationCodeTokenRequest(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
              new GenericUrl(settings.tokenUrl()), code)
          .setRedirectUri(redirectUri)
          .setClientAuthentication(new ClientParametersAuthentication(settings.clientId(), settings.clientSecret()))
          .set("code_verifier", codeVerifier)
          .execute();
      if (response.getRefreshToken() == null) {
        throw new ApiError(RejectionCode.INVALID_REQUEST,
            "Google gave no refresh token; remove this app's access in your Google account and connect again.");
      }
      Long expiresIn = response.getExpiresInSeconds();
      return new OAuthTokens(response.getAccessToken(), response.getRefreshToken(),
          clock.instant().plusSeconds(expiresIn == null ? 0 : expiresIn));
    } catch (com.google.api.client.auth.oauth2.TokenResponseException e) {
      throw ApiError.invalid("Google refused the authorization code (" + (e.getDetails() == null ? e.getStatusCode()
          : e.getDetails().getError()) + "); start connecting again.");
    } catch (IOException e) {
      throw new UncheckedIOException("Google's token endpoint could not be reached", e);
    }
  }

  /**
   * Connecting an account the host already has gives its connections the new tokens (after a revoked
   * grant, say) instead of listing the account twice; otherwise its primary calendar is connected.
   */
  private CompletionStage<ConnectionView> connectAccount(String hostId, Grant grant) {
    return hostCalendar(hostId).<ConnectionList>askWithStatus(
            r -> new ListConnections(Access.verifiedHost(hostId), r), askTimeout)
        .thenCompose(list -> views(list.connectionIds()))
        .thenCompose(views -> {
          List<ConnectionView> ofAccount = views.stream()
              .filter(v -> v.provider() == ProviderKind.GOOGLE && grant.account().equals(v.account())).toList();
          if (ofAccount.isEmpty()) {
            return connectPrimary(hostId, grant);
          }
          List<CompletableFuture<ConnectionView>> reconnected = ofAccount.stream()
              .map(v -> connection(v.id()).<ConnectionView>askWithStatus(
                  r -> new Reconnect(tokens.seal(v.id(), grant.tokens()), r), askTimeout).toCompletableFuture())
              .toList();
          return CompletableFuture.allOf(reconnected.toArray(CompletableFuture[]::new))
              .thenApply(done -> reconnected.stream().map(CompletableFuture::join)
                  .filter(v -> v.calendarId() == null || PRIMARY.equals(v.calendarId())).findFirst()
                  .orElse(reconnected.get(0).join()));
        });
  }

  private CompletionStage<ConnectionView> connectPrimary(String hostId, Grant grant) {
    String connectionId = Ids.newId();
    String sealed = tokens.seal(connectionId, grant.tokens());
    return hostCalendar(hostId)
        .<ConnectionList>askWithStatus(r -> new AddConnection(Access.verifiedHost(hostId), connectionId,
            ProviderKind.GOOGLE, r), askTimeout)
        .thenCompose(added -> connection(connectionId).<ConnectionView>askWithStatus(r -> new Connect(hostId,
            ProviderKind.GOOGLE, grant.account(), added.hostTimeZone(), sealed, PRIMARY, grant.account(), r),
            askTimeout));
  }

  private CompletionStage<List<ConnectionView>> views(List<String> connectionIds) {
    List<CompletableFuture<ConnectionView>> views = connectionIds.stream()
        .map(id -> connection(id).<ConnectionView>askWithStatus(GetConnection::new, askTimeout).toCompletableFuture())
        .toList();
    return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new))
        .thenApply(done -> views.stream().map(CompletableFuture::join).toList());
  }

  private EntityRef<HostCalendarCommand> hostCalendar(String hostId) {
    return ClusterSharding.get(system).entityRefFor(HostCalendarEntityKey.ENTITY_KEY, hostId);
  }

  private EntityRef<ConnectionCommand> connection(String connectionId) {
    return ClusterSharding.get(system).entityRefFor(ConnectionEntityKey.ENTITY_KEY, connectionId);
  }
}
