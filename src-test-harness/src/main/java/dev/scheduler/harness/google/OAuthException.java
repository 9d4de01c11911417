package dev.scheduler.harness.google;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error from the token or revoke endpoint, in OAuth's flat shape
 * {"error":"invalid_grant","error_description":"..."} that TokenResponseException parses.
 */
final class OAuthException extends RuntimeException {
  private final int status;
  private final String error;

  OAuthException(int status, String error, String description) {
    super(description);
    this.status = status;
    this.error = error;
  }

  static OAuthException invalidGrant(String description) {
    return new OAuthException(400, "invalid_grant", description);
  }

  static OAuthException invalidRequest(String description) {
    return new OAuthException(400, "invalid_request", description);
  }

  int status() {
    return status;
  }

  ObjectNode body() {
    return GoogleJson.object().put("error", error).put("error_description", getMessage());
  }
}
