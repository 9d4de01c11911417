package dev.scheduler.node.provider;

/**
 * Where a read of an external calendar stands. With no sync token the read is a full sync of the
 * window; a page token continues a paged read. Google: syncToken / pageToken. Microsoft Graph:
 * deltaLink / nextLink of calendarView/delta. A polled ICS feed: its ETag or Last-Modified.
 */
public record SyncCursor(String syncToken, String pageToken) {

  public static SyncCursor fullSync() {
    return new SyncCursor(null, null);
  }

  public static SyncCursor incremental(String syncToken) {
    return new SyncCursor(syncToken, null);
  }

  public boolean isFullSync() {
    return syncToken == null;
  }

  public SyncCursor nextPage(String pageToken) {
    return new SyncCursor(syncToken, pageToken);
  }
}
