package dev.scheduler.harness.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Users, their calendars and the events in them. One lock (this object) guards everything, so a
 * list computes over a consistent state. Every change takes the next sequence number, which sync
 * tokens remember, and is reported to the change listener (push channels).
 */
final class CalendarStore {
  /** One calendar; the primary calendar's id is its owner's email, as at Google. */
  static final class FakeCalendar {
    final String id;
    final String owner;
    final String summary;
    final ZoneId zone;
    final boolean primary;
    final Map<String, StoredEvent> events = new LinkedHashMap<>();
    /** Bumped to invalidate every sync token issued for this calendar so far. */
    int syncEpoch;

    FakeCalendar(String id, String owner, String summary, ZoneId zone, boolean primary) {
      this.id = id;
      this.owner = owner;
      this.summary = summary;
      this.zone = zone;
      this.primary = primary;
    }
  }

  /** Client-supplied ids: base32hex lowercase, 5 to 1024 characters. */
  private static final Pattern CLIENT_ID = Pattern.compile("[a-v0-9]{5,1024}");
  private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();

  private final Map<String, List<String>> calendarIdsByUser = new LinkedHashMap<>();
  private final Map<String, FakeCalendar> calendars = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Consumer<String> changeListener;
  private long seq;
  private Instant lastUpdated = Instant.EPOCH;
  private boolean silent;

  CalendarStore(Consumer<String> changeListener) {
    this.changeListener = changeListener;
  }

  static boolean isValidClientId(String id) {
    return CLIENT_ID.matcher(id).matches();
  }

  synchronized void addUser(String email, ZoneId zone) {
    if (calendarIdsByUser.containsKey(email)) {
      throw new IllegalArgumentException("user exists: " + email);
    }
    calendarIdsByUser.put(email, new ArrayList<>());
    addCalendar(email, email, email, zone, true);
  }

  synchronized void addCalendar(String owner, String id, String summary, ZoneId zone,
      boolean primary) {
    List<String> ids = calendarIdsByUser.get(owner);
    if (ids == null || calendars.containsKey(id)) {
      throw new IllegalArgumentException("unknown owner " + owner + " or duplicate calendar " + id);
    }
    calendars.put(id, new FakeCalendar(id, owner, summary, zone, primary));
    ids.add(id);
  }

  synchronized boolean hasUser(String email) {
    return calendarIdsByUser.containsKey(email);
  }

  /** The calendar an API path names for this user ("primary" or an id in their list), else 404. */
  synchronized FakeCalendar calendarFor(String user, String calendarId) {
    String id = "primary".equals(calendarId) ? user : calendarId;
    List<String> ids = calendarIdsByUser.get(user);
    if (ids == null || !ids.contains(id)) {
      throw GoogleApiException.of(404, "notFound");
    }
    return calendars.get(id);
  }

  /** A calendar by id (or an owner's email for their primary), for the test-side API. */
  synchronized FakeCalendar calendar(String id) {
    FakeCalendar calendar = calendars.get(id);
    if (calendar == null) {
      throw new IllegalArgumentException("no such fake calendar: " + id);
    }
    return calendar;
  }

  synchronized List<FakeCalendar> calendarsOf(String user) {
    return calendarIdsByUser.getOrDefault(user, List.of()).stream().map(calendars::get).toList();
  }

  synchronized long currentSeq() {
    return seq;
  }

  synchronized StoredEvent find(FakeCalendar calendar, String id) {
    return calendar.events.get(id);
  }

  /** Stored exceptions of a series, cancelled ones included. */
  synchronized List<ObjectNode> exceptionsOf(FakeCalendar calendar, String seriesId) {
    return calendar.events.values().stream().filter(e -> seriesId.equals(e.recurringEventId()))
        .map(StoredEvent::resource).toList();
  }

  /**
   * The stored event for an id; for an untouched instance of a live series, a new exception that
   * copies it, so that writes to seriesId_20240108T090000Z work as they do at Google. Null if none.
   */
  synchronized StoredEvent findOrMaterialize(FakeCalendar calendar, String id) {
    StoredEvent found = calendar.events.get(id);
    String seriesId = RecurrenceExpander.seriesIdOf(id);
    if (found != null || seriesId == null) {
      return found;
    }
    StoredEvent master = calendar.events.get(seriesId);
    if (master == null || master.cancelled() || !master.isSeriesMaster()) {
      return null;
    }
    ObjectNode instance = RecurrenceExpander.instanceById(master.resource(), id, calendar.zone);
    if (instance == null) {
      return null;
    }
    StoredEvent exception = new StoredEvent(EventResources.stored(instance, master.resource(), id,
        calendar, nextUpdated()), ++seq);
    calendar.events.put(id, exception);
    return exception;
  }

