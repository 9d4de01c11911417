package dev.scheduler.harness.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.auth.oauth2.BearerToken;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** The real Google client, wired the way the scheduler node wires it, pointed at the fake. */
final class RealGoogleClients {
  static final NetHttpTransport TRANSPORT = new NetHttpTransport();
  static final GsonFactory JSON = GsonFactory.getDefaultInstance();
  private static final HttpClient BROWSER = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private RealGoogleClients() {}

  /** A refreshable credential with no tokens yet. */
  static Credential credential(FakeGoogleCalendar fake) {
    return new Credential.Builder(BearerToken.authorizationHeaderAccessMethod())
        .setTransport(TRANSPORT)
        .setJsonFactory(JSON)
        .setTokenServerEncodedUrl(fake.tokenUrl())
        .setClientAuthentication(new ClientParametersAuthentication(
            FakeGoogleCalendar.CLIENT_ID, FakeGoogleCalendar.CLIENT_SECRET))
        .build();
  }

  static Calendar calendar(FakeGoogleCalendar fake, Credential credential) {
    return new Calendar.Builder(TRANSPORT, JSON, credential)
        .setRootUrl(fake.rootUrl())
        .setApplicationName("scheduler-tests")
        .build();
  }

  /** A client for a user who connected earlier: it holds only a refresh token, like after a restart. */
  static Calendar connected(FakeGoogleCalendar fake, String user) {
    Credential credential = credential(fake)
        .setRefreshToken(fake.grantOfflineAccess(user, FakeGoogleCalendar.CALENDAR_SCOPE));
    return calendar(fake, credential);
  }

  /** Plays the browser at the consent screen: returns the query of the 302 back to the app. */
  static Map<String, List<String>> consent(String authorizationUrl) {
    HttpResponse<Void> response = send(HttpRequest.newBuilder(URI.create(authorizationUrl)).GET());
    assertThat(response.statusCode()).as("consent redirect").isEqualTo(302);
    URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
    return FakeRequest.parseForm(location.getRawQuery());
  }

  static HttpResponse<Void> send(HttpRequest.Builder request) {
    try {
      return BROWSER.send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
