package dev.scheduler.protocol.connection;

import java.util.Locale;

/** How a calendar connection is doing, as the host sees it. */
public enum ConnectionStatus {
  /** Connected, first full sync not finished yet. */
  SYNCING,
  /** The last sync succeeded. */
  OK,
  /** Syncs are failing and being retried; the last known busy time still counts. */
  DEGRADED,
  /** The provider no longer accepts the grant; nothing is called until the host reconnects. */
  DISCONNECTED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
