package dev.scheduler.harness.baseline;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Ids and host API tokens shaped like the node's (ids: 20 characters of base32); SHA-256 in hex. */
final class IdsAndTokens {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  private IdsAndTokens() {}

  static String newId() {
    char[] id = new char[20];
    for (int i = 0; i < id.length; i++) {
      id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(id);
  }

  /** Shaped like the node's host tokens; only its SHA-256 is stored. */
  static String newHostToken(String hostId) {
    return "hst." + hostId + "." + randomText(32);
  }

  static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String randomText(int bytes) {
    byte[] secret = new byte[bytes];
    RANDOM.nextBytes(secret);
    return BASE64.encodeToString(secret);
  }
}
