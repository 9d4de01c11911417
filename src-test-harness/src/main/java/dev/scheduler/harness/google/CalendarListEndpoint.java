package dev.scheduler.harness.google;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * calendarList.list and .get (GET /calendar/v3/users/me/calendarList[/{calendarId}]) and
 * calendars.get. The fake's calendar list only grows, so a sync or page token is simply how many
 * entries the client has already seen.
 */
final class CalendarListEndpoint {
  private final CalendarStore store;

  CalendarListEndpoint(CalendarStore store) {
    this.store = store;
  }

  FakeResponse list(FakeRequest request, String user) {
    List<CalendarStore.FakeCalendar> calendars = store.calendarsOf(user);
    String syncToken = request.param("syncToken");
    if (syncToken != null && request.hasParam("minAccessRole")) {
      throw GoogleApiException.invalidParameter("invalid", "minAccessRole",
          "minAccessRole cannot be used together with syncToken.");
    }
    int from = position(syncToken != null ? syncToken : request.param("pageToken"), calendars.size());
    int pageSize = pageSize(request.param("maxResults"));
    int to = Math.min(from + pageSize, calendars.size());
    ObjectNode body = GoogleJson.object().put("kind", "calendar#calendarList")
        .put("etag", "\"" + calendars.size() + "\"");
    ArrayNode items = body.putArray("items");
    calendars.subList(from, to).forEach(c -> items.add(entry(c)));
    if (to < calendars.size()) {
      body.put("nextPageToken", "p" + to);
    } else {
      body.put("nextSyncToken", "s" + to);
    }
    return FakeResponse.json(200, body);
  }

  FakeResponse get(String user, String calendarId) {
    return FakeResponse.json(200, entry(store.calendarFor(user, calendarId)));
  }

  /** calendars.get: the calendar's own metadata, without the per-user list fields. */
  FakeResponse calendar(String user, String calendarId) {
    CalendarStore.FakeCalendar calendar = store.calendarFor(user, calendarId);
    return FakeResponse.json(200, GoogleJson.object().put("kind", "calendar#calendar")
        .put("etag", "\"1\"").put("id", calendar.id).put("summary", calendar.summary)
        .put("timeZone", calendar.zone.getId()));
  }

  private static ObjectNode entry(CalendarStore.FakeCalendar calendar) {
    ObjectNode entry = GoogleJson.object().put("kind", "calendar#calendarListEntry").put("etag", "\"1\"")
        .put("id", calendar.id).put("summary", calendar.summary)
        .put("timeZone", calendar.zone.getId()).put("accessRole", "owner")
        .put("selected", true);
    if (calendar.primary) {
      entry.put("primary", true);
    }
    entry.putArray("defaultReminders");
    return entry;
  }

  private static int pageSize(String maxResults) {
    try {
      return maxResults == null ? 100 : Math.max(1, Integer.parseInt(maxResults));
    } catch (NumberFormatException e) {
      throw GoogleApiException.invalidParameter("invalid", "maxResults", "Invalid value: " + maxResults);
    }
  }

  /** Tokens are "p"/"s" plus an offset; anything else is Google's 410 for an unusable token. */
  private static int position(String token, int size) {
    if (token == null) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(token.substring(1));
      if (offset >= 0 && offset <= size) {
        return offset;
      }
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      // reported below
    }
    throw GoogleApiException.of(410, "fullSyncRequired");
  }
}
