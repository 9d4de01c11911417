package dev.scheduler.harness.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sync and page tokens events.list hands out. A list is computed once, on its first page, into
 * a snapshot; page tokens point into it, so changes made while a client pages show up in the next
 * incremental sync instead of shifting the pages. Guarded by the caller (the store's lock).
 */
final class ListTokens {
  /** What a sync token remembers of the full sync that produced it. */
  record SyncState(String calendarId, int epoch, long seq, boolean singleEvents, Instant timeMin,
      Instant timeMax) {}

  /** One computed result, served page by page. */
  static final class Snapshot {
    final List<ObjectNode> items;
    final String nextSyncToken;
    /** The token this incremental list was started with; null for a full list. */
    final String usedSyncToken;
    int emptyPagesLeft;
    /** Page number on which the scripted 410 hits, or 0 for none. */
    int failOnPage;

    Snapshot(List<ObjectNode> items, String nextSyncToken, String usedSyncToken) {
      this.items = items;
      this.nextSyncToken = nextSyncToken;
      this.usedSyncToken = usedSyncToken;
    }
  }

  /** Where a page token points. */
  record Cursor(Snapshot snapshot, int offset, int pageNumber) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, SyncState> syncTokens = new HashMap<>();
  private final Map<String, Cursor> cursors = new HashMap<>();

  String issueSyncToken(SyncState state) {
    String token = "C" + randomToken();
    syncTokens.put(token, state);
    return token;
  }

  /** The state behind a sync token, or Google's 410 when it is unknown or invalidated. */
  SyncState resolve(String token, CalendarStore.FakeCalendar calendar) {
    SyncState state = syncTokens.get(token);
    if (state == null || !state.calendarId().equals(calendar.id) || state.epoch() != calendar.syncEpoch) {
      throw GoogleApiException.of(410, "fullSyncRequired");
    }
    return state;
  }

  void invalidate(String syncToken) {
    syncTokens.remove(syncToken);
  }

  String issuePageToken(Cursor cursor) {
    String token = "E" + randomToken();
    cursors.put(token, cursor);
    return token;
  }

  Cursor cursor(String pageToken) {
    Cursor cursor = cursors.get(pageToken);
    if (cursor == null) {
      throw GoogleApiException.invalidParameter("invalid", "pageToken", "Invalid page token value.");
    }
    return cursor;
  }

  private String randomToken() {
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
