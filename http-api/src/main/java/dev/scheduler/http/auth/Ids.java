package dev.scheduler.http.auth;

import java.security.SecureRandom;

/** Server-made identifiers: 20 characters of lowercase base32 (100 random bits), URL-safe. */
public final class Ids {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  public static final int LENGTH = 20;

  private Ids() {}

  public static String newId() {
    char[] id = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(id);
  }

  public static boolean looksLikeId(String text) {
    return text != null && text.matches("[a-z2-7]{" + LENGTH + "}");
  }
}
