package dev.scheduler.harness.baseline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What a caller proved about one host ({@link CallerTokens#accessTo}), and the node's rules for who
 * may do what with it (its {@code HostAccessRules}): a caller who presented this host's token
 * passes; one who presented a host token that does not match, or nothing, is not authenticated
 * (401); one who presented the admin token or a booking token where those do not reach is
 * authenticated but not allowed (403).
 *
 * @param admin the admin token was presented
 * @param hostTokenHash SHA-256 (hex) of the host-shaped token presented for this host, or null
 * @param bookingId the booking whose signed booking token was presented, or null
 */
record CallerAccess(boolean admin, String hostTokenHash, String bookingId) {
  static final CallerAccess ANONYMOUS = new CallerAccess(false, null, null);

  static CallerAccess asAdmin() {
    return new CallerAccess(true, null, null);
  }

  static CallerAccess hostToken(String hash) {
    return new CallerAccess(false, hash, null);
  }

  static CallerAccess bookingToken(String bookingId) {
    return new CallerAccess(false, null, bookingId);
  }

  /** Only the host itself, whose stored token hash is {@code storedHash}. */
  void requireHost(String storedHash) {
    if (hostTokenHash != null && MessageDigest.isEqual(hostTokenHash.getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII))) {
      return;
    }
    if (hostTokenHash != null) {
      throw HttpRefusal.unauthorized("The API token is not valid for this host.");
    }
    if (admin || bookingId != null) {
      throw HttpRefusal.forbidden("This token may not do that for this host.");
    }
    throw HttpRefusal.unauthorized("An API token is required.");
  }

  /** The host, or the invitee holding {@code wantedBookingId}'s booking token. */
  void requireHostOrBooking(String storedHash, String wantedBookingId) {
    if (!wantedBookingId.equals(bookingId)) {
      requireHost(storedHash);
    }
  }
}
