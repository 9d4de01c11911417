package dev.scheduler.harness.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.auth.oauth2.AuthorizationCodeFlow;
import com.google.api.client.auth.oauth2.AuthorizationCodeRequestUrl;
import com.google.api.client.auth.oauth2.AuthorizationCodeTokenRequest;
import com.google.api.client.auth.oauth2.BearerToken;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.BasicAuthentication;
import com.google.api.client.http.GenericUrl;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarListEntry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthFlowTest {
  private static final String REDIRECT = "http://127.0.0.1:9/oauth/callback";
  private static final String BOB = "bob@example.com";
  private static final String CALENDARS = "/calendar/v3/users/me/calendarList";

  private FakeGoogleCalendar fake;

  @BeforeEach
  void start() {
    fake = new FakeGoogleCalendar().start().addUser(BOB, ZoneId.of("Europe/Berlin"));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private AuthorizationCodeFlow pkceFlow() {
    return new AuthorizationCodeFlow.Builder(BearerToken.authorizationHeaderAccessMethod(),
        RealGoogleClients.TRANSPORT, RealGoogleClients.JSON, new GenericUrl(fake.tokenUrl()),
        new ClientParametersAuthentication(FakeGoogleCalendar.CLIENT_ID,
            FakeGoogleCalendar.CLIENT_SECRET),
        FakeGoogleCalendar.CLIENT_ID, fake.authorizationUrl())
        .setScopes(List.of(FakeGoogleCalendar.CALENDAR_SCOPE))
        .enablePKCE()
        .build();
  }

  @Test
  void consentWithPkceAndCodeExchangeGiveAWorkingRefreshableCredential() throws Exception {
    AuthorizationCodeFlow flow = pkceFlow();
    AuthorizationCodeRequestUrl url = flow.newAuthorizationUrl().setRedirectUri(REDIRECT)
        .setState("state-123");
    url.set("access_type", "offline");
    url.set("prompt", "consent");
    assertThat(url.build()).contains("code_challenge=").contains("code_challenge_method=S256");
    fake.nextConsentBy(BOB);

    Map<String, List<String>> back = RealGoogleClients.consent(url.build());
    assertThat(back.get("state")).containsExactly("state-123");

    TokenResponse tokens = flow.newTokenRequest(back.get("code").get(0)).setRedirectUri(REDIRECT)
        .execute();
    assertThat(tokens.getRefreshToken()).isNotBlank();
    assertThat(tokens.getExpiresInSeconds()).isEqualTo(3599L);
    assertThat(tokens.getTokenType()).isEqualTo("Bearer");
    assertThat(tokens.getScope()).isEqualTo(FakeGoogleCalendar.CALENDAR_SCOPE);

    Credential credential = flow.createAndStoreCredential(tokens, BOB);
    List<CalendarListEntry> calendars = RealGoogleClients.calendar(fake, credential)
        .calendarList().list().execute().getItems();
    assertThat(calendars).extracting(CalendarListEntry::getId).containsExactly(BOB);
    assertThat(calendars.get(0).getPrimary()).isTrue();
    assertThat(calendars.get(0).getTimeZone()).isEqualTo("Europe/Berlin");
  }

  @Test
  void codeExchangeChecksVerifierRedirectUriAndOneTimeUse() throws Exception {
    AuthorizationCodeFlow flow = pkceFlow();
    String code = RealGoogleClients.consent(flow.newAuthorizationUrl().setRedirectUri(REDIRECT).build())
        .get("code").get(0);
    AuthorizationCodeTokenRequest withoutVerifier = new AuthorizationCodeTokenRequest(
        RealGoogleClients.TRANSPORT, RealGoogleClients.JSON, new GenericUrl(fake.tokenUrl()), code)
        .setRedirectUri(REDIRECT)
        .setClientAuthentication(new ClientParametersAuthentication(
            FakeGoogleCalendar.CLIENT_ID, FakeGoogleCalendar.CLIENT_SECRET));
    assertThatThrownBy(withoutVerifier::execute).isInstanceOfSatisfying(TokenResponseException.class,
        e -> assertThat(e.getDetails().getErrorDescription()).isEqualTo("Missing code verifier."));

    String second = RealGoogleClients.consent(flow.newAuthorizationUrl().setRedirectUri(REDIRECT).build())
        .get("code").get(0);
    assertThatThrownBy(() -> flow.newTokenRequest(second).setRedirectUri(REDIRECT + "/other").execute())
        .isInstanceOfSatisfying(TokenResponseException.class,
            e -> assertThat(e.getDetails().getError()).isEqualTo("redirect_uri_mismatch"));

    String third = RealGoogleClients.consent(flow.newAuthorizationUrl().setRedirectUri(REDIRECT).build())
        .get("code").get(0);
    assertThat(flow.newTokenRequest(third).setRedirectUri(REDIRECT).execute().getAccessToken())
        .startsWith("ya29.");
    assertThatThrownBy(() -> flow.newTokenRequest(third).setRedirectUri(REDIRECT).execute())
        .isInstanceOfSatisfying(TokenResponseException.class,
            e -> assertThat(e.getDetails().getError()).isEqualTo("invalid_grant"));
  }

  @Test
  void refreshTokenComesOnlyWithOfflineAccessAndOnlyOnceWithoutPromptConsent() throws Exception {
    AuthorizationCodeFlow flow = pkceFlow();
    assertThat(exchange(flow, Map.of()).getRefreshToken()).isNull();
    assertThat(exchange(flow, Map.of("access_type", "offline")).getRefreshToken()).isNotNull();
    assertThat(exchange(flow, Map.of("access_type", "offline")).getRefreshToken()).isNull();
    assertThat(exchange(flow, Map.of("access_type", "offline", "prompt", "consent"))
        .getRefreshToken()).isNotNull();
  }

  private TokenResponse exchange(AuthorizationCodeFlow flow, Map<String, String> extra)
      throws Exception {
    AuthorizationCodeRequestUrl url = flow.newAuthorizationUrl().setRedirectUri(REDIRECT);
    extra.forEach(url::set);
    String code = RealGoogleClients.consent(url.build()).get("code").get(0);
    return flow.newTokenRequest(code).setRedirectUri(REDIRECT).execute();
  }

  @Test
  void tokenEndpointAuthenticatesTheClientByFormOrBasic() throws Exception {
    int unknownClient = RealGoogleClients.send(HttpRequest.newBuilder(URI.create(
        fake.authorizationUrl() + "?client_id=stranger&redirect_uri=" + REDIRECT
            + "&response_type=code&scope=" + FakeGoogleCalendar.CALENDAR_SCOPE))).statusCode();
    assertThat(unknownClient).isEqualTo(401);

    fake.registerClient("second-client", "s3cret");
    AuthorizationCodeFlow.Builder basic = new AuthorizationCodeFlow.Builder(
        BearerToken.authorizationHeaderAccessMethod(), RealGoogleClients.TRANSPORT, RealGoogleClients.JSON,
        new GenericUrl(fake.tokenUrl()), new BasicAuthentication("second-client", "s3cret"),
        "second-client", fake.authorizationUrl())
        .setScopes(List.of(FakeGoogleCalendar.CALENDAR_SCOPE));
    assertThat(exchange(basic.build(), Map.of()).getAccessToken()).startsWith("ya29.");

    AuthorizationCodeFlow wrongSecret = basic
        .setClientAuthentication(new ClientParametersAuthentication("second-client", "guess"))
        .build();
    assertThatThrownBy(() -> exchange(wrongSecret, Map.of()))
        // The fake sends {"error":"invalid_client",...} as Google does, but HttpURLConnection drops
        // the body of a 401 to a streamed POST, so getDetails() is null here: only the status is seen.
        .isInstanceOfSatisfying(TokenResponseException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(401));
  }

  @Test
  void deniedConsentRedirectsWithAccessDenied() {
    fake.nextConsentDenied();
    Map<String, List<String>> back = RealGoogleClients.consent(
        pkceFlow().newAuthorizationUrl().setRedirectUri(REDIRECT).setState("s").build());
    assertThat(back.get("error")).containsExactly("access_denied");
    assertThat(back.get("state")).containsExactly("s");
    assertThat(back).doesNotContainKey("code");
  }

  @Test
  void credentialRefreshesBeforeEachCallWhenTheTokenHasUnderAMinuteLeft() throws Exception {
    fake.accessTokenLifetime(Duration.ofSeconds(30));
    Calendar client = RealGoogleClients.connected(fake, BOB);
    client.calendarList().list().execute();
    client.calendarList().list().execute();
    assertThat(fake.requests().count("POST", "/token")).isEqualTo(2);
    assertThat(fake.requests().withStatus(401)).isEmpty();
  }

  @Test
  void credentialRefreshesAndRetriesAfterA401() throws Exception {
    Calendar client = RealGoogleClients.connected(fake, BOB);
    client.calendarList().list().execute();
    fake.expireAccessTokens();

    client.calendarList().list().execute();

    assertThat(fake.requests().entries()).extracting(e -> e.method() + " " + e.path() + " " + e.status())
        .containsExactly("POST /token 200", "GET " + CALENDARS + " 200",
            "GET " + CALENDARS + " 401", "POST /token 200", "GET " + CALENDARS + " 200");
  }

  @Test
  void unauthorizedAnswerHasGooglesErrorBody() {
    Calendar client = RealGoogleClients.calendar(fake, RealGoogleClients.credential(fake)
        .setAccessToken("ya29.unknown"));
    assertThatThrownBy(() -> client.calendarList().list().execute())
        .isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(401);
          assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("authError");
          assertThat(e.getDetails().getErrors().get(0).getLocation()).isEqualTo("Authorization");
          assertThat(e.getDetails().getMessage()).isEqualTo("Invalid Credentials");
        });
  }

  @Test
  void revokedAccessSurfacesAsInvalidGrant() throws Exception {
    Credential credential = RealGoogleClients.credential(fake)
        .setRefreshToken(fake.grantOfflineAccess(BOB, FakeGoogleCalendar.CALENDAR_SCOPE));
    Calendar client = RealGoogleClients.calendar(fake, credential);
    client.calendarList().list().execute();
    fake.revokeRefreshToken(BOB);

    // On the 401 path the client logs the failed refresh and shows the caller the 401...
    assertThatThrownBy(() -> client.calendarList().list().execute())
        .isInstanceOfSatisfying(GoogleJsonResponseException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(401));
    // ...and having dropped its access token, the next call refreshes first and throws.
    assertThatThrownBy(() -> client.calendarList().list().execute())
        .isInstanceOfSatisfying(TokenResponseException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(400);
          assertThat(e.getDetails().getError()).isEqualTo("invalid_grant");
        });
  }

  @Test
  void revokeEndpointKillsTheGrant() throws Exception {
    String refreshToken = fake.grantOfflineAccess(BOB, FakeGoogleCalendar.CALENDAR_SCOPE);
    Credential credential = RealGoogleClients.credential(fake).setRefreshToken(refreshToken);
    assertThat(credential.refreshToken()).isTrue();

    int status = RealGoogleClients.send(HttpRequest.newBuilder(
        URI.create(fake.revokeUrl() + "?token=" + refreshToken))
        .POST(HttpRequest.BodyPublishers.noBody())).statusCode();
    assertThat(status).isEqualTo(200);
    assertThatThrownBy(credential::refreshToken).isInstanceOf(TokenResponseException.class);
    int again = RealGoogleClients.send(HttpRequest.newBuilder(
        URI.create(fake.revokeUrl() + "?token=" + refreshToken))
        .POST(HttpRequest.BodyPublishers.noBody())).statusCode();
    assertThat(again).isEqualTo(400); // invalid_token: already revoked
  }

  @Test
  void readOnlyScopeCannotWrite() throws Exception {
    Credential credential = RealGoogleClients.credential(fake).setRefreshToken(fake.grantOfflineAccess(
        BOB, "https://www.googleapis.com/auth/calendar.readonly"));
    Calendar client = RealGoogleClients.calendar(fake, credential);
    assertThat(client.events().list("primary").execute().getItems()).isEmpty();
    assertThatThrownBy(() -> client.events().delete("primary", "abcdef").execute())
        .isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(403);
          assertThat(e.getDetails().getErrors().get(0).getReason())
              .isEqualTo("insufficientPermissions");
        });
  }
}
