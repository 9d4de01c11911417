package dev.scheduler.harness.baseline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What a caller proved about one host ({@link Credentials#accessTo}), and the node's rules for who
 * may do what with it (its {@code HostAccessRules}): a caller who presented this host's token
 * passes; one who presented a host token that does not match, or nothing, is not authenticated
 * (401); one who presented the admin token or a booking token where those do not reach is
 * authenticated but not allowed (403).
 *
 * @param admin the admin token was presented
 * @param hostTokenHash SHA-256 (hex) of the host-shaped token presented for this host, or null
 * @param bookingId the booking whose signed booking token was presented, or null
 */
record Access(boolean admin, String hostTokenHash, String bookingId) {
  static final Access ANONYMOUS = new Access(false, null, null);

  static Access asAdmin() {
    return new Access(true, null, null);
  }

  static Access hostToken(String hash) {
    return new Access(false, hash, null);
  }

  static Access bookingToken(String bookingId) {
    return new Access(false, null, bookingId);
  }

  /** Only the host itself, whose stored token hash is {@code storedHash}. */
  void requireHost(String storedHash) {
    if (hostTokenHash != null && MessageDigest.isEqual(hostTokenHash.getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII))) {
      return;
    }
    if (hostTokenHash != null) {
      throw ApiError.unauthorized("The API token is not valid for this host.");
    }
    if (admin || bookingId != null) {
      throw ApiError.forbidden("This token may not do that for this host.");
    }
    throw ApiError.unauthorized("An API token is required.");
  }

  /** The host, or the invitee holding {@code wantedBookingId}'s booking token. */
  void requireHostOrBooking(String storedHash, String wantedBookingId) {
    if (!wantedBookingId.equals(bookingId)) {
      requireHost(storedHash);
    }
  }
}
