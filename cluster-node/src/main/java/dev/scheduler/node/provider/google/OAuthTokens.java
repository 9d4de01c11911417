package dev.scheduler.node.provider.google;

import java.time.Instant;

/** A connection's OAuth tokens. Secrets: sealed at rest, and never printed (see toString). */
public record OAuthTokens(String accessToken, String refreshToken, Instant accessTokenExpiry) {
  @Override
  public String toString() {
    return "OAuthTokens[accessTokenExpiry=" + accessTokenExpiry + ", tokens hidden]";
  }
}
