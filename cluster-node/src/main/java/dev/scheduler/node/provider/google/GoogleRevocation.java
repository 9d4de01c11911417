package dev.scheduler.node.provider.google;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a host's grant back to Google when they disconnect the calendar. Best effort: the tokens
 * are forgotten either way, and a failure is logged without them.
 */
public final class GoogleRevocation {
  private static final Logger LOG = LoggerFactory.getLogger(GoogleRevocation.class);

  private final HttpClient http;
  private final GoogleSettings settings;

  public GoogleRevocation(HttpClient http, GoogleSettings settings) {
    this.http = http;
    this.settings = settings;
  }

  public void revoke(String connectionId, OAuthTokens tokens) {
    String token = tokens.refreshToken() != null ? tokens.refreshToken() : tokens.accessToken();
    HttpRequest request = HttpRequest.newBuilder(URI.create(settings.revokeUrl()))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
        .build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 200) {
        LOG.warn("Google answered {} when revoking the grant of connection {}", status, connectionId);
      }
    } catch (IOException e) {
      LOG.warn("Could not revoke the grant of connection {}: {}", connectionId, e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
