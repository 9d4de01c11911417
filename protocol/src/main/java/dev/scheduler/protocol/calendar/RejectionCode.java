package dev.scheduler.protocol.calendar;

/** Why a command was refused; the HTTP layer maps each to one status. */
public enum RejectionCode {
  INVALID_REQUEST("invalid_request"),
  UNAUTHORIZED("unauthorized"),
  FORBIDDEN("forbidden"),
  NOT_FOUND("not_found"),
  SLOT_UNAVAILABLE("slot_unavailable"),
  CONFLICT("conflict"),
  IDEMPOTENCY_CONFLICT("idempotency_conflict"),
  /** An invitee tried to cancel or reschedule inside the event type's cutoff before the start; the host still can. */
  CHANGE_TOO_LATE("change_too_late"),
  /** The command arrived after its asker stopped waiting; nothing was done. */
  EXPIRED("expired"),
  /** An external calendar provider failed a call the host is waiting for (not bookings: they never wait on one). */
  PROVIDER_UNAVAILABLE("provider_unavailable"),
  /** The host already holds the most of something it may keep (busy sources, intervals, event types, bookings). */
  LIMIT_EXCEEDED("limit_exceeded");

  private final String wireName;

  RejectionCode(String wireName) {
    this.wireName = wireName;
  }

  /** The value of the {@code error} field in JSON error bodies. */
  public String wireName() {
    return wireName;
  }
}
