package dev.scheduler.node.provider;

import java.time.Duration;

/**
 * Why a call to an external calendar failed, in the terms the sync and outbox act on. Messages are
 * meant for the connection's "last error", so they never carry tokens.
 */
public abstract sealed class ProviderException extends Exception {

  ProviderException(String message) {
    super(message, null, false, false);
  }

  /** 429, or 403 rateLimitExceeded / userRateLimitExceeded: slow down. */
  public static final class RateLimited extends ProviderException {
    private final Duration retryAfter;

    public RateLimited(String message, Duration retryAfter) {
      super(message);
      this.retryAfter = retryAfter;
    }

    /** The provider's hint, or null. */
    public Duration retryAfter() {
      return retryAfter;
    }
  }

  /** 5xx, timeouts, connection failures: retry with backoff. */
  public static final class Unavailable extends ProviderException {
    public Unavailable(String message) {
      super(message);
    }
  }

  /** The sync token is no longer valid (Google 410 fullSyncRequired): discard and sync fully. */
  public static final class SyncTokenExpired extends ProviderException {
    public SyncTokenExpired(String message) {
      super(message);
    }
  }

  /** The grant is gone (invalid_grant): the connection is disconnected until the host reconnects. */
  public static final class AccessRevoked extends ProviderException {
    public AccessRevoked(String message) {
      super(message);
    }
  }

  /** Any other refusal; retrying the same call will not help. */
  public static final class Rejected extends ProviderException {
    public Rejected(String message) {
      super(message);
    }
  }
}
