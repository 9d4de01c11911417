package dev.scheduler.harness.google;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the fake answers: status, headers and body bytes. */
record FakeResponse(int status, Map<String, String> headers, byte[] body) {
  private static final String JSON = "application/json; charset=UTF-8";

  static FakeResponse json(int status, JsonNode body) {
    return new FakeResponse(status, headers("Content-Type", JSON), GoogleJson.bytes(body));
  }

  /** Google's 204 for delete and channels.stop: no body at all. */
  static FakeResponse noContent() {
    return new FakeResponse(204, Map.of(), new byte[0]);
  }

  static FakeResponse redirect(String location) {
    return new FakeResponse(302, headers("Location", location), new byte[0]);
  }

  /** The consent screen's own error pages are HTML for a person, not JSON. */
  static FakeResponse page(int status, String text) {
    return new FakeResponse(status, headers("Content-Type", "text/plain; charset=UTF-8"),
        text.getBytes(StandardCharsets.UTF_8));
  }

  static FakeResponse apiError(GoogleApiException error) {
    FakeResponse response = json(error.status(), error.body());
    if (error.status() == 401) {
      // Google's header on every 401; the oauth client refreshes on the status alone.
      response.headers().put("WWW-Authenticate",
          "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
    }
    return response;
  }

  static FakeResponse oauthError(OAuthException error) {
    return json(error.status(), error.body());
  }

  private static Map<String, String> headers(String name, String value) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(name, value);
    return headers;
  }
}
