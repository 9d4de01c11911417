package dev.scheduler.node.provider.google;

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
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.calendar.RejectionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * The OAuth 2.0 web-server flow with Google, with PKCE: the consent URL asks for offline access and
 * forces consent so that a refresh token comes back; the callback's code is exchanged for tokens and
 * the account they are for. Connecting the account to the host is the connection workflows' part.
 */
public final class GoogleOAuth {
  /** The account lookup right after the exchange uses a fresh access token: nothing to refresh. */
  private static final CredentialRefreshListener NO_REFRESH = new CredentialRefreshListener() {
    @Override
    public void onTokenResponse(Credential credential, TokenResponse response) {}

    @Override
    public void onTokenErrorResponse(Credential credential, TokenErrorResponse response) {}
  };
  static final String SCOPES = "https://www.googleapis.com/auth/calendar.events https://www.googleapis.com/auth/calendar.readonly";

  private final GoogleSettings settings;
  private final String redirectUri;
  private final OAuthState states;
  private final Executor blocking;
  private final Clock clock;

  /** What the host granted: tokens, and the account (its primary calendar's id, the account's address). */
  public record Grant(String hostId, OAuthTokens tokens, String account) {}

  public GoogleOAuth(GoogleSettings settings, String redirectUri, OAuthState states, Executor blocking, Clock clock) {
    this.settings = settings;
    this.redirectUri = redirectUri;
    this.states = states;
    this.blocking = blocking;
    this.clock = clock;
  }

  /** The consent URL for a host, or empty when this node has no Google OAuth client configured. */
  public Optional<String> authorizationUrl(String hostId) {
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

  /** Checks the state we signed, then exchanges the code (off the caller's thread: it blocks). */
  public CompletionStage<Grant> exchange(String code, String state) {
    OAuthState.Verified verified = states.verify(state, clock.instant())
        .orElseThrow(() -> RejectionException.invalid("The OAuth state is not ours or has expired: start connecting again."));
    return CompletableFuture.supplyAsync(() -> grant(verified.hostId(), code, verified.codeVerifier()), blocking);
  }

  private Grant grant(String hostId, String code, String codeVerifier) {
    OAuthTokens granted = tokens(code, codeVerifier);
    try {
      CalendarListEntry primary = GoogleClients.calendar(settings, granted, NO_REFRESH, clock)
          .calendarList().get("primary").execute();
      return new Grant(hostId, granted, primary.getId());
    } catch (IOException e) {
      throw new RejectionException(RejectionCode.PROVIDER_UNAVAILABLE,
          "Google did not tell which account was connected (" + e.getClass().getSimpleName() + "); connect again.");
    }
  }

  private OAuthTokens tokens(String code, String codeVerifier) {
    try {
      TokenResponse response = new AuthorizationCodeTokenRequest(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
              new GenericUrl(settings.tokenUrl()), code)
          .setRedirectUri(redirectUri)
          .setClientAuthentication(new ClientParametersAuthentication(settings.clientId(), settings.clientSecret()))
          .set("code_verifier", codeVerifier)
          .execute();
      if (response.getRefreshToken() == null) {
        throw RejectionException.invalid(
            "Google gave no refresh token; remove this app's access in your Google account and connect again.");
      }
      Long expiresIn = response.getExpiresInSeconds();
      return new OAuthTokens(response.getAccessToken(), response.getRefreshToken(),
          clock.instant().plusSeconds(expiresIn == null ? 0 : expiresIn));
    } catch (com.google.api.client.auth.oauth2.TokenResponseException e) {
      throw RejectionException.invalid("Google refused the authorization code (" + (e.getDetails() == null
          ? e.getStatusCode() : e.getDetails().getError()) + "); start connecting again.");
    } catch (IOException e) {
      throw new UncheckedIOException("Google's token endpoint could not be reached", e);
    }
  }
}
