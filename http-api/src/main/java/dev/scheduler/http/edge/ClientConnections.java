package dev.scheduler.http.edge;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections per client address, so that one address cannot take all of the node's
 * {@code max-connections}. Behind a proxy every client shares the proxy's address: raise the cap.
 */
final class ClientConnections {
  private final int maxPerClient;
  private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

  ClientConnections(int maxPerClient) {
    this.maxPerClient = maxPerClient;
  }

  /** Counts a new connection of {@code client}, or refuses it when that address holds the cap. */
  boolean tryOpen(InetAddress client) {
    boolean[] taken = {false};
    open.compute(client, (address, count) -> {
      int current = count == null ? 0 : count;
      if (current >= maxPerClient) {
        return count;
      }
      taken[0] = true;
      return current + 1;
    });
    return taken[0];
  }

  void closed(InetAddress client) {
    open.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
  }
}
