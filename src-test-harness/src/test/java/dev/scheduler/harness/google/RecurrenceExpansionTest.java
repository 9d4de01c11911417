package dev.scheduler.harness.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecurrenceExpansionTest {
  private static final String USER = FakeGoogleCalendar.DEFAULT_USER;
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZonedDateTime JAN_7_9AM = ZonedDateTime.of(2030, 1, 7, 9, 0, 0, 0, BERLIN);
  private static final String SERIES = "standup0";

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

  /** Mondays 09:00 Berlin x6; Jan 14 excluded, Jan 21 moved to Tue 14:00, Jan 28 cancelled. */
  private void weeklySeriesWithExceptions() {
    fake.putEvent(USER, EventJson.timed(JAN_7_9AM, JAN_7_9AM.plusMinutes(30)).id(SERIES)
        .summary("Standup")
        .recurrence("RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6", "EXDATE;TZID=Europe/Berlin:20300114T090000"));
    ZonedDateTime tuesday = ZonedDateTime.of(2030, 1, 22, 14, 0, 0, 0, BERLIN);
    fake.moveInstance(USER, SERIES, JAN_7_9AM.plusWeeks(2).toInstant(), tuesday, tuesday.plusMinutes(30));
    fake.cancelInstance(USER, SERIES, JAN_7_9AM.plusWeeks(3).toInstant());
  }

  private List<Event> expanded(String timeMin, String timeMax) throws IOException {
    return client.events().list("primary").setSingleEvents(true).setOrderBy("startTime")
        .setTimeMin(new DateTime(timeMin)).setTimeMax(new DateTime(timeMax)).execute().getItems();
  }

  private static String start(Event event) {
    EventDateTime start = event.getStart();
    return (start.getDateTime() != null ? start.getDateTime() : start.getDate()).toStringRfc3339();
  }

  @Test
  void singleEventsExpandsTheSeriesWithExdateMovedAndCancelledInstances() throws Exception {
    weeklySeriesWithExceptions();

    List<Event> instances = expanded("2030-01-01T00:00:00Z", "2030-03-01T00:00:00Z");

    assertThat(instances).extracting(Event::getId).containsExactly(
        SERIES + "_20300107T080000Z", SERIES + "_20300121T080000Z",
        SERIES + "_20300204T080000Z", SERIES + "_20300211T080000Z");
    assertThat(instances).extracting(RecurrenceExpansionTest::start).containsExactly(
        "2030-01-07T09:00:00.000+01:00", "2030-01-22T14:00:00.000+01:00",
        "2030-02-04T09:00:00.000+01:00", "2030-02-11T09:00:00.000+01:00");
    Event moved = instances.get(1);
    assertThat(moved.getRecurringEventId()).isEqualTo(SERIES);
    assertThat(moved.getOriginalStartTime().getDateTime().getValue())
        .isEqualTo(JAN_7_9AM.plusWeeks(2).toInstant().toEpochMilli());
    assertThat(instances).allSatisfy(i -> assertThat(i.getRecurrence()).isNull());
    assertThat(instances).extracting(Event::getSummary).containsOnly("Standup");
  }

  @Test
  void unexpandedListShowsMasterAndExceptionsIncludingCancelledOnes() throws Exception {
    weeklySeriesWithExceptions();

    List<Event> items = client.events().list("primary").execute().getItems();

    assertThat(items).extracting(Event::getId, Event::getStatus).containsExactlyInAnyOrder(
        tuple(SERIES, "confirmed"),
        tuple(SERIES + "_20300121T080000Z", "confirmed"),
        tuple(SERIES + "_20300128T080000Z", "cancelled"));
  }

  @Test
  void windowCutsTheSeriesAndAnInstanceCanBeFetchedById() throws Exception {
    weeklySeriesWithExceptions();
    assertThat(expanded("2030-02-04T08:29:00Z", "2030-02-11T08:00:00Z"))
        .extracting(Event::getId).containsExactly(SERIES + "_20300204T080000Z");

    Event instance = client.events().get("primary", SERIES + "_20300211T080000Z").execute();
    assertThat(instance.getRecurringEventId()).isEqualTo(SERIES);
    assertThatThrownBy(() -> client.events().get("primary", SERIES + "_20300212T080000Z").execute())
        .isInstanceOfSatisfying(GoogleJsonResponseException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(404));
  }

  @Test
  void incrementalExpandedSyncReportsACancelledInstanceByIdAndOriginalStartOnly() throws Exception {
    weeklySeriesWithExceptions();
    String syncToken = client.events().list("primary").setSingleEvents(true).execute()
        .getNextSyncToken();

    fake.cancelInstance(USER, SERIES, JAN_7_9AM.plusWeeks(4).toInstant());

    List<Event> changes = client.events().list("primary").setSingleEvents(true)
        .setSyncToken(syncToken).execute().getItems();
    assertThat(changes).hasSize(1);
    Event cancelled = changes.get(0);
    assertThat(cancelled.getId()).isEqualTo(SERIES + "_20300204T080000Z");
    assertThat(cancelled.getStatus()).isEqualTo("cancelled");
    assertThat(cancelled.getRecurringEventId()).isEqualTo(SERIES);
    assertThat(cancelled.getOriginalStartTime()).isNotNull();
    assertThat(cancelled.getStart()).isNull();
    assertThat(cancelled.getSummary()).isNull();
  }

  @Test
  void biweeklyOnTwoDaysStopsAtUntil() throws Exception {
    ZonedDateTime start = JAN_7_9AM.withHour(10);
    fake.putEvent(USER, EventJson.timed(start, start.plusHours(1)).id("fortnight")
        .recurrence("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20300205T000000Z"));
    assertThat(expanded("2030-01-01T00:00:00Z", "2031-01-01T00:00:00Z"))
        .extracting(RecurrenceExpansionTest::start).containsExactly(
            "2030-01-07T10:00:00.000+01:00", "2030-01-09T10:00:00.000+01:00",
            "2030-01-21T10:00:00.000+01:00", "2030-01-23T10:00:00.000+01:00",
            "2030-02-04T10:00:00.000+01:00");
  }

  @Test
  void intervalCountsWeeksFromTheWeekHoldingAMidweekStart() throws Exception {
    ZonedDateTime wednesday = JAN_7_9AM.plusDays(2);
    fake.putEvent(USER, EventJson.timed(wednesday, wednesday.plusHours(1)).id("midstart0")
        .recurrence("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=4"));
    assertThat(expanded("2030-01-01T00:00:00Z", "2031-01-01T00:00:00Z"))
        .extracting(RecurrenceExpansionTest::start).containsExactly(
            "2030-01-09T09:00:00.000+01:00", "2030-01-21T09:00:00.000+01:00",
            "2030-01-23T09:00:00.000+01:00", "2030-02-04T09:00:00.000+01:00");
  }

  @Test
  void dailySeriesKeepsItsWallClockTimeAcrossTheDstChange() throws Exception {
    ZonedDateTime start = ZonedDateTime.of(2030, 3, 30, 9, 0, 0, 0, BERLIN);
    fake.putEvent(USER, EventJson.timed(start, start.plusHours(1)).id("dst000000")
        .recurrence("RRULE:FREQ=DAILY;COUNT=3"));
    assertThat(expanded("2030-03-01T00:00:00Z", "2030-05-01T00:00:00Z"))
        .extracting(RecurrenceExpansionTest::start).containsExactly(
            "2030-03-30T09:00:00.000+01:00", "2030-03-31T09:00:00.000+02:00",
            "2030-04-01T09:00:00.000+02:00");
  }

  @Test
  void allDaySeriesWithDateExdate() throws Exception {
    fake.putEvent(USER, EventJson.allDay(LocalDate.of(2030, 1, 7), LocalDate.of(2030, 1, 8))
        .id("vacation0").recurrence("RRULE:FREQ=WEEKLY;COUNT=3", "EXDATE;VALUE=DATE:20300114"));
    List<Event> instances = expanded("2030-01-01T00:00:00Z", "2030-02-01T00:00:00Z");
    assertThat(instances).extracting(Event::getId)
        .containsExactly("vacation0_20300107", "vacation0_20300121");
    assertThat(instances).extracting(RecurrenceExpansionTest::start)
        .containsExactly("2030-01-07", "2030-01-21");
  }

  @Test
  void recurrenceTheFakeCannotExpandIsRefusedLoudly() {
    Event monthly = new Event().setStart(new EventDateTime()
            .setDateTime(new DateTime("2030-01-07T09:00:00+01:00")).setTimeZone("Europe/Berlin"))
        .setEnd(new EventDateTime().setDateTime(new DateTime("2030-01-07T10:00:00+01:00"))
            .setTimeZone("Europe/Berlin"))
        .setRecurrence(List.of("RRULE:FREQ=MONTHLY;BYMONTHDAY=7"));
    assertThatThrownBy(() -> client.events().insert("primary", monthly).execute())
        .isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(400);
          assertThat(e.getDetails().getMessage()).contains("FREQ=DAILY or WEEKLY");
        });
  }
}
