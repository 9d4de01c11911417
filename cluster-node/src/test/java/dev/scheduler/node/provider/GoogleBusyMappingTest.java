package dev.scheduler.node.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import dev.scheduler.node.provider.google.GoogleBusyMapping;
import dev.scheduler.protocol.model.Interval;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoogleBusyMappingTest {
  private static final ZoneId CALENDAR_ZONE = ZoneId.of("America/New_York");

  @Test
  void aTimedOpaqueEventIsBusyForItsInstants() {
    Event event = timed("2027-03-15T09:00:00-04:00", "2027-03-15T10:30:00-04:00");
    assertThat(GoogleBusyMapping.busyOf(event, CALENDAR_ZONE)).contains(
        new Interval(Instant.parse("2027-03-15T13:00:00Z"), Instant.parse("2027-03-15T14:30:00Z")));
  }

  @Test
  void cancelledTransparentAndDeclinedEventsAreNotBusy() {
    assertThat(GoogleBusyMapping.busyOf(timed("2027-03-15T09:00:00Z", "2027-03-15T10:00:00Z").setStatus("cancelled"),
        CALENDAR_ZONE)).isEmpty();
    assertThat(GoogleBusyMapping.busyOf(timed("2027-03-15T09:00:00Z", "2027-03-15T10:00:00Z").setTransparency("transparent"),
        CALENDAR_ZONE)).isEmpty();
    Event declined = timed("2027-03-15T09:00:00Z", "2027-03-15T10:00:00Z").setAttendees(List.of(
        new EventAttendee().setEmail("host@example.com").setSelf(true).setResponseStatus("declined"),
        new EventAttendee().setEmail("other@example.com").setResponseStatus("accepted")));
    assertThat(GoogleBusyMapping.busyOf(declined, CALENDAR_ZONE)).isEmpty();
    Event declinedByOther = timed("2027-03-15T09:00:00Z", "2027-03-15T10:00:00Z").setAttendees(List.of(
        new EventAttendee().setEmail("other@example.com").setResponseStatus("declined"),
        new EventAttendee().setEmail("host@example.com").setSelf(true).setResponseStatus("tentative")));
    assertThat(GoogleBusyMapping.busyOf(declinedByOther, CALENDAR_ZONE)).isPresent();
  }

  @Test
  void anAllDayEventBlocksWholeDaysInItsOwnZoneOrTheCalendars() {
    Event dayOff = new Event()
        .setStart(new EventDateTime().setDate(new DateTime("2027-03-15")))
        .setEnd(new EventDateTime().setDate(new DateTime("2027-03-17")));
    assertThat(GoogleBusyMapping.busyOf(dayOff, CALENDAR_ZONE)).contains(
        new Interval(Instant.parse("2027-03-15T04:00:00Z"), Instant.parse("2027-03-17T04:00:00Z")));
    dayOff.getStart().setTimeZone("Asia/Tokyo");
    dayOff.getEnd().setTimeZone("Asia/Tokyo");
    assertThat(GoogleBusyMapping.busyOf(dayOff, CALENDAR_ZONE)).contains(
        new Interval(Instant.parse("2027-03-14T15:00:00Z"), Instant.parse("2027-03-16T15:00:00Z")));
  }

  @Test
  void anAllDayEventAcrossSpringForwardIsTwentyThreeHoursLong() {
    Event sunday = new Event()
        .setStart(new EventDateTime().setDate(new DateTime("2027-03-14")))
        .setEnd(new EventDateTime().setDate(new DateTime("2027-03-15")));
    assertThat(GoogleBusyMapping.busyOf(sunday, CALENDAR_ZONE)).contains(
        new Interval(Instant.parse("2027-03-14T05:00:00Z"), Instant.parse("2027-03-15T04:00:00Z")));
  }

  @Test
  void aZeroLengthEventIsNotBusy() {
    assertThat(GoogleBusyMapping.busyOf(timed("2027-03-15T09:00:00Z", "2027-03-15T09:00:00Z"), CALENDAR_ZONE)).isEmpty();
  }

  private static Event timed(String start, String end) {
    return new Event()
        .setStatus("confirmed")
        .setStart(new EventDateTime().setDateTime(new DateTime(start)))
        .setEnd(new EventDateTime().setDateTime(new DateTime(end)));
  }
}
