package dev.scheduler.node.notify.outbox;

import java.util.Objects;

/**
 * What a channel made of one attempt: {@code SENT} is done; {@code RETRY} is tried again after a
 * backoff; {@code PERMANENT} will never succeed and fails the message at once.
 *
 * @param reason for the log and the row's {@code last_error}; never a secret
 */
public record SendOutcome(Status status, String reason) {
  public enum Status {
    SENT,
    RETRY,
    PERMANENT
  }

  public SendOutcome {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
  }
}
