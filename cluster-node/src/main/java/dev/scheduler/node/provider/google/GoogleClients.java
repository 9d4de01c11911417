package dev.scheduler.node.provider.google;

import com.google.api.client.auth.oauth2.BearerToken;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.auth.oauth2.CredentialRefreshListener;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the official Calendar client for one connection, pointed at the configured endpoints. The
 * credential refreshes its access token itself (shortly before expiry, and on a 401) and tells the
 * listener, which seals and persists the new tokens.
 */
public final class GoogleClients {
  private static final NetHttpTransport TRANSPORT = new NetHttpTransport();
  private static final JsonFactory JSON = GsonFactory.getDefaultInstance();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

  private GoogleClients() {}

  public static Calendar calendar(
      GoogleSettings settings, OAuthTokens tokens, CredentialRefreshListener onRefresh, Clock clock) {
    Credential credential = new Credential.Builder(BearerToken.authorizationHeaderAccessMethod())
        .setTransport(TRANSPORT)
        .setJsonFactory(JSON)
        .setTokenServerEncodedUrl(settings.tokenUrl())
        .setClientAuthentication(new ClientParametersAuthentication(settings.clientId(), settings.clientSecret()))
        .setClock(clock::millis)
        .addRefreshListener(onRefresh)
        .build()
        .setAccessToken(tokens.accessToken())
        .setRefreshToken(tokens.refreshToken())
        .setExpirationTimeMilliseconds(tokens.accessTokenExpiry() == null ? null : tokens.accessTokenExpiry().toEpochMilli());
    return new Calendar.Builder(TRANSPORT, JSON, request -> {
          credential.initialize(request);
          request.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
          request.setReadTimeout((int) READ_TIMEOUT.toMillis());
        })
        .setRootUrl(settings.rootUrl())
        .setApplicationName("meeting-scheduler")
        .build();
  }
}
