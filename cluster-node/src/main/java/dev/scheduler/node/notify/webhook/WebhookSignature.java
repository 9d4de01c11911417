package dev.scheduler.node.notify.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Scheduler-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">},
 * keyed with the subscription's secret (its UTF-8 bytes, the whole {@code whsec_...} string).
 * Pure: no clock, no I/O.
 */
public final class WebhookSignature {
  public static final String HEADER = "Scheduler-Signature";
  public static final String EVENT_ID_HEADER = "Scheduler-Event-Id";
  private static final String PREFIX = "whsec_";
  private static final int SECRET_BYTES = 32;

  private WebhookSignature() {}

  /** A new secret: {@code whsec_} and 32 bytes of SecureRandom, base64url without padding. */
  public static String newSecret(SecureRandom random) {
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String header(String secret, long unixSeconds, String body) {
    return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
  }

  /**
   * What a receiver does: the header's {@code v1} equals the HMAC of {@code "<t>.<body>"}, compared
   * in constant time. (A receiver also refuses a {@code t} too far from its own clock.)
   */
  public static boolean verify(String secret, String header, String body) {
    String t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      String[] pair = part.trim().split("=", 2);
      if (pair.length == 2 && pair[0].equals("t")) {
        t = pair[1];
      } else if (pair.length == 2 && pair[0].equals("v1")) {
        v1 = pair[1];
      }
    }
    if (t == null || v1 == null || !t.matches("[0-9]{1,12}")) {
      return false;
    }
    return MessageDigest.isEqual(hmac(secret, t + "." + body).getBytes(StandardCharsets.US_ASCII),
        v1.getBytes(StandardCharsets.US_ASCII));
  }

  static String hmac(String secret, String signed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
