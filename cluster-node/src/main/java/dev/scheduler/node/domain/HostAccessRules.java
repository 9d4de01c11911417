package dev.scheduler.node.domain;

import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarState;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.model.Booking;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;

/**
 * Who may do what to a host. The answer is a pass ({@code Answer(null)}) or a rejection, so that
 * callers can chain it with {@link Decision#orElse}.
 */
final class HostAccessRules {
  private HostAccessRules() {}

  static Decision<Void> hostOnly(HostCalendarState state, Access access) {
    if (presentsHostToken(state, access)) {
      return Decision.pass();
    }
    return refusal(access);
  }

  static Decision<Void> hostOrAdmin(HostCalendarState state, Access access) {
    return access.isAdmin() ? Decision.pass() : hostOnly(state, access);
  }

  /**
   * The host, or the invitee with the booking's token until {@code tokenLifetime} after the
   * booking's end (its current end: a reschedule moves it). A token of a booking no longer in the
   * state passes here, and the booking is then not found.
   */
  static Decision<Void> hostOrBookingToken(
      HostCalendarState state, Access access, String bookingId, Instant now, Duration tokenLifetime) {
    if (bookingId.equals(access.verifiedBookingId())) {
      Booking booking = state.bookings().get(bookingId);
      if (booking != null && now.isAfter(booking.end().plus(tokenLifetime))) {
        return Decision.reject(RejectionCode.UNAUTHORIZED, "This booking token has expired: it is accepted until "
            + tokenLifetime.toDays() + " days after the booking's end; ask the host.");
      }
      return Decision.pass();
    }
    return hostOnly(state, access);
  }

  /** True when the caller acts for the host itself, not for one of its invitees. */
  static boolean actsAsHost(HostCalendarState state, Access access) {
    return presentsHostToken(state, access);
  }

  private static boolean presentsHostToken(HostCalendarState state, Access access) {
    if (state.host().id().equals(access.verifiedHostId())) {
      return true;
    }
    String presented = access.hostTokenHash();
    return presented != null
        && MessageDigest.isEqual(
            presented.getBytes(StandardCharsets.US_ASCII),
            state.host().apiTokenHash().getBytes(StandardCharsets.US_ASCII));
  }

  // A caller who presented some credential, but not this host's, is forbidden; one who presented a
  // host token that does not match is not authenticated at all.
  private static Decision<Void> refusal(Access access) {
    if (access.hostTokenHash() != null) {
      return Decision.reject(RejectionCode.UNAUTHORIZED, "The API token is not valid for this host.");
    }
    if (access.isAdmin() || access.verifiedBookingId() != null) {
      return Decision.reject(RejectionCode.FORBIDDEN, "This token may not do that for this host.");
    }
    return Decision.reject(RejectionCode.UNAUTHORIZED, "An API token is required.");
  }
}
