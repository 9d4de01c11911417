package dev.scheduler.http.auth;

import dev.scheduler.http.ApiError;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.RejectionCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Turns the token a caller presents into what it proves for one host. Checks that need no entity
 * (admin token, booking-token signature, which host a token names) are made here; a host token's
 * hash is compared by the host's entity.
 */
public final class Credentials {
  private final byte[] adminToken;
  private final Tokens tokens;

  public Credentials(String adminToken, Tokens tokens) {
    this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
    this.tokens = tokens;
  }

  public boolean isAdmin(Optional<String> token) {
    return token.isPresent()
        && MessageDigest.isEqual(adminToken, token.get().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Refuses anything but the admin token: 401 with no token, 403 with another; {@code what} names
   * what needs it in the refusal.
   */
  public void requireAdmin(Optional<String> token, String what) {
    if (!isAdmin(token)) {
      throw new ApiError(token.isEmpty() ? RejectionCode.UNAUTHORIZED : RejectionCode.FORBIDDEN,
          what + " needs the admin token.");
    }
  }

  /**
   * A token that must only travel in the Authorization header: URLs end up in proxy and access
   * logs and in browser history. Only an invitee's booking token (in the links of their emails)
   * may travel in a URL.
   */
  public boolean isHostOrAdminToken(String token) {
    return isAdmin(Optional.of(token)) || Tokens.hostIdOfHostToken(token).isPresent();
  }

  /** What {@code token} proves about {@code hostId}; a token of another host is refused here. */
  public Access accessTo(String hostId, Optional<String> token) {
    if (token.isEmpty()) {
      return Access.anonymous();
    }
    String presented = token.get();
    if (isAdmin(token)) {
      return Access.asAdmin();
    }
    Optional<String> hostOfToken = Tokens.hostIdOfHostToken(presented);
    if (hostOfToken.isPresent()) {
      requireSameHost(hostId, hostOfToken.get());
      return Access.hostToken(Tokens.sha256Hex(presented));
    }
    if (Tokens.isBookingTokenShaped(presented)) {
      Tokens.SignedBooking signed = tokens.verifyBookingToken(presented)
          .orElseThrow(() -> new ApiError(RejectionCode.UNAUTHORIZED, "The booking token is not valid."));
      requireSameHost(hostId, signed.hostId());
      return Access.bookingToken(signed.bookingId());
    }
    throw new ApiError(RejectionCode.UNAUTHORIZED, "The token is not recognised.");
  }

  private static void requireSameHost(String hostId, String hostOfToken) {
    if (!hostOfToken.equals(hostId)) {
      throw new ApiError(RejectionCode.FORBIDDEN, "This token belongs to another host.");
    }
  }
}
