package dev.scheduler.harness.load;

/**
 * How one attempt of a request ended. A request's final kind is that of its last attempt; whether
 * its outcome stays unknown (indeterminate) also depends on the attempts before.
 */
public enum OutcomeKind {
  /** Any 2xx. */
  OK("2xx"),
  /** 409: the slot is taken (or the booking can no longer be moved). A definite answer, not an error. */
  CONFLICT("409"),
  /** Any other 4xx: a definite refusal. */
  CLIENT_ERROR("4xx"),
  /** 503: the system does not know whether it happened (retry with the same key). */
  UNAVAILABLE("503"),
  /** Any other 5xx. */
  SERVER_ERROR("5xx"),
  /** No answer within the request timeout. */
  TIMEOUT("timeout"),
  /** The connection was refused: nothing was sent. */
  CONNECTION_REFUSED("refused"),
  /** The connection could not be opened in time: nothing was sent. */
  CONNECT_TIMEOUT("connect-timeout"),
  /** The connection broke after the request may have been sent. */
  IO_ERROR("io-error"),
  /** Not sent: the client already had its maximum of requests in flight. */
  CLIENT_OVERLOAD("client-overload");

  private final String label;

  OutcomeKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The system answered, and the answer says what happened. */
  public boolean isDefinite() {
    return this == OK || this == CONFLICT || this == CLIENT_ERROR;
  }

  /** The request may have reached the system, and nobody knows what it did. */
  public boolean isAmbiguous() {
    return this == UNAVAILABLE || this == SERVER_ERROR || this == TIMEOUT || this == IO_ERROR;
  }

  /** Worth another attempt (on the next node, after a short backoff). */
  public boolean isRetryable() {
    return isAmbiguous() || this == CONNECTION_REFUSED || this == CONNECT_TIMEOUT;
  }

  /** Neither a success nor a 409: what the progress line counts as errors. */
  public boolean isError() {
    return this != OK && this != CONFLICT;
  }

  public static OutcomeKind fromLabel(String label) {
    for (OutcomeKind kind : values()) {
      if (kind.label.equals(label)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("no outcome kind '" + label + "'");
  }

  static OutcomeKind ofStatus(int status) {
    if (status >= 200 && status < 300) {
      return OK;
    }
    if (status == 409) {
      return CONFLICT;
    }
    if (status == 503) {
      return UNAVAILABLE;
    }
    if (status >= 500) {
      return SERVER_ERROR;
    }
    return CLIENT_ERROR;
  }
}
