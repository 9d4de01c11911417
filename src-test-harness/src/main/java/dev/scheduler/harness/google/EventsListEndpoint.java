package dev.scheduler.harness.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * GET /calendar/v3/calendars/{calendarId}/events: full lists (time window, singleEvents expansion,
 * showDeleted, paging) and incremental sync with syncToken, which always includes deletions.
 */
final class EventsListEndpoint {
  /** Parameters Google refuses alongside a syncToken. */
  private static final List<String> NOT_WITH_SYNC_TOKEN = List.of("timeMin", "timeMax", "orderBy",
      "updatedMin", "iCalUID", "q", "privateExtendedProperty", "sharedExtendedProperty");
  private static final Set<String> DEFAULT_EVENT_TYPES = Set.of("default", "focusTime", "outOfOffice");
  private static final int DEFAULT_PAGE_SIZE = 250;
  private static final int MAX_PAGE_SIZE = 2500;

  /** An item with what ordering needs, rendered only once chosen. */
  private record Item(ObjectNode resource, Instant start, String updated) {}

  private final CalendarStore store;
  private final FaultScript faults;
  private final ListTokens tokens = new ListTokens();

  EventsListEndpoint(CalendarStore store, FaultScript faults) {
    this.store = store;
    this.faults = faults;
  }

  FakeResponse list(FakeRequest request, CalendarStore.FakeCalendar calendar) {
    int pageSize = pageSize(request.param("maxResults"));
    synchronized (store) {
      ListTokens.Cursor cursor;
      if (request.param("pageToken") != null) {
        cursor = tokens.cursor(request.param("pageToken"));
      } else {
        ListTokens.Snapshot snapshot = request.param("syncToken") != null
            ? incremental(request, calendar) : full(request, calendar);
        snapshot.emptyPagesLeft = faults.takeEmptyPages();
        cursor = new ListTokens.Cursor(snapshot, 0, 1);
      }
      return page(cursor, pageSize, calendar);
    }
  }

  private ListTokens.Snapshot full(FakeRequest request, CalendarStore.FakeCalendar calendar) {
    Instant timeMin = EventTime.queryBound("timeMin", request.param("timeMin"));
    Instant timeMax = EventTime.queryBound("timeMax", request.param("timeMax"));
    if (timeMin != null && timeMax != null && !timeMin.isBefore(timeMax)) {
      throw GoogleApiException.of(400, "timeRangeEmpty");
    }
    boolean singleEvents = request.flag("singleEvents", false);
    String orderBy = request.param("orderBy");
    if (orderBy != null && !orderBy.equals("updated")
        && !(orderBy.equals("startTime") && singleEvents)) {
      throw GoogleApiException.invalidParameter("invalid", "orderBy",
          "The requested ordering is not available for the particular query.");
    }
    Instant updatedMin = EventTime.queryBound("updatedMin", request.param("updatedMin"));
    // updatedMin always reports deletions, whatever showDeleted says.
    boolean showDeleted = request.flag("showDeleted", false) || updatedMin != null;
    ZoneId zone = zone(request, calendar);
    List<Item> items = new ArrayList<>();
    for (StoredEvent event : calendar.events.values()) {
      items.addAll(visible(event, calendar, zone, singleEvents, showDeleted, timeMin, timeMax));
    }
    items.removeIf(item -> !matchesFilters(item.resource(), request, updatedMin));
    Comparator<Item> order = "updated".equals(orderBy)
        ? Comparator.comparing(Item::updated) : Comparator.comparing(Item::start);
    items.sort(order);
    String nextSyncToken = tokens.issueSyncToken(new ListTokens.SyncState(calendar.id,
        calendar.syncEpoch, store.currentSeq(), singleEvents, timeMin, timeMax));
    return new ListTokens.Snapshot(render(items, calendar), nextSyncToken, null);
  }