  /** events.insert: id null means Google picks one. */
  synchronized StoredEvent insert(FakeCalendar calendar, ObjectNode body, String id) {
    if (id != null && !isValidClientId(id)) {
      throw GoogleApiException.invalidParameter("invalid", "id", "Invalid resource id value.");
    }
    if (id != null && calendar.events.containsKey(id)) {
      // Deleted events keep their id reserved, so this also answers re-inserting one.
      throw GoogleApiException.of(409, "duplicate");
    }
    EventResources.validate(body, calendar.zone);
    String newId = id != null ? id : randomId();
    StoredEvent event = new StoredEvent(
        EventResources.stored(body, null, newId, calendar, nextUpdated()), ++seq);
    calendar.events.put(newId, event);
    changed(calendar);
    return event;
  }

  /** events.update and patch (after merging): replaces the resource, keeping server fields. */
  synchronized StoredEvent replace(FakeCalendar calendar, StoredEvent existing, ObjectNode body) {
    EventResources.validate(body, calendar.zone);
    ObjectNode resource = EventResources.stored(body, existing.resource(), existing.id(), calendar,
        nextUpdated());
    keepInstanceIdentity(existing.resource(), resource);
    existing.update(resource, ++seq);
    if (existing.cancelled() && existing.isSeriesMaster()) {
      cancelExceptions(calendar, existing.id());
    }
    changed(calendar);
    return existing;
  }

  /** events.delete: the event becomes a cancelled tombstone; a series takes its exceptions along. */
  synchronized void cancel(FakeCalendar calendar, StoredEvent event) {
    event.update(cancelledCopy(event.resource()), ++seq);
    if (event.isSeriesMaster()) {
      cancelExceptions(calendar, event.id());
    }
    changed(calendar);
  }

  /** Any sync token issued for this calendar so far now answers 410. */
  synchronized void invalidateSyncTokens(FakeCalendar calendar) {
    calendar.syncEpoch++;
  }

  /** Runs a change without notifying push channels (they were told before it happened). */
  synchronized void silently(Runnable change) {
    silent = true;
    try {
      change.run();
    } finally {
      silent = false;
    }
  }

  private void cancelExceptions(FakeCalendar calendar, String seriesId) {
    for (StoredEvent e : calendar.events.values()) {
      if (seriesId.equals(e.recurringEventId()) && !e.cancelled()) {
        e.update(cancelledCopy(e.resource()), ++seq);
      }
    }
  }

  private ObjectNode cancelledCopy(ObjectNode resource) {
    Instant updated = nextUpdated();
    ObjectNode copy = resource.deepCopy();
    copy.put("status", "cancelled").put("updated", GoogleJson.timestamp(updated))
        .put("etag", "\"" + (updated.toEpochMilli() * 1000) + "\"");
    return copy;
  }

  /** An exception stays tied to its series whatever the client sends. */
  private static void keepInstanceIdentity(ObjectNode previous, ObjectNode resource) {
    if (previous.has("recurringEventId")) {
      resource.put("recurringEventId", GoogleJson.text(previous, "recurringEventId"));
      resource.set("originalStartTime", previous.get("originalStartTime").deepCopy());
      resource.remove("recurrence");
    }
  }

  private void changed(FakeCalendar calendar) {
    if (!silent) {
      changeListener.accept(calendar.id);
    }
  }

  /** Strictly increasing, so "updated" orders changes even within one millisecond. */
  private Instant nextUpdated() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    lastUpdated = now.isAfter(lastUpdated) ? now : lastUpdated.plusMillis(1);
    return lastUpdated;
  }

  private String randomId() {
    char[] id = new char[26];
    for (int i = 0; i < id.length; i++) {
      id[i] = BASE32HEX[random.nextInt(BASE32HEX.length)];
    }
    return new String(id);
  }
}
