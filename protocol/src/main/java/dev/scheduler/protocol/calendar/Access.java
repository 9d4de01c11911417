package dev.scheduler.protocol.calendar;

import dev.scheduler.protocol.CborSerializable;

/**
 * What the caller proved at the HTTP edge. The route checks the admin token and booking-token
 * signatures itself; the host token's hash is compared by the host's entity, which owns it.
 *
 * @param isAdmin true when the caller presented the admin token
 * @param hostTokenHash SHA-256 (hex) of a host API token the caller presented, or null
 * @param verifiedBookingId the booking whose signed booking token the caller presented, or null
 * @param verifiedHostId the host on whose behalf the caller acts, proven by something we signed for
 *     that host (the state of an OAuth flow the host started), or null
 */
public record Access(boolean isAdmin, String hostTokenHash, String verifiedBookingId, String verifiedHostId)
    implements CborSerializable {

  public static Access anonymous() {
    return new Access(false, null, null, null);
  }

  public static Access asAdmin() {
    return new Access(true, null, null, null);
  }

  public static Access hostToken(String hostTokenHash) {
    return new Access(false, hostTokenHash, null, null);
  }

  public static Access verifiedHost(String hostId) {
    return new Access(false, null, null, hostId);
  }

  public static Access bookingToken(String bookingId) {
    return new Access(false, null, bookingId, null);
  }
}