  private ListTokens.Snapshot incremental(FakeRequest request, CalendarStore.FakeCalendar calendar) {
    for (String parameter : NOT_WITH_SYNC_TOKEN) {
      if (request.hasParam(parameter)) {
        throw GoogleApiException.invalidParameter("invalid", parameter,
            "The parameter " + parameter + " cannot be used together with syncToken.");
      }
    }
    if ("false".equals(request.param("showDeleted"))) {
      throw GoogleApiException.invalidParameter("invalid", "showDeleted",
          "Deletions are always included in an incremental sync; showDeleted=false is not allowed.");
    }
    String syncToken = request.param("syncToken");
    ListTokens.SyncState since = tokens.resolve(syncToken, calendar);
    if (request.flag("singleEvents", false) != since.singleEvents()) {
      throw GoogleApiException.invalidParameter("invalid", "singleEvents",
          "singleEvents must be the same as in the sync that issued the syncToken.");
    }
    ZoneId zone = zone(request, calendar);
    Map<String, Item> changed = new LinkedHashMap<>();
    calendar.events.values().stream().filter(e -> e.seq() > since.seq())
        .sorted(Comparator.comparingLong(StoredEvent::seq))
        .forEach(event -> changed(event, calendar, zone, since)
            .forEach(item -> changed.put(item.resource().get("id").asText(), item)));
    String nextSyncToken = tokens.issueSyncToken(new ListTokens.SyncState(calendar.id,
        calendar.syncEpoch, store.currentSeq(), since.singleEvents(), since.timeMin(),
        since.timeMax()));
    ListTokens.Snapshot snapshot = new ListTokens.Snapshot(
        render(new ArrayList<>(changed.values()), calendar), nextSyncToken, syncToken);
    snapshot.failOnPage = faults.takeIncrementalFailurePage();
    return snapshot;
  }

  /** What a full list shows of one stored event. */
  private List<Item> visible(StoredEvent event, CalendarStore.FakeCalendar calendar, ZoneId zone,
      boolean singleEvents, boolean showDeleted, Instant timeMin, Instant timeMax) {
    if (event.recurringEventId() != null) {
      // Expanded lists show exceptions through their series. Unexpanded ones show cancelled
      // exceptions even without showDeleted: that is how clients learn of removed instances.
      if (singleEvents || !placed(event.resource(), calendar, zone).overlaps(timeMin, timeMax)) {
        return List.of();
      }
      return List.of(item(event.resource(), calendar, zone));
    }
    if (event.cancelled() && !showDeleted) {
      return List.of();
    }
    if (!event.isSeriesMaster()) {
      return EventTime.of(event.resource(), zone).overlaps(timeMin, timeMax)
          ? List.of(item(event.resource(), calendar, zone)) : List.of();
    }
    List<ObjectNode> instances = RecurrenceExpander.instances(event.resource(),
        store.exceptionsOf(calendar, event.id()), zone, timeMin, timeMax, showDeleted);
    if (!singleEvents) {
      return instances.isEmpty() ? List.of()
          : List.of(item(event.resource(), calendar, zone));
    }
    return instances.stream().map(i -> item(i, calendar, zone)).toList();
  }

  /**
   * What an incremental sync reports for one changed stored event. An expanded sync re-sends the
   * instances of a changed series within the original window (deleted series: as cancelled).
   */
  private List<Item> changed(StoredEvent event, CalendarStore.FakeCalendar calendar, ZoneId zone,
      ListTokens.SyncState since) {
    if (!since.singleEvents() || !event.isSeriesMaster()) {
      return List.of(item(event.resource(), calendar, zone));
    }
    return RecurrenceExpander.instances(event.resource(), store.exceptionsOf(calendar, event.id()),
        zone, since.timeMin(), since.timeMax(), true).stream()
        .map(i -> item(i, calendar, zone)).toList();
  }

  private FakeResponse page(ListTokens.Cursor cursor, int pageSize,
      CalendarStore.FakeCalendar calendar) {
    ListTokens.Snapshot snapshot = cursor.snapshot();
    if (snapshot.failOnPage == cursor.pageNumber()) {
      tokens.invalidate(snapshot.usedSyncToken);
      throw GoogleApiException.of(410, "fullSyncRequired");
    }
    boolean emptyPage = snapshot.emptyPagesLeft > 0;
    int end = cursor.offset();
    if (emptyPage) {
      snapshot.emptyPagesLeft--;
    } else {
      end = Math.min(cursor.offset() + pageSize, snapshot.items.size());
    }
    ObjectNode body = envelope(calendar);
    body.putArray("items").addAll(snapshot.items.subList(cursor.offset(), end));
    // Exactly one of the two tokens: the sync token only once the last page is out.
    if (emptyPage || end < snapshot.items.size()) {
      body.put("nextPageToken", tokens.issuePageToken(
          new ListTokens.Cursor(snapshot, end, cursor.pageNumber() + 1)));
    } else {
      body.put("nextSyncToken", snapshot.nextSyncToken);
    }
    return FakeResponse.json(200, body);
  }

