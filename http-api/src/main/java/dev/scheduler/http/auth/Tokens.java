package dev.scheduler.http.auth;

import dev.scheduler.protocol.Ids;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shapes of tokens. A host API token is {@code hst.<hostId>.<random>} and is kept only as a
 * SHA-256 hash. A booking token is {@code bkg.<hostId>.<bookingId>.<hmac>}: signed with the node's
 * key, so it is never stored and an idempotent retry can hand out the same token again. It carries
 * no date: the host's entity accepts it until some time after the booking's current end (a
 * reschedule moves that), which covers tokens handed out before expiry existed as well.
 */
public final class Tokens {
  static final String HOST_PREFIX = "hst";
  static final String BOOKING_PREFIX = "bkg";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  private final byte[] bookingTokenKey;

  public Tokens(byte[] bookingTokenKey) {
    this.bookingTokenKey = bookingTokenKey.clone();
  }

  public static String newHostToken(String hostId) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return HOST_PREFIX + "." + hostId + "." + BASE64.encodeToString(secret);
  }

  public static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  public String bookingToken(String hostId, String bookingId) {
    return BOOKING_PREFIX + "." + hostId + "." + bookingId + "." + signature(hostId, bookingId);
  }

  /** The host id a host token names, when the text has a host token's shape. */
  public static Optional<String> hostIdOfHostToken(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length == 3 && parts[0].equals(HOST_PREFIX) && Ids.looksLikeId(parts[1]) && !parts[2].isEmpty()) {
      return Optional.of(parts[1]);
    }
    return Optional.empty();
  }

  /** A booking token whose signature is right, read into its host and booking ids. */
  public Optional<SignedBooking> verifyBookingToken(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals(BOOKING_PREFIX)) {
      return Optional.empty();
    }
    byte[] expected = signature(parts[1], parts[2]).getBytes(StandardCharsets.US_ASCII);
    byte[] presented = parts[3].getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, presented)
        ? Optional.of(new SignedBooking(parts[1], parts[2]))
        : Optional.empty();
  }

  public static boolean isBookingTokenShaped(String token) {
    return token.startsWith(BOOKING_PREFIX + ".");
  }

  public record SignedBooking(String hostId, String bookingId) {}

  private String signature(String hostId, String bookingId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(bookingTokenKey, "HmacSHA256"));
      byte[] signed = mac.doFinal((hostId + "." + bookingId).getBytes(StandardCharsets.UTF_8));
      return BASE64.encodeToString(signed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
