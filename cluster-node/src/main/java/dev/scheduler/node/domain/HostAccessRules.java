package dev.scheduler.node.domain;

import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarState;
import dev.scheduler.protocol.calendar.RejectionCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

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

  static Decision<Void> hostOrBookingToken(HostCalendarState state, Access access, String bookingId) {
    if (bookingId.equals(access.verifiedBookingId())) {
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
