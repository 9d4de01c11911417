package dev.scheduler.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
  private static final String REFRESH_TOKEN = "1//0refresh-token-of-a-host";
  private final SecretBox box = new SecretBox(key(1));

  @Test
  void sealsAndOpensWithTheSameKeyAndOwner() {
    String sealed = box.seal(REFRESH_TOKEN, "connection-1");
    assertThat(sealed).doesNotContain(REFRESH_TOKEN);
    assertThat(new String(Base64.getDecoder().decode(sealed), StandardCharsets.ISO_8859_1)).doesNotContain(REFRESH_TOKEN);
    assertThat(new SecretBox(key(1)).open(sealed, "connection-1")).isEqualTo(REFRESH_TOKEN);
  }

  @Test
  void everySealIsDifferent() {
    assertThat(box.seal(REFRESH_TOKEN, "c")).isNotEqualTo(box.seal(REFRESH_TOKEN, "c"));
  }

  @Test
  void refusesAnotherKeyAnotherOwnerOrAnyChange() {
    String sealed = box.seal(REFRESH_TOKEN, "connection-1");
    assertThatThrownBy(() -> new SecretBox(key(2)).open(sealed, "connection-1"))
        .isInstanceOf(SecretBox.SecretBoxException.class).hasMessageNotContaining(REFRESH_TOKEN);
    assertThatThrownBy(() -> box.open(sealed, "connection-2")).isInstanceOf(SecretBox.SecretBoxException.class);
    byte[] bytes = Base64.getDecoder().decode(sealed);
    bytes[bytes.length - 1] ^= 1;
    assertThatThrownBy(() -> box.open(Base64.getEncoder().encodeToString(bytes), "connection-1"))
        .isInstanceOf(SecretBox.SecretBoxException.class);
    assertThatThrownBy(() -> box.open("not base64!", "connection-1")).isInstanceOf(SecretBox.SecretBoxException.class);
  }

  private static byte[] key(int seed) {
    byte[] key = new byte[32];
    key[0] = (byte) seed;
    return key;
  }
}
