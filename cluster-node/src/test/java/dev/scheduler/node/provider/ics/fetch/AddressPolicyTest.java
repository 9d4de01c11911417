package dev.scheduler.node.provider.ics.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

  @ParameterizedTest
  @ValueSource(strings = {
      // IPv4: both edges of each range
      "0.0.0.0", "0.255.255.255", "10.0.0.0", "10.255.255.255", "100.64.0.0", "100.127.255.255",
      "127.0.0.1", "127.255.255.254", "169.254.0.1", "169.254.169.254", "172.16.0.0", "172.31.255.255",
      "192.168.0.0", "192.168.255.255", "198.18.0.0", "198.19.255.255", "224.0.0.1", "239.255.255.255",
      "255.255.255.255", "240.0.0.1", "192.0.0.8", "192.0.2.1",
      // IPv6
      "::", "::1", "fc00::1", "fd00::1", "fdff:ffff::1", "fe80::1", "febf:ffff::1", "fec0::1", "ff02::1",
      "ff0e::1", "2001:db8::1",
      // IPv4 inside IPv6: mapped, compatible, NAT64, 6to4
      "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:169.254.169.254", "::ffff:100.64.0.1", "::ffff:198.18.0.1",
      "::127.0.0.1", "::10.0.0.1", "::192.168.1.1", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe",
      "2002:7f00:1::", "2002:a00:1::", "2002:c0a8:101::"})
  void refusesEveryNonPublicRange(String literal) {
    assertThat(AddressPolicy.isPublic(address(literal))).as(literal).isFalse();
    assertThat(AddressPolicy.PUBLIC_ONLY.permits(address(literal), 443)).as(literal).isFalse();
  }

  @Test
  void mappedFormsAreRefusedAlsoAsRawSixteenBytes() throws UnknownHostException {
    byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1};
    assertThat(AddressPolicy.isPublic(java.net.Inet6Address.getByAddress(null, mapped, -1))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0",
      "172.15.255.255", "172.32.0.0", "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0",
      "223.255.255.255", "169.253.255.255", "2001:4860:4860::8888", "2606:4700::1111", "::ffff:8.8.8.8",
      "64:ff9b::808:808", "2002:808:808::", "fbff:ffff::1", "fe00::1"})
  void allowsPublicAddresses(String literal) {
    assertThat(AddressPolicy.isPublic(address(literal))).as(literal).isTrue();
  }

  @Test
  void exceptionsAllowOneAddressAndPortOnly() {
    InetAddress loopback = address("127.0.0.1");
    var policy = new AddressPolicy(false, Set.of(new InetSocketAddress(loopback, 8443)));
    assertThat(policy.permits(loopback, 8443)).isTrue();
    assertThat(policy.permits(loopback, 8444)).isFalse();
    assertThat(policy.permits(address("127.0.0.2"), 8443)).isFalse();
    assertThat(new AddressPolicy(true, Set.of()).permits(address("10.0.0.1"), 80)).isTrue();
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
