package dev.scheduler.node.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  private static final String SECRET = "whsec_test-secret";
  private static final String BODY = "{\"id\":\"h-1\",\"type\":\"booking.created\"}";

  @Test
  void theHeaderIsTheHexHmacSha256OfTimeDotBody() {
    // Computed independently: printf '1700000000.{"id":"h-1","type":"booking.created"}' |
    //   openssl dgst -sha256 -hmac whsec_test-secret
    assertThat(WebhookSignature.header(SECRET, 1_700_000_000L, BODY))
        .isEqualTo("t=1700000000,v1=6ef638fc0c332834c0082229ee932151a22c5915e2fe88fa564488db4e612ead");
  }

  @Test
  void aReceiverVerifiesItAndRefusesAnyChange() {
    String header = WebhookSignature.header(SECRET, 1_700_000_000L, BODY);
    assertThat(WebhookSignature.verify(SECRET, header, BODY)).isTrue();
    assertThat(WebhookSignature.verify(SECRET, header, BODY + " ")).as("body changed").isFalse();
    assertThat(WebhookSignature.verify("whsec_other", header, BODY)).as("other secret").isFalse();
    assertThat(WebhookSignature.verify(SECRET, header.replace("t=1700000000", "t=1700000001"), BODY))
        .as("time changed").isFalse();
    assertThat(WebhookSignature.verify(SECRET, "v1=abc", BODY)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, "", BODY)).isFalse();
  }

  @Test
  void aKnownVector() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
    assertThat(WebhookSignature.hmac("Jefe", "what do ya want for nothing?"))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void secretsAreLongRandomAndDistinct() {
    SecureRandom random = new SecureRandom();
    String one = WebhookSignature.newSecret(random);
    String two = WebhookSignature.newSecret(random);
    assertThat(one).startsWith("whsec_").hasSize(6 + 43).isNotEqualTo(two);
  }
}
