package dev.scheduler.node.provider.google;

import dev.scheduler.node.config.KeyDerivation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

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
    return Base64.getUrlEncoder().withoutPadding().encodeToString(KeyDerivation.derive(key, channelId));
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
