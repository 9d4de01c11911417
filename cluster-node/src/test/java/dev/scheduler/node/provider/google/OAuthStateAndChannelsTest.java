package dev.scheduler.node.provider.google;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OAuthStateAndChannelsTest {
  private static final Instant NOW = Instant.parse("2027-03-01T12:00:00Z");
  private final OAuthState states = new OAuthState(new byte[32]);

  @Test
  void aStateNamesItsHostAndItsVerifierMatchesTheChallenge() {
    OAuthState.Started started = states.start("host1234567890abcdef", NOW);
    OAuthState.Verified verified = states.verify(started.state(), NOW.plusSeconds(60)).orElseThrow();
    assertThat(verified.hostId()).isEqualTo("host1234567890abcdef");
    assertThat(OAuthState.challengeOf(verified.codeVerifier())).isEqualTo(started.codeChallenge());
    assertThat(verified.codeVerifier()).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
    assertThat(started.state()).doesNotContain(verified.codeVerifier());
  }

  @Test
  void anExpiredForgedOrForeignStateIsRefused() {
    String state = states.start("host1234567890abcdef", NOW).state();
    assertThat(states.verify(state, NOW.plus(OAuthState.LIFETIME).plus(Duration.ofSeconds(1)))).isEmpty();
    assertThat(new OAuthState(key(7)).verify(state, NOW)).isEmpty();
    String otherHost = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("hostOTHER0000000000." + NOW.plusSeconds(600).getEpochSecond() + ".bm9uY2U").getBytes());
    assertThat(states.verify(otherHost + state.substring(state.indexOf('.')), NOW)).isEmpty();
    assertThat(states.verify("garbage", NOW)).isEmpty();
    assertThat(states.verify("!!!.x", NOW)).isEmpty();
  }

  @Test
  void channelTokensProveTheirChannelAndNameItsConnection() {
    PushChannels channels = new PushChannels(new byte[32]);
    String channelId = channels.newChannelId("conn1234567890abcdef");
    String token = channels.tokenFor(channelId);
    assertThat(channels.connectionOf(channelId, token)).contains("conn1234567890abcdef");
    assertThat(channels.connectionOf(channelId, token + "x")).isEmpty();
    assertThat(channels.connectionOf("connOTHER.123", token)).isEmpty();
    assertThat(channels.connectionOf(channelId, "")).isEmpty();
    assertThat(new PushChannels(key(3)).connectionOf(channelId, token)).isEmpty();
  }

  private static byte[] key(int seed) {
    byte[] key = new byte[32];
    key[0] = (byte) seed;
    return key;
  }
}
