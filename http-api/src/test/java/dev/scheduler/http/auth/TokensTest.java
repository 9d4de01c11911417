package dev.scheduler.http.auth;

import dev.scheduler.protocol.Ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduler.http.ApiError;
import dev.scheduler.protocol.calendar.Access;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokensTest {
  private final Tokens tokens = new Tokens(new byte[32]);
  private final Credentials credentials = new Credentials("the-admin", tokens);
  private final String host = Ids.newId();

  @Test
  void aBookingTokenVerifiesOnlyWithItsKeyAndIsStable() {
    String token = tokens.bookingToken(host, "booking1");
    assertThat(tokens.bookingToken(host, "booking1")).isEqualTo(token);
    assertThat(tokens.verifyBookingToken(token)).contains(new Tokens.SignedBooking(host, "booking1"));
    byte[] otherKey = new byte[32];
    otherKey[0] = 1;
    assertThat(new Tokens(otherKey).verifyBookingToken(token)).isEmpty();
    assertThat(tokens.verifyBookingToken(token.replace("booking1", "booking2"))).isEmpty();
  }

  @Test
  void hostTokensNameTheirHostAndAreKeptOnlyAsAHash() {
    String token = Tokens.newHostToken(host);
    assertThat(Tokens.hostIdOfHostToken(token)).contains(host);
    assertThat(credentials.accessTo(host, Optional.of(token))).isEqualTo(Access.hostToken(Tokens.sha256Hex(token)));
    assertThat(Tokens.sha256Hex(token)).hasSize(64).doesNotContain(token);
  }

  @Test
  void credentialsTellAdminHostBookingAndStrangers() {
    assertThat(credentials.accessTo(host, Optional.empty())).isEqualTo(Access.anonymous());
    assertThat(credentials.accessTo(host, Optional.of("the-admin"))).isEqualTo(Access.asAdmin());
    assertThat(credentials.accessTo(host, Optional.of(tokens.bookingToken(host, "b1")))).isEqualTo(Access.bookingToken("b1"));
    assertRefused(() -> credentials.accessTo(host, Optional.of(Tokens.newHostToken(Ids.newId()))), "forbidden");
    assertRefused(() -> credentials.accessTo(host, Optional.of(tokens.bookingToken(Ids.newId(), "b1"))), "forbidden");
    assertRefused(() -> credentials.accessTo(host, Optional.of("bkg.x.y.z")), "unauthorized");
    assertRefused(() -> credentials.accessTo(host, Optional.of("nonsense")), "unauthorized");
  }

  private static void assertRefused(Runnable call, String code) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiError.class,
        e -> assertThat(e.rejection().code().wireName()).isEqualTo(code));
  }
}
