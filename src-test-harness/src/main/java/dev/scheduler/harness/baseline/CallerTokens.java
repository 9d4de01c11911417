package dev.scheduler.harness.baseline;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens a caller presents, read as the node reads them (its {@code Credentials} and
 * {@code Tokens}) before anything is looked up: the admin token; a host token
 * {@code hst.<hostId>.<secret>}, whose hash the host's row holds; a booking token
 * {@code bkg.<hostId>.<bookingId>.<signature>}, signed with a key of this server (made at start,
 * like the schema), so that it is checked without a read. A token that names another host is 403
 * at once; one that is none of these shapes, or a booking token with a wrong signature, is 401.
 */
final class CallerTokens {
  private static final String HOST_PREFIX = "hst";
  private static final String BOOKING_PREFIX = "bkg";
  private static final Pattern ID = Pattern.compile("[a-z2-7]{20}");
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  private final byte[] adminToken;
  private final byte[] bookingTokenKey;

  CallerTokens(String adminToken, byte[] bookingTokenKey) {
    this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
    this.bookingTokenKey = bookingTokenKey.clone();
  }

  /** With a fresh random key for booking tokens. */
  static CallerTokens withRandomKey(String adminToken) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new CallerTokens(adminToken, key);
  }

  boolean isAdmin(String token) {
    return token != null && MessageDigest.isEqual(adminToken, token.getBytes(StandardCharsets.UTF_8));
  }

  /** What {@code token} (null for none) proves about {@code hostId}; 401 or 403 as described above. */
  CallerAccess accessTo(String hostId, String token) {
    if (token == null) {
      return CallerAccess.ANONYMOUS;
    }
    if (isAdmin(token)) {
      return CallerAccess.asAdmin();
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length == 3 && parts[0].equals(HOST_PREFIX) && ID.matcher(parts[1]).matches()
        && !parts[2].isEmpty()) {
      requireSameHost(hostId, parts[1]);
      return CallerAccess.hostToken(IdsAndTokens.sha256Hex(token));
    }
    if (token.startsWith(BOOKING_PREFIX + ".")) {
      if (parts.length != 4 || !signedByUs(parts)) {
        throw HttpRefusal.unauthorized("The booking token is not valid.");
      }
      requireSameHost(hostId, parts[1]);
      return CallerAccess.bookingToken(parts[2]);
    }
    throw HttpRefusal.unauthorized("The token is not recognised.");
  }

  /** The booking token of a new booking; an idempotent retry shows the stored one again. */
  String bookingToken(String hostId, String bookingId) {
    return BOOKING_PREFIX + "." + hostId + "." + bookingId + "." + signature(hostId, bookingId);
  }

  private static void requireSameHost(String hostId, String hostOfToken) {
    if (!hostOfToken.equals(hostId)) {
      throw HttpRefusal.forbidden("This token belongs to another host.");
    }
  }

  private boolean signedByUs(String[] bookingTokenParts) {
    byte[] expected = signature(bookingTokenParts[1], bookingTokenParts[2]).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, bookingTokenParts[3].getBytes(StandardCharsets.US_ASCII));
  }

  private String signature(String hostId, String bookingId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(bookingTokenKey, "HmacSHA256"));
      return BASE64.encodeToString(mac.doFinal((hostId + "." + bookingId).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
