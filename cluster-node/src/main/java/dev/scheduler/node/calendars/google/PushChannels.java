package dev.scheduler.node.calendars.google;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Names and tokens of push channels. A channel id is {@code <connectionId>.<random>}, its token an
 * HMAC of the id, so any node can check a notification without a lookup, and a forged one is refused.
 */
public final class PushChannels {
  private final byte[] key;

  public PushChannels(byte[] key) {
    this.key = key.clone();
  }

  public String newChannelId(String connectionId) {
    return connectionId + "." + UUID.randomUUID().toString().replace("-", "");
  }

  public String tokenFor(String channelId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(channelId.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  public Optional<String> connectionOf(String channelId, String token) {
    int dot = channelId.indexOf('.');
    if (dot <= 0 || token.isEmpty()) {
      return Optional.empty();
    }
    byte[] expected = tokenFor(channelId).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.US_ASCII))
        ? Optional.of(channelId.substring(0, dot))
        : Optional.empty();
  }
}
