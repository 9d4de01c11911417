package dev.scheduler.node.provider;

import dev.scheduler.protocol.model.Interval;

/**
 * An external calendar that busy time is read from, incrementally. One instance per connection,
 * holding that connection's credentials. Implementations: Google Calendar, ICS feeds; Microsoft
 * Graph fits too (calendarView/delta over the window, nextLink pages, deltaLink as the sync token,
 * {@code @removed} items as not busy, 410 syncStateNotFound as {@link ProviderException.SyncTokenExpired}).
 */
public interface BusyTimeSource {

  /**
   * Reads one page. A full-sync cursor reads the events overlapping {@code window}; an incremental
   * cursor reads what changed since its token (the window is then the one of the full sync).
   *
   * @throws ProviderException.SyncTokenExpired when the provider wants a new full sync
   */
  ChangePage read(String calendarId, SyncCursor cursor, Interval window) throws ProviderException;

  /** Ends any read in progress and every later one: the connection is gone. Blocking reads must return. */
  default void close() {}
}
