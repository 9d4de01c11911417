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
  /**
   * Syncs failed in a way retrying soon will not fix (a feed over a limit, a refused address) or
   * failed many times in a row: the next read waits until the connection's retry time, which grows
   * with each quarantine in a row and holds across node restarts. The last known busy time counts.
   */
  QUARANTINED,
  /**
   * An operator paused the sync: the provider is not read (no polls, push or retries) until the sync
   * is resumed, across restarts. The last known busy time counts; bookings are still written to it.
   */
  PAUSED,
  /** The provider no longer accepts the grant; nothing is called until the host reconnects. */
  DISCONNECTED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
