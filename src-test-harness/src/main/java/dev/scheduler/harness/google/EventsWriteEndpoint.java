package dev.scheduler.harness.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * events.get, insert, update (PUT), patch (PATCH, or POST with X-HTTP-Method-Override: PATCH) and
 * delete, including writes addressed to a single instance of a series.
 */
final class EventsWriteEndpoint {
  private static final Set<String> SEND_UPDATES = Set.of("all", "externalOnly", "none");

  private final CalendarStore store;

  EventsWriteEndpoint(CalendarStore store) {
    this.store = store;
  }

  /** A deleted event still answers 200, with status cancelled, as at Google. */
  FakeResponse get(CalendarStore.FakeCalendar calendar, String eventId) {
    synchronized (store) {
      StoredEvent event = store.find(calendar, eventId);
      ObjectNode resource = event != null ? event.resource() : untouchedInstance(calendar, eventId);
      if (resource == null) {
        throw GoogleApiException.of(404, "notFound");
      }
      return FakeResponse.json(200, EventResources.rendered(resource, calendar));
    }
  }

  /** Answers 200 (not 201) with the stored event, as Google does. */
  FakeResponse insert(FakeRequest request, CalendarStore.FakeCalendar calendar) {
    checkWriteParameters(request);
    ObjectNode body = request.jsonBody();
    StoredEvent event = store.insert(calendar, body, GoogleJson.text(body, "id"));
    return FakeResponse.json(200, EventResources.rendered(event.resource(), calendar));
  }

  FakeResponse update(FakeRequest request, CalendarStore.FakeCalendar calendar, String eventId) {
    checkWriteParameters(request);
    ObjectNode body = request.jsonBody();
    synchronized (store) {
      StoredEvent event = existing(request, calendar, eventId);
      return FakeResponse.json(200,
          EventResources.rendered(store.replace(calendar, event, body).resource(), calendar));
    }
  }

  FakeResponse patch(FakeRequest request, CalendarStore.FakeCalendar calendar, String eventId) {
    checkWriteParameters(request);
    ObjectNode patch = request.jsonBody();
    synchronized (store) {
      StoredEvent event = existing(request, calendar, eventId);
      ObjectNode merged = EventResources.merged(event.resource(), patch);
      return FakeResponse.json(200,
          EventResources.rendered(store.replace(calendar, event, merged).resource(), calendar));
    }
  }

  /** 204; a second delete of the same id is 410 deleted. */
  FakeResponse delete(FakeRequest request, CalendarStore.FakeCalendar calendar, String eventId) {
    checkWriteParameters(request);
    synchronized (store) {
      StoredEvent event = existing(request, calendar, eventId);
      if (event.cancelled()) {
        throw GoogleApiException.of(410, "deleted");
      }
      store.cancel(calendar, event);
      return FakeResponse.noContent();
    }
  }

  /** The event to write, an instance turned into an exception if need be; 404 or 412 otherwise. */
  private StoredEvent existing(FakeRequest request, CalendarStore.FakeCalendar calendar,
      String eventId) {
    StoredEvent event = store.findOrMaterialize(calendar, eventId);
    if (event == null) {
      throw GoogleApiException.of(404, "notFound");
    }
    String ifMatch = request.header("If-Match");
    if (ifMatch != null && !ifMatch.equals("*")
        && !ifMatch.equals(GoogleJson.text(event.resource(), "etag"))) {
      throw GoogleApiException.of(412, "conditionNotMet");
    }
    return event;
  }

  private ObjectNode untouchedInstance(CalendarStore.FakeCalendar calendar, String eventId) {
    String seriesId = RecurrenceExpander.seriesIdOf(eventId);
    StoredEvent master = seriesId == null ? null : store.find(calendar, seriesId);
    if (master == null || !master.isSeriesMaster()) {
      return null;
    }
    return RecurrenceExpander.instanceById(master.resource(), eventId, calendar.zone);
  }

  private static void checkWriteParameters(FakeRequest request) {
    String sendUpdates = request.param("sendUpdates");
    if (sendUpdates != null && !SEND_UPDATES.contains(sendUpdates)) {
      throw GoogleApiException.invalidParameter("invalid", "sendUpdates",
          "Invalid value for sendUpdates: " + sendUpdates);
    }
    String conferenceDataVersion = request.param("conferenceDataVersion");
    if (conferenceDataVersion != null && !conferenceDataVersion.matches("[01]")) {
      throw GoogleApiException.invalidParameter("invalid", "conferenceDataVersion",
          "Invalid value for conferenceDataVersion: " + conferenceDataVersion);
    }
  }
}