  private ObjectNode envelope(CalendarStore.FakeCalendar calendar) {
    String updated = calendar.events.values().stream().map(e -> GoogleJson.text(e.resource(), "updated"))
        .max(Comparator.naturalOrder()).orElse(GoogleJson.timestamp(Instant.EPOCH));
    ObjectNode body = GoogleJson.object().put("kind", "calendar#events")
        .put("etag", "\"" + store.currentSeq() + "\"").put("summary", calendar.summary)
        .put("updated", updated).put("timeZone", calendar.zone.getId()).put("accessRole", "owner");
    body.putArray("defaultReminders");
    return body;
  }

  private boolean matchesFilters(ObjectNode event, FakeRequest request, Instant updatedMin) {
    if (updatedMin != null && Instant.parse(GoogleJson.text(event, "updated")).isBefore(updatedMin)) {
      return false;
    }
    String iCalUid = request.param("iCalUID");
    if (iCalUid != null && !iCalUid.equals(GoogleJson.text(event, "iCalUID"))) {
      return false;
    }
    String q = request.param("q");
    if (q != null && !searchableText(event).contains(q.toLowerCase(Locale.ROOT))) {
      return false;
    }
    List<String> types = request.param("eventTypes") == null ? null
        : List.of(request.param("eventTypes").split(","));
    String type = GoogleJson.text(event, "eventType") == null ? "default" : GoogleJson.text(event, "eventType");
    return types == null ? DEFAULT_EVENT_TYPES.contains(type) : types.contains(type);
  }

  private static String searchableText(ObjectNode event) {
    StringBuilder text = new StringBuilder();
    for (String field : List.of("summary", "description", "location")) {
      text.append(' ').append(GoogleJson.text(event, field));
    }
    JsonNode attendees = event.get("attendees");
    if (attendees != null) {
      attendees.forEach(a -> text.append(' ').append(GoogleJson.text(a, "email"))
          .append(' ').append(GoogleJson.text(a, "displayName")));
    }
    return text.toString().toLowerCase(Locale.ROOT);
  }

  private static Item item(ObjectNode resource, CalendarStore.FakeCalendar calendar, ZoneId zone) {
    return new Item(resource, placed(resource, calendar, zone).start(),
        GoogleJson.text(resource, "updated"));
  }

  /** Where an event sits in time; a cancelled exception with no times sits at its original start. */
  private static EventTime placed(ObjectNode resource, CalendarStore.FakeCalendar calendar,
      ZoneId zone) {
    if (resource.has("start") && resource.has("end")) {
      return EventTime.of(resource, zone);
    }
    Instant original = EventTime.instant(resource.get("originalStartTime"), zone);
    return new EventTime(original, original);
  }

  private static List<ObjectNode> render(List<Item> items, CalendarStore.FakeCalendar calendar) {
    return items.stream().map(i -> "cancelled".equals(GoogleJson.text(i.resource(), "status"))
        ? EventResources.renderedCancelled(i.resource())
        : EventResources.rendered(i.resource(), calendar)).toList();
  }

  private static ZoneId zone(FakeRequest request, CalendarStore.FakeCalendar calendar) {
    String zone = request.param("timeZone");
    try {
      return zone == null ? calendar.zone : ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw GoogleApiException.invalidParameter("invalid", "timeZone", "Invalid time zone: " + zone);
    }
  }

  private static int pageSize(String maxResults) {
    if (maxResults == null) {
      return DEFAULT_PAGE_SIZE;
    }
    try {
      int size = Integer.parseInt(maxResults);
      if (size >= 1) {
        return Math.min(size, MAX_PAGE_SIZE);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw GoogleApiException.invalidParameter("invalid", "maxResults",
        "Invalid value '" + maxResults + "'. Values must be within the range: [1, 2500]");
  }
}
