package dev.scheduler.harness.cpu;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the process listening on a loopback node URL's port, from {@code /proc/net/tcp} and
 * {@code tcp6} (the socket's inode) and {@code /proc/<pid>/fd} (who holds it), so that a local
 * node's CPU is read from {@code /proc} without {@code --node-pids}. Only loopback URLs are looked
 * up: a node at another address may be on another machine or in another network namespace, where
 * the same port here would be somebody else's.
 */
public final class ListeningProcess {
  private static final String LISTEN = "0A";

  private ListeningProcess() {}

  /** The pid listening on {@code node}'s port; empty when not loopback, not found, or not visible. */
  public static Optional<Long> of(URI node) {
    return of(Path.of("/proc"), node);
  }

  static Optional<Long> of(Path proc, URI node) {
    if (node.getHost() == null || node.getPort() <= 0 || !isLoopback(node.getHost())) {
      return Optional.empty();
    }
    try {
      Set<String> inodes = new HashSet<>();
      for (String table : List.of("net/tcp", "net/tcp6")) {
        Path file = proc.resolve(table);
        if (Files.isReadable(file)) {
          inodes.addAll(listeningInodes(Files.readAllLines(file), node.getPort()));
        }
      }
      return inodes.isEmpty() ? Optional.empty() : holderOf(proc, inodes);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Inodes of sockets listening on {@code port} in a {@code /proc/net/tcp}-format table. */
  static Set<String> listeningInodes(List<String> table, int port) {
    Set<String> inodes = new HashSet<>();
    String hexPort = String.format(Locale.ROOT, "%04X", port);
    for (String line : table) {
      String[] f = line.trim().split("\\s+");
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      if (f.length > 9 && f[1].endsWith(":" + hexPort) && f[3].equals(LISTEN) && !f[9].equals("0")) {
        inodes.add(f[9]);
      }
    }
    return inodes;
  }

  private static Optional<Long> holderOf(Path proc, Set<String> inodes) throws IOException {
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path pid : pids) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(pid.resolve("fd"))) {
          for (Path fd : fds) {
            String target = readLink(fd);
            if (target != null && target.startsWith("socket:[")
                && inodes.contains(target.substring(8, target.length() - 1))) {
              return Optional.of(Long.parseLong(pid.getFileName().toString()));
            }
          }
        } catch (IOException | SecurityException e) {
          // another user's process, or gone: not ours to see
        }
      }
    }
    return Optional.empty();
  }

  private static String readLink(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
