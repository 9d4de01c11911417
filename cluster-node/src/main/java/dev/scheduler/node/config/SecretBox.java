package dev.scheduler.node.config;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (OAuth tokens) with AES-256-GCM. The key is derived from the node's
 * secret key, so the same secret key opens the box on every node, and a changed or tampered
 * ciphertext is refused rather than decrypted into garbage. The associated data binds a ciphertext
 * to what it belongs to (a connection id), so a token cannot be moved to another connection.
 */
public final class SecretBox {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte VERSION = 1;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  public SecretBox(byte[] nodeSecretKey) {
    this.key = new SecretKeySpec(KeyDerivation.derive(nodeSecretKey, KeyDerivation.SECRETS_AT_REST), "AES");
  }

  /** {@code base64(version || nonce || ciphertext+tag)}. */
  public String seal(String plaintext, String associatedData) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, associatedData);
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length);
      out.put(VERSION).put(nonce).put(sealed);
      return Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /** The plaintext, or an exception when the box was sealed with another key, for other data, or altered. */
  public String open(String sealed, String associatedData) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(sealed);
    } catch (IllegalArgumentException e) {
      throw new SecretBoxException("not a sealed secret");
    }
    if (bytes.length < 1 + NONCE_BYTES + TAG_BITS / 8 || bytes[0] != VERSION) {
      throw new SecretBoxException("not a sealed secret of a known version");
    }
    try {
      byte[] nonce = java.util.Arrays.copyOfRange(bytes, 1, 1 + NONCE_BYTES);
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, associatedData);
      return new String(cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new SecretBoxException("the secret does not open with this node's key (wrong key, wrong owner, or altered)");
    }
  }

  private Cipher cipher(int mode, byte[] nonce, String associatedData) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  @Override
  public String toString() {
    return "SecretBox[AES-256-GCM]";
  }

  /** A sealed secret that cannot be opened. Its message never contains the secret. */
  public static final class SecretBoxException extends RuntimeException {
    SecretBoxException(String message) {
      super(message, null, false, false);
    }
  }
}
