package dev.scheduler.node.provider.ics;

import com.typesafe.config.Config;
import dev.scheduler.node.provider.ics.fetch.AddressPolicy;
import dev.scheduler.node.provider.ics.fetch.FeedLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code scheduler.ics} of calendars.conf: how feeds are read and how far they are expanded. */
public record IcsSettings(FeedLimits read, AddressPolicy addresses, IcsLimits expansion, long parseBudgetBytes) {

  public static IcsSettings from(Config config) {
    Config ics = config.getConfig("scheduler.ics");
    FeedLimits read = new FeedLimits(ics.getDuration("read-deadline"), ics.getDuration("connect-timeout"),
        ics.getBytes("max-bytes"), ics.getInt("max-redirects"));
    AddressPolicy addresses = new AddressPolicy(ics.getBoolean("allow-private-addresses"),
        exceptions(ics.getString("allowed-addresses")));
    // More than the host's calendar takes from one source would fail there instead, less clearly.
    int perSource = config.getInt("scheduler.limits.busy-intervals-per-source");
    IcsLimits expansion = new IcsLimits(ics.getInt("limits.instances-per-event"),
        ics.getInt("limits.instances-per-feed"), Math.min(perSource, ics.getInt("limits.intervals-per-feed")));
    return new IcsSettings(read, addresses, expansion, ics.getBytes("parse-budget"));
  }

  /** "10.1.2.3:443,[fd00::1]:8443" as address and port pairs; literals only, no lookup. */
  static Set<InetSocketAddress> exceptions(String list) {
    return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
        .map(IcsSettings::pair).collect(Collectors.toUnmodifiableSet());
  }

  private static InetSocketAddress pair(String entry) {
    int colon = entry.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("scheduler.ics.allowed-addresses: \"" + entry + "\" is not address:port");
    }
    String host = entry.substring(0, colon).replaceAll("^\\[|]$", "");
    if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      throw new IllegalArgumentException("scheduler.ics.allowed-addresses: \"" + entry + "\" needs an IP address");
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(entry.substring(colon + 1)));
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException("scheduler.ics.allowed-addresses: \"" + entry + "\" is not address:port", e);
    }
  }
}
