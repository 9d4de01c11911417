package dev.scheduler.node.notify.mail;

import java.util.Objects;

/**
 * What became of one message, in the terms the caller acts on: {@link Status#SENT} is done;
 * {@link Status#RETRY} should be tried again later with backoff (the server could not be reached,
 * timed out, or answered 4xx); {@link Status#PERMANENT} will not succeed however often it is tried
 * (a 5xx answer, an address that is no address) and is recorded and logged instead.
 *
 * @param reason what happened, for the log and the booking's notification record; never a secret
 */
public record DeliveryOutcome(Status status, String reason) {
  public enum Status {
    SENT,
    RETRY,
    PERMANENT
  }

  public DeliveryOutcome {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
  }

  public static DeliveryOutcome sent(String how) {
    return new DeliveryOutcome(Status.SENT, how);
  }

  public static DeliveryOutcome retry(String reason) {
    return new DeliveryOutcome(Status.RETRY, reason);
  }

  public static DeliveryOutcome permanent(String reason) {
    return new DeliveryOutcome(Status.PERMANENT, reason);
  }
}
