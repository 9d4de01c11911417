package dev.scheduler.harness.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import java.io.IOException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.util.function.Consumer;

class EventsSyncTest {
  private static final String USER = FakeGoogleCalendar.DEFAULT_USER;
  private static final ZonedDateTime MONDAY_9 = ZonedDateTime.of(2030, 3, 4, 9, 0, 0, 0,
      ZoneId.of("Europe/Berlin"));

  private FakeGoogleCalendar fake;
  private Calendar client;

  @BeforeEach
  void start() {
    fake = new FakeGoogleCalendar().start();
    client = RealGoogleClients.connected(fake, USER);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private String putHourAt(int dayOffset, String id) {
    ZonedDateTime start = MONDAY_9.plusDays(dayOffset);
    return fake.putEvent(USER, EventJson.timed(start, start.plusHours(1)).id(id).summary(id));
  }

  /** Pages through a list to the end, asserting exactly one token per page. */
  private String listAll(Calendar.Events.List request, List<Event> into) throws IOException {
    String pageToken = null;
    while (true) {
      Events page = request.setPageToken(pageToken).execute();
      assertThat(page.getNextPageToken() == null).as("exactly one of the tokens")
          .isNotEqualTo(page.getNextSyncToken() == null);
      into.addAll(page.getItems());
      if (page.getNextSyncToken() != null) {
        return page.getNextSyncToken();
      }
      pageToken = page.getNextPageToken();
    }
  }

  @Test
  void fullSyncPagesThenIncrementalSyncSeesAddedChangedAndDeletedEvents() throws Exception {
    for (int i = 0; i < 5; i++) {
      putHourAt(i, "event0000" + i);
    }
    List<Event> full = new ArrayList<>();
    String syncToken = listAll(client.events().list("primary").setMaxResults(2), full);
    assertThat(full).extracting(Event::getId).containsExactly(
        "event00000", "event00001", "event00002", "event00003", "event00004");
    assertThat(fake.requests().count("GET", "/calendar/v3/calendars/primary/events")).isEqualTo(3);

    putHourAt(7, "added0000");
    fake.modifyEvent(USER, "event00001", e -> e.put("summary", "renamed"));
    fake.deleteEvent(USER, "event00002");

    List<Event> changes = new ArrayList<>();
    String next = listAll(client.events().list("primary").setSyncToken(syncToken).setMaxResults(2),
        changes);
    assertThat(changes).extracting(Event::getId)
        .containsExactlyInAnyOrder("added0000", "event00001", "event00002");
    Event deleted = changes.stream().filter(e -> e.getId().equals("event00002")).findFirst().orElseThrow();
    assertThat(deleted.getStatus()).isEqualTo("cancelled");
    assertThat(deleted.getSummary()).isNull();
    assertThat(deleted.getStart()).isNull();
    assertThat(changes.stream().filter(e -> e.getId().equals("event00001")).findFirst().orElseThrow()
        .getSummary()).isEqualTo("renamed");

    Events nothingNew = client.events().list("primary").setSyncToken(next).execute();
    assertThat(nothingNew.getItems()).isEmpty();
    assertThat(nothingNew.getNextSyncToken()).isNotBlank();
  }

  @Test
  void fullSyncRequiredOnSecondPageOfIncrementalSync() throws Exception {
    putHourAt(0, "first0000");
    String syncToken = listAll(client.events().list("primary"), new ArrayList<>());
    putHourAt(1, "second000");
    putHourAt(2, "third0000");
    fake.faults().fullSyncRequiredOnIncrementalPage(2);

    Events firstPage = client.events().list("primary").setSyncToken(syncToken).setMaxResults(1)
        .execute();
    assertThat(firstPage.getItems()).hasSize(1);
    Consumer<GoogleJsonResponseException> isFullSyncRequired = e -> {
      assertThat(e.getStatusCode()).isEqualTo(410);
      assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("fullSyncRequired");
      assertThat(e.getDetails().getErrors().get(0).getDomain()).isEqualTo("calendar");
    };
    assertThatThrownBy(() -> client.events().list("primary").setSyncToken(syncToken)
        .setPageToken(firstPage.getNextPageToken()).setMaxResults(1).execute())
        .isInstanceOfSatisfying(GoogleJsonResponseException.class, isFullSyncRequired::accept);
    assertThatThrownBy(() -> client.events().list("primary").setSyncToken(syncToken).execute())
        .as("the token stays dead").isInstanceOfSatisfying(GoogleJsonResponseException.class,
            isFullSyncRequired::accept);

    List<Event> resync = new ArrayList<>();
    listAll(client.events().list("primary"), resync);
    assertThat(resync).hasSize(3);
  }

  @Test
  void emptyPageStillCarriesANextPageToken() throws Exception {
    putHourAt(0, "lone00000");
    fake.faults().emptyPagesInNextList(1);

    Events first = client.events().list("primary").execute();
    assertThat(first.getItems()).isEmpty();
    assertThat(first.getNextPageToken()).isNotBlank();
    assertThat(first.getNextSyncToken()).isNull();

    Events second = client.events().list("primary").setPageToken(first.getNextPageToken()).execute();
    assertThat(second.getItems()).extracting(Event::getId).containsExactly("lone00000");
    assertThat(second.getNextSyncToken()).isNotBlank();
  }

  @Test
  void syncTokenCannotBeCombinedWithATimeWindow() throws Exception {
    String syncToken = listAll(client.events().list("primary"), new ArrayList<>());
    assertThatThrownBy(() -> client.events().list("primary").setSyncToken(syncToken)
        .setTimeMin(new DateTime("2030-01-01T00:00:00Z")).execute())
        .isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(400);
          assertThat(e.getDetails().getErrors().get(0).getLocation()).isEqualTo("timeMin");
        });
    assertThatThrownBy(() -> client.events().list("primary").setSyncToken(syncToken)
        .setOrderBy("updated").execute())
        .isInstanceOfSatisfying(GoogleJsonResponseException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(400));
  }

  @Test
  void invalidatedSyncTokenAnswers410() throws Exception {
    String syncToken = listAll(client.events().list("primary"), new ArrayList<>());
    fake.invalidateSyncTokens(USER);
    assertThatThrownBy(() -> client.events().list("primary").setSyncToken(syncToken).execute())
        .isInstanceOfSatisfying(GoogleJsonResponseException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(410));
  }

  @Test
  void timeWindowBoundsAreExclusive() throws Exception {
    putHourAt(0, "nineoclock"); // 09:00-10:00 Berlin = 08:00-09:00Z
    assertThat(window("2030-03-04T09:00:00Z", "2030-03-05T00:00:00Z")).isEmpty();
    assertThat(window("2030-03-04T00:00:00Z", "2030-03-04T08:00:00Z")).isEmpty();
    assertThat(window("2030-03-04T08:59:00Z", "2030-03-04T08:59:30Z"))
        .extracting(Event::getId).containsExactly("nineoclock");
    assertThatThrownBy(() -> window("2030-03-04T09:00:00Z", "2030-03-04T09:00:00Z"))
        .isInstanceOfSatisfying(GoogleJsonResponseException.class,
            e -> assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("timeRangeEmpty"));
  }

  private List<Event> window(String timeMin, String timeMax) throws IOException {
    return client.events().list("primary").setTimeMin(new DateTime(timeMin))
        .setTimeMax(new DateTime(timeMax)).execute().getItems();
  }

  @Test
  void changesThatFreeTimeShowInIncrementalSync() throws Exception {
    putHourAt(0, "tentative");
    putHourAt(1, "freetime0");
    putHourAt(2, "invited00");
    String syncToken = listAll(client.events().list("primary"), new ArrayList<>());

    fake.modifyEvent(USER, "tentative", e -> e.put("status", "tentative"));
    fake.putEvent(USER, EventJson.timed(MONDAY_9.plusDays(1), MONDAY_9.plusDays(1).plusHours(1))
        .id("freetime0").transparent());
    fake.putEvent(USER, EventJson.timed(MONDAY_9.plusDays(2), MONDAY_9.plusDays(2).plusHours(1))
        .id("invited00").attendee("boss@example.com", "accepted").attendee(USER, "declined"));

    List<Event> changes = new ArrayList<>();
    listAll(client.events().list("primary").setSyncToken(syncToken), changes);
    assertThat(changes).extracting(Event::getId, Event::getStatus, Event::getTransparency)
        .containsExactly(tuple("tentative", "tentative", null), tuple("freetime0", "confirmed",
            "transparent"), tuple("invited00", "confirmed", null));
    assertThat(changes.get(2).getAttendees()).filteredOn(a -> Boolean.TRUE.equals(a.getSelf()))
        .singleElement().satisfies(a -> assertThat(a.getResponseStatus()).isEqualTo("declined"));
  }

  @Test
  void filtersByTextUpdatedMinAndEventType() throws Exception {
    putHourAt(0, "budget000");
    Thread.sleep(5);
    DateTime between = new DateTime(System.currentTimeMillis());
    Thread.sleep(5);
    fake.putEvent(USER, EventJson.timed(MONDAY_9.plusDays(1), MONDAY_9.plusDays(1).plusHours(1))
        .id("focus0000").summary("deep work")
        .eventType("focusTime"));
    fake.putEvent(USER, EventJson.timed(MONDAY_9.plusDays(2), MONDAY_9.plusDays(2).plusHours(1))
        .id("office000").eventType("workingLocation"));

    assertThat(client.events().list("primary").setQ("BUDGET").execute().getItems())
        .extracting(Event::getId).containsExactly("budget000");
    assertThat(client.events().list("primary").setUpdatedMin(between).execute().getItems())
        .extracting(Event::getId).containsExactly("focus0000");
    assertThat(client.events().list("primary").setEventTypes(List.of("workingLocation")).execute()
        .getItems()).extracting(Event::getId).containsExactly("office000");
    assertThat(client.events().list("primary").setOrderBy("updated").execute().getItems())
        .extracting(Event::getId).containsExactly("budget000", "focus0000");
  }

  @Test
  void deletedEventsShowOnlyWithShowDeleted() throws Exception {
    putHourAt(0, "keep00000");
    putHourAt(1, "gone00000");
    fake.deleteEvent(USER, "gone00000");
    assertThat(client.events().list("primary").execute().getItems()).extracting(Event::getId)
        .containsExactly("keep00000");
    assertThat(client.events().list("primary").setShowDeleted(true).execute().getItems())
        .extracting(Event::getId).containsExactly("keep00000", "gone00000");
  }
}
