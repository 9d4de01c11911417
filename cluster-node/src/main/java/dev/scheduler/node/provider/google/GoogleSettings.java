package dev.scheduler.node.provider.google;

import com.typesafe.config.Config;

/**
 * Where Google is and who we are to it. The URLs come from configuration so that tests, and the
 * load harness, point the real client at a fake.
 */
public record GoogleSettings(String clientId, String clientSecret, String rootUrl, String tokenUrl,
    String authorizationUrl, String revokeUrl, int pageSize) {

  public static GoogleSettings from(Config config) {
    Config google = config.getConfig("scheduler.google");
    return new GoogleSettings(google.getString("client-id"), google.getString("client-secret"),
        google.getString("root-url"), google.getString("token-url"), google.getString("authorization-url"),
        google.getString("revoke-url"), google.getInt("page-size"));
  }

  public boolean configured() {
    return !clientId.isBlank() && !clientSecret.isBlank();
  }

  @Override
  public String toString() {
    return "GoogleSettings[clientId=" + clientId + ", rootUrl=" + rootUrl + ", tokenUrl=" + tokenUrl + "]";
  }
}
