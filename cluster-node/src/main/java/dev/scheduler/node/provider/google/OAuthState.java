package dev.scheduler.node.provider.google;

import dev.scheduler.node.config.KeyDerivation;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code state} of an OAuth flow: which host started it and until when it is good, signed so
 * the callback can trust it without any stored session. The PKCE verifier is derived from the same
 * signed nonce, so it need not be stored either, and it never leaves the node.
 */
public final class OAuthState {
  static final Duration LIFETIME = Duration.ofMinutes(15);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;

  public OAuthState(byte[] key) {
    this.key = key.clone();
  }

  public record Started(String state, String codeChallenge) {}

  public record Verified(String hostId, String codeVerifier) {}

  public Started start(String hostId, Instant now) {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    String payload = hostId + "." + now.plus(LIFETIME).getEpochSecond() + "." + B64.encodeToString(nonce);
    String state = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + sign("state:" + payload);
    return new Started(state, challengeOf(verifier(payload)));
  }

  /** The host and PKCE verifier of a state we made, if its signature holds and it has not expired. */
  public Optional<Verified> verify(String state, Instant now) {
    int dot = state.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String payload;
    try {
      payload = new String(Base64.getUrlDecoder().decode(state.substring(0, dot)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    byte[] expected = sign("state:" + payload).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, state.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    String[] parts = payload.split("\\.");
    if (parts.length != 3 || Instant.ofEpochSecond(Long.parseLong(parts[1])).isBefore(now)) {
      return Optional.empty();
    }
    return Optional.of(new Verified(parts[0], verifier(payload)));
  }

  private String verifier(String payload) {
    return sign("pkce:" + payload);
  }

  static String challengeOf(String verifier) {
    try {
      return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  String sign(String text) {
    return B64.encodeToString(KeyDerivation.derive(key, text));
  }

}
