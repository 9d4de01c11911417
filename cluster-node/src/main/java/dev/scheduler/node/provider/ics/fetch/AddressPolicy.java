package dev.scheduler.node.provider.ics.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Which addresses a feed may be read from: public unicast only, so that a pasted URL (or a redirect,
 * or a name that resolves to one) cannot reach the node's own network. Pure: the caller resolves
 * names once and asks about each address it got.
 *
 * @param allowPrivate every address is allowed ({@code scheduler.ics.allow-private-addresses})
 * @param allowedExceptions single address and port pairs allowed although not public (an intranet
 *     calendar server on purpose; tests)
 */
public record AddressPolicy(boolean allowPrivate, Set<InetSocketAddress> allowedExceptions) {

  public static final AddressPolicy PUBLIC_ONLY = new AddressPolicy(false, Set.of());

  private record Range(byte[] prefix, int bits) {
    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  private static final List<Range> NOT_PUBLIC_V4 = List.of(
      range("0.0.0.0", 8),        // "this network", the unspecified address
      range("10.0.0.0", 8),       // private
      range("100.64.0.0", 10),    // carrier-grade NAT
      range("127.0.0.0", 8),      // loopback
      range("169.254.0.0", 16),   // link-local, cloud metadata services
      range("172.16.0.0", 12),    // private
      range("192.0.0.0", 24),     // IETF protocol assignments
      range("192.0.2.0", 24),     // documentation
      range("192.168.0.0", 16),   // private
      range("198.18.0.0", 15),    // benchmarking
      range("198.51.100.0", 24),  // documentation
      range("203.0.113.0", 24),   // documentation
      range("224.0.0.0", 4),      // multicast
      range("240.0.0.0", 4));     // reserved, and 255.255.255.255 broadcast

  private static final List<Range> NOT_PUBLIC_V6 = List.of(
      range("::", 128),           // unspecified
      range("::1", 128),          // loopback
      range("fc00::", 7),         // unique-local
      range("fe80::", 10),        // link-local
      range("fec0::", 10),        // site-local (deprecated)
      range("ff00::", 8),         // multicast
      range("2001:db8::", 32),    // documentation
      range("100::", 64));        // discard

  /** IPv6 forms that carry an IPv4 address, judged by that address: mapped, compatible, NAT64. */
  private static final List<Range> EMBEDS_V4_AT_96 = List.of(
      range("::ffff:0:0", 96), range("::", 96), range("64:ff9b::", 96));

  /** 6to4 (2002::/16) carries its IPv4 address in bytes 2 to 5. */
  private static final Range SIX_TO_FOUR = range("2002::", 16);

  public boolean permits(InetAddress address, int port) {
    return allowPrivate || isPublic(address) || allowedExceptions.contains(new InetSocketAddress(address, port));
  }

  /** Public unicast: none of the special ranges above, in either family or any IPv4-in-IPv6 form. */
  public static boolean isPublic(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      return NOT_PUBLIC_V4.stream().noneMatch(r -> r.contains(bytes));
    }
    if (!(address instanceof Inet6Address)) {
      return false;
    }
    if (NOT_PUBLIC_V6.stream().anyMatch(r -> r.contains(bytes))) {
      return false;
    }
    if (EMBEDS_V4_AT_96.stream().anyMatch(r -> r.contains(bytes))) {
      return isPublic(v4(Arrays.copyOfRange(bytes, 12, 16)));
    }
    if (SIX_TO_FOUR.contains(bytes)) {
      return isPublic(v4(Arrays.copyOfRange(bytes, 2, 6)));
    }
    return true;
  }

  private static InetAddress v4(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are an IPv4 address", e);
    }
  }

  private static Range range(String literal, int bits) {
    try {
      // Literals only: getByName does no lookup for them. Mapped literals come back as IPv4, so
      // the mapped range is built from bytes.
      byte[] bytes = literal.equals("::ffff:0:0") ? mapped() : InetAddress.getByName(literal).getAddress();
      return new Range(bytes, bits);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(literal, e);
    }
  }

  private static byte[] mapped() {
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xff;
    bytes[11] = (byte) 0xff;
    return bytes;
  }
}
