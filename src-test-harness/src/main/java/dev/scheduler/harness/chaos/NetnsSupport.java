package dev.scheduler.harness.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether this machine lets us give each node a network namespace of its own: root, iproute2,
 * {@code ip netns add}, a bridge and veth pairs. Tried for real in a throwaway namespace, because
 * containers often have the tools but not the capability.
 */
public final class NetnsSupport {
  private static final Duration STEP = Duration.ofSeconds(10);

  private NetnsSupport() {}

  /** Empty when namespaces, bridges and veth pairs all work here; else the first thing that failed. */
  public static Optional<String> unavailableReason() {
    ShellCommand.Result uid = ShellCommand.run(List.of("id", "-u"), Map.of(), STEP);
    if (!uid.ok() || !uid.output().equals("0")) {
      return Optional.of("network namespaces need root, and this JVM runs as uid " + uid.output());
    }
    if (!ShellCommand.run(List.of("ip", "-V"), Map.of(), STEP).ok()) {
      return Optional.of("iproute2 (the ip command) is not installed");
    }
    String tag = Long.toString(ProcessHandle.current().pid() % 100000);
    String ns = "chaosprobe" + tag;
    String bridge = "cpbr" + tag;
    String veth = "cpv" + tag;
    try {
      for (List<String> step : List.of(
          List.of("ip", "netns", "add", ns),
          List.of("ip", "link", "add", bridge, "type", "bridge"),
          List.of("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns),
          List.of("ip", "link", "set", veth, "master", bridge, "up"),
          List.of("ip", "-n", ns, "link", "set", "eth0", "up"),
          List.of("ip", "-n", ns, "route", "add", "blackhole", "192.0.2.99/32"))) {
        ShellCommand.Result result = ShellCommand.run(step, Map.of(), STEP);
        if (!result.ok()) {
          return Optional.of("'" + String.join(" ", step) + "' failed (exit " + result.exitCode() + "): "
              + result.output());
        }
      }
      return Optional.empty();
    } finally {
      ShellCommand.run(List.of("ip", "link", "del", veth), Map.of(), STEP);
      ShellCommand.run(List.of("ip", "link", "del", bridge), Map.of(), STEP);
      ShellCommand.run(List.of("ip", "netns", "del", ns), Map.of(), STEP);
    }
  }
}
