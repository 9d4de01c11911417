package dev.scheduler.protocol;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Server-made identifiers: 20 characters of lowercase base32 (100 random bits), URL-safe. */
public final class Ids {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  public static final int LENGTH = 20;
  private static final Pattern ID = Pattern.compile("[a-z2-7]{" + LENGTH + "}");

  private Ids() {}

  public static String newId() {
    // One read of the generator per id (each read takes its lock): 5 bits of each byte are used.
    byte[] random = new byte[LENGTH];
    RANDOM.nextBytes(random);
    char[] id = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      id[i] = ALPHABET[random[i] & 31];
    }
    return new String(id);
  }

  public static boolean looksLikeId(String text) {
    return text != null && ID.matcher(text).matches();
  }
}
