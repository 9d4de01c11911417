package dev.scheduler.node.connection;

import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.auth.oauth2.CredentialRefreshListener;
import com.google.api.client.auth.oauth2.TokenErrorResponse;
import com.google.api.client.auth.oauth2.TokenResponse;
import dev.scheduler.node.provider.google.GoogleCalendarSource;
import dev.scheduler.node.provider.google.GoogleClients;
import dev.scheduler.node.provider.google.GoogleRevocation;
import dev.scheduler.node.provider.google.GoogleSettings;
import dev.scheduler.node.provider.google.GoogleTokens;
import dev.scheduler.node.provider.google.OAuthTokens;
import dev.scheduler.node.provider.ics.IcsFeedSource;
import dev.scheduler.node.provider.ics.IcsSettings;
import dev.scheduler.node.provider.ics.ParseBudget;
import dev.scheduler.node.provider.ics.fetch.FeedFetcher;
import dev.scheduler.protocol.connection.ConnectionState;
import dev.scheduler.protocol.connection.ProviderKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** Opens the real provider clients: Google through the official client, ICS feeds over HTTP. */
public final class ProviderSources implements SourceFactory {
  /** The calendar a Google connection uses when it names none: the account's own. */
  static final String PRIMARY_CALENDAR = "primary";

  private final GoogleSettings google;
  private final GoogleTokens tokens;
  private final HttpClient http;
  private final FeedFetcher feeds;
  private final IcsSettings ics;
  private final ParseBudget parsing;
  private final Clock clock;
  private final GoogleRevocation revocation;

  /** @param http for Google's revocation endpoint only: feeds are read through {@link FeedFetcher} */
  public ProviderSources(GoogleSettings google, GoogleTokens tokens, HttpClient http, IcsSettings ics, Clock clock) {
    this.google = google;
    this.tokens = tokens;
    this.http = http;
    this.ics = ics;
    this.feeds = new FeedFetcher(ics.read(), ics.addresses());
    this.parsing = new ParseBudget(ics.parseBudgetBytes());
    this.clock = clock;
    this.revocation = new GoogleRevocation(http, google);
  }

  @Override
  public SourceBinding open(ConnectionState state, Consumer<String> onCredentialsRefreshed) {
    return switch (state.provider()) {
      case ICS -> new SourceBinding(
          new IcsFeedSource(feeds, URI.create(state.label()), state.hostTimeZone(), ics.expansion(), parsing, clock),
          state.label());
      case GOOGLE -> google(state, onCredentialsRefreshed);
    };
  }

  private SourceBinding google(ConnectionState state, Consumer<String> onCredentialsRefreshed) {
    GoogleCalendarSource source = new GoogleCalendarSource(GoogleClients.calendar(google,
        tokens.open(state.connectionId(), state.sealedCredentials()),
        resealOnRefresh(state.connectionId(), onCredentialsRefreshed), clock), google.pageSize());
    String calendarId = state.calendarId() == null ? PRIMARY_CALENDAR : state.calendarId();
    return new SourceBinding(source, calendarId, Optional.of(source), Optional.of(source), Optional.of(source));
  }

  @Override
  public void revoke(ConnectionState state) {
    if (state.provider() == ProviderKind.GOOGLE && state.sealedCredentials() != null) {
      revocation.revoke(state.connectionId(), tokens.open(state.connectionId(), state.sealedCredentials()));
    }
  }

  @Override
  public String reseal(ConnectionState state, String otherConnectionId) {
    if (state.provider() != ProviderKind.GOOGLE || state.sealedCredentials() == null) {
      return SourceFactory.super.reseal(state, otherConnectionId);
    }
    return tokens.seal(otherConnectionId, tokens.open(state.connectionId(), state.sealedCredentials()));
  }

  private CredentialRefreshListener resealOnRefresh(String connectionId, Consumer<String> onRefreshed) {
    return new CredentialRefreshListener() {
      @Override
      public void onTokenResponse(Credential credential, TokenResponse response) {
        Long expiry = credential.getExpirationTimeMilliseconds();
        onRefreshed.accept(tokens.seal(connectionId, new OAuthTokens(credential.getAccessToken(),
            credential.getRefreshToken(), expiry == null ? null : Instant.ofEpochMilli(expiry))));
      }

      @Override
      public void onTokenErrorResponse(Credential credential, TokenErrorResponse error) {
        // The failing call reports it (invalid_grant disconnects the connection); nothing to keep.
      }
    };
  }
}
