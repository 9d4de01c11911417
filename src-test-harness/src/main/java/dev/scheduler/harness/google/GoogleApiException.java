package dev.scheduler.harness.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * An error the fake answers in Google's v3 body shape
 * {"error":{"errors":[{domain,reason,message,locationType,location}],"code","message"}}.
 * The Java client parses this into GoogleJsonError only because it arrives as application/json.
 */
public final class GoogleApiException extends RuntimeException {
  private record Reason(String domain, String message, String locationType, String location) {}

  /** The documented reasons, with the domain and message Google pairs with each. */
  private static final Map<String, Reason> REASONS = Map.ofEntries(
      Map.entry("authError", new Reason("global", "Invalid Credentials", "header", "Authorization")),
      Map.entry("required", new Reason("global", "Login Required.", "header", "Authorization")),
      Map.entry("insufficientPermissions", new Reason("global",
          "Request had insufficient authentication scopes.", null, null)),
      Map.entry("rateLimitExceeded", new Reason("usageLimits", "Rate Limit Exceeded", null, null)),
      Map.entry("userRateLimitExceeded",
          new Reason("usageLimits", "User Rate Limit Exceeded", null, null)),
      Map.entry("quotaExceeded",
          new Reason("usageLimits", "Calendar usage limits exceeded.", null, null)),
      Map.entry("notFound", new Reason("global", "Not Found", null, null)),
      Map.entry("duplicate",
          new Reason("global", "The requested identifier already exists.", null, null)),
      Map.entry("deleted", new Reason("global", "Resource has been deleted", null, null)),
      Map.entry("fullSyncRequired", new Reason("calendar",
          "Sync token is no longer valid, a full sync is required.", "parameter", "syncToken")),
      Map.entry("conditionNotMet", new Reason("global", "Precondition Failed", "header", "If-Match")),
      Map.entry("timeRangeEmpty",
          new Reason("calendar", "The specified time range is empty.", "parameter", "timeMax")),
      Map.entry("backendError", new Reason("global", "Backend Error", null, null)),
      Map.entry("invalid", new Reason("global", "Invalid Value", null, null)),
      Map.entry("badRequest", new Reason("global", "Bad Request", null, null)),
      Map.entry("parseError", new Reason("global", "Parse Error", null, null)),
      Map.entry("channelIdNotUnique", new Reason("global", "Channel id not unique", null, null)));

  /** What a bare status means when a fault names no reason. */
  private static final Map<Integer, String> DEFAULT_REASON = Map.of(
      400, "badRequest", 401, "authError", 403, "rateLimitExceeded", 404, "notFound",
      409, "duplicate", 410, "fullSyncRequired", 412, "conditionNotMet",
      429, "rateLimitExceeded", 500, "backendError", 503, "backendError");

  private final int status;
  private final String domain;
  private final String reason;
  private final String locationType;
  private final String location;

  private GoogleApiException(int status, String domain, String reason, String message,
      String locationType, String location) {
    super(message);
    this.status = status;
    this.domain = domain;
    this.reason = reason;
    this.locationType = locationType;
    this.location = location;
  }

  /** The error Google gives for this status and reason, with its documented message. */
  public static GoogleApiException of(int status, String reason) {
    Reason known = REASONS.getOrDefault(reason, new Reason("global", reason, null, null));
    return new GoogleApiException(status, known.domain(), reason, known.message(),
        known.locationType(), known.location());
  }

  /** The default reason for a status (429 rateLimitExceeded, 500 backendError, ...). */
  public static GoogleApiException of(int status) {
    return of(status, DEFAULT_REASON.getOrDefault(status, "backendError"));
  }

  /** A 400 for a bad query parameter or body field, naming it the way Google does. */
  static GoogleApiException invalidParameter(String reason, String parameter, String message) {
    return new GoogleApiException(400, "global", reason, message, "parameter", parameter);
  }

  /** Same reason, different human message (for example "Missing end time."). */
  GoogleApiException withMessage(String message) {
    return new GoogleApiException(status, domain, reason, message, locationType, location);
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  ObjectNode body() {
    ObjectNode item = GoogleJson.object().put("domain", domain).put("reason", reason)
        .put("message", getMessage());
    if (locationType != null) {
      item.put("locationType", locationType).put("location", location);
    }
    ObjectNode error = GoogleJson.object();
    error.putArray("errors").add(item);
    error.put("code", status).put("message", getMessage());
    ObjectNode body = GoogleJson.object();
    body.set("error", error);
    return body;
  }
}
