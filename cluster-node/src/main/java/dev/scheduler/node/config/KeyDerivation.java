package dev.scheduler.node.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One node secret, one key per purpose (booking-token signatures, secrets at rest): HKDF-expand
 * with a single HMAC-SHA256 block, so a key leaked from one use says nothing about the others. The
 * same HMAC signs the node's own texts (OAuth state, push channel tokens) under a purpose key.
 */
public final class KeyDerivation {
  public static final String BOOKING_TOKENS = "scheduler/booking-token/v1";
  public static final String SECRETS_AT_REST = "scheduler/secret-box/v1";
  public static final String OAUTH_STATE = "scheduler/oauth-state/v1";
  public static final String PUSH_CHANNELS = "scheduler/push-channels/v1";

  private KeyDerivation() {}

  public static byte[] derive(byte[] nodeSecret, String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(nodeSecret, "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
