package dev.scheduler.node.provider.google;

import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import dev.scheduler.node.provider.ProviderException;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/** Reads Google's failures into the few kinds the sync and the outbox act on. */
final class GoogleErrors {
  private static final Set<String> RATE_LIMIT_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded");

  private GoogleErrors() {}

  static ProviderException translate(String operation, IOException failure) {
    if (failure instanceof TokenResponseException token) {
      return tokenFailure(operation, token);
    }
    if (!(failure instanceof GoogleJsonResponseException response)) {
      return new ProviderException.Unavailable(operation + " could not reach Google: " + failure.getClass().getSimpleName());
    }
    int status = response.getStatusCode();
    String reason = reason(response);
    String what = operation + " failed with " + status + (reason.isEmpty() ? "" : " " + reason);
    if (status == 429 || (status == 403 && RATE_LIMIT_REASONS.contains(reason))) {
      return new ProviderException.RateLimited(what, retryAfter(response));
    }
    if (status == 410) {
      return new ProviderException.SyncTokenExpired(what);
    }
    if (status >= 500 || status == 401) {
      // A 401 reaches us only after the client's own refresh failed for a reason other than a
      // revoked grant (that one is a TokenResponseException): worth another try later.
      return new ProviderException.Unavailable(what);
    }
    return new ProviderException.Rejected(what);
  }

  static String reason(GoogleJsonResponseException response) {
    GoogleJsonError details = response.getDetails();
    if (details == null || details.getErrors() == null || details.getErrors().isEmpty()) {
      return "";
    }
    String reason = details.getErrors().get(0).getReason();
    return reason == null ? "" : reason;
  }

  private static ProviderException tokenFailure(String operation, TokenResponseException token) {
    String error = token.getDetails() == null ? "" : token.getDetails().getError();
    if ("invalid_grant".equals(error)) {
      return new ProviderException.AccessRevoked(operation + ": Google no longer accepts this connection's grant (invalid_grant)");
    }
    if (token.getStatusCode() >= 500) {
      return new ProviderException.Unavailable(operation + ": Google's token endpoint failed with " + token.getStatusCode());
    }
    return new ProviderException.Rejected(operation + ": the token request was refused (" + error + ")");
  }

  private static Duration retryAfter(GoogleJsonResponseException response) {
    String header = response.getHeaders() == null ? null : response.getHeaders().getRetryAfter();
    try {
      return header == null ? null : Duration.ofSeconds(Long.parseLong(header.trim()));
    } catch (NumberFormatException httpDate) {
      return null;
    }
  }
}
