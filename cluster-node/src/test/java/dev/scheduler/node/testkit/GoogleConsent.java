package dev.scheduler.node.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.harness.google.FakeGoogleCalendar;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** Points a test node at the fake Google, and walks a host through Google's consent screen. */
public final class GoogleConsent {
  private static final HttpClient NO_REDIRECTS = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private GoogleConsent() {}

  /** Node settings that make the real Google client talk to {@code google}. */
  public static Map<String, Object> settingsFor(FakeGoogleCalendar google) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("scheduler.google.client-id", FakeGoogleCalendar.CLIENT_ID);
    settings.put("scheduler.google.client-secret", FakeGoogleCalendar.CLIENT_SECRET);
    settings.put("scheduler.google.root-url", google.rootUrl());
    settings.put("scheduler.google.token-url", google.tokenUrl());
    settings.put("scheduler.google.authorization-url", google.authorizationUrl());
    settings.put("scheduler.google.revoke-url", google.revokeUrl());
    return settings;
  }

  /**
   * The host asks for the consent URL, {@code user} consents at the fake, and the browser follows
   * the redirect to the node's callback. Returns the callback's answer (201 with the connection).
   */
  public static ApiResponse connect(SchedulerApiClient api, FakeGoogleCalendar google, ApiFixture host, String user)
      throws IOException, InterruptedException {
    ApiResponse start = api.get("/api/v1/hosts/" + host.hostId() + "/calendars/google/connect", host.token());
    assertThat(start.status()).as(start.toString()).isEqualTo(200);
    google.nextConsentBy(user);
    HttpResponse<String> consent = NO_REDIRECTS.send(
        HttpRequest.newBuilder(URI.create(start.json().get("authorizationUrl").asText())).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(consent.statusCode()).as(consent.body()).isEqualTo(302);
    URI callback = URI.create(consent.headers().firstValue("Location").orElseThrow());
    ApiResponse connected = api.get(callback.getRawPath() + "?" + callback.getRawQuery(), null);
    assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
    return connected;
  }
}
