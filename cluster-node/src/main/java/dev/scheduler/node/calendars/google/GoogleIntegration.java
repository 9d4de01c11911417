package dev.scheduler.node.calendars.google;

import com.google.api.client.auth.oauth2.AuthorizationCodeTokenRequest;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import dev.scheduler.http.ApiError;
import dev.scheduler.http.CalendarIntegrations;
import dev.scheduler.http.auth.Ids;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarCommand.AddConnection;
import dev.scheduler.protocol.calendar.HostCalendarEntityKey;
import dev.scheduler.protocol.calendar.HostCalendarReplies.ConnectionList;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.connection.ConnectionCommand.Connect;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The OAuth 2.0 web-server flow with Google, with PKCE: the consent URL asks for offline access and
 * forces consent so that a refresh token comes back; the callback exchanges the code, seals the
 * tokens and connects the calendar, which starts syncing at once.
 */
public final class GoogleIntegration implements CalendarIntegrations {
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
    String connectionId = Ids.newId();
    return CompletableFuture.supplyAsync(() -> exchange(code, verified.codeVerifier()), blocking)
        .thenCompose(granted -> connect(verified.hostId(), connectionId, tokens.seal(connectionId, granted)));
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

  private CompletionStage<ConnectionView> connect(String hostId, String connectionId, String sealedTokens) {
    ClusterSharding sharding = ClusterSharding.get(system);
    return sharding.entityRefFor(HostCalendarEntityKey.ENTITY_KEY, hostId)
        .<ConnectionList>askWithStatus(r -> new AddConnection(Access.verifiedHost(hostId), connectionId,
            ProviderKind.GOOGLE, r), askTimeout)
        .thenCompose(added -> sharding.entityRefFor(ConnectionEntityKey.ENTITY_KEY, connectionId)
            .<ConnectionView>askWithStatus(r -> new Connect(hostId, ProviderKind.GOOGLE, "Google Calendar",
                added.hostTimeZone(), sealedTokens, r), askTimeout));
  }
}
