package dev.scheduler.node.provider.ics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduler.protocol.model.Interval;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IcsBusyTimeTest {

  private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

  @Nested
  class GoogleExport {
    private final String feed = feed("google-export.ics");

    @Test
    void weeklySeriesKeepsItsWallClockTimeAcrossTheEndOfDstWithExdateMovedAndCancelledInstances()
        throws IcsParseException {
      // Tuesdays 09:00-10:00 Amsterdam: CEST (+2) until 27 October, CET (+1) after.
      // 15 Oct is an EXDATE, 22 Oct moved to 14:00, 12 Nov cancelled.
      assertThat(IcsBusyTime.busyIntervals(feed, at("2024-10-01T00:00:00Z"), at("2024-11-20T00:00:00Z")))
          .containsExactly(
              interval("2024-10-01T07:00:00Z", "2024-10-01T08:00:00Z"),
              interval("2024-10-08T07:00:00Z", "2024-10-08T08:00:00Z"),
              interval("2024-10-22T12:00:00Z", "2024-10-22T13:00:00Z"),
              interval("2024-10-29T08:00:00Z", "2024-10-29T09:00:00Z"),
              interval("2024-11-05T08:00:00Z", "2024-11-05T09:00:00Z"),
              interval("2024-11-19T08:00:00Z", "2024-11-19T09:00:00Z"));
    }

    @Test
    void movedInstanceIsBusyAtItsNewTimeOnly() throws IcsParseException {
      assertThat(IcsBusyTime.busyIntervals(feed, at("2024-10-22T07:00:00Z"), at("2024-10-22T08:00:00Z")))
          .isEmpty();
      assertThat(IcsBusyTime.busyIntervals(feed, at("2024-10-22T12:30:00Z"), at("2024-10-22T12:45:00Z")))
          .containsExactly(interval("2024-10-22T12:00:00Z", "2024-10-22T13:00:00Z"));
    }

    @Test
    void cancelledEventAndCancelledInstanceAreNotBusy() throws IcsParseException {
      assertThat(IcsBusyTime.busyIntervals(feed, at("2024-10-09T00:00:00Z"), at("2024-10-10T00:00:00Z")))
          .isEmpty();
      assertThat(IcsBusyTime.busyIntervals(feed, at("2024-11-12T00:00:00Z"), at("2024-11-13T00:00:00Z")))
          .isEmpty();
    }

    @Test
    void transparentEventIsNotBusy() throws IcsParseException {
      assertThat(IcsBusyTime.busyIntervals(feed, at("2024-10-10T00:00:00Z"), at("2024-10-11T00:00:00Z")))
          .isEmpty();
    }
  }

  @Nested
  class OutlookExport {
    private final String feed = feed("outlook-export.ics");

    @Test
    void windowsZoneNameSeriesEndsAtItsUtcUntilAndAllDayEventUsesTheHostZone()
        throws IcsParseException {
      // Mondays 10:00-11:00 "W. Europe Standard Time" until 2024-11-04T09:00Z, which is the last
      // instance itself; all-day 30 Oct in Amsterdam; the 23 Oct block is free.
      assertThat(IcsBusyTime.busyIntervals(
              feed, at("2024-10-20T00:00:00Z"), at("2024-11-20T00:00:00Z"), AMSTERDAM))
          .containsExactly(
              interval("2024-10-21T08:00:00Z", "2024-10-21T09:00:00Z"),
              interval("2024-10-28T09:00:00Z", "2024-10-28T10:00:00Z"),
              interval("2024-10-29T23:00:00Z", "2024-10-30T23:00:00Z"),
              interval("2024-11-04T09:00:00Z", "2024-11-04T10:00:00Z"));
    }

    @Test
    void customTimeZoneIsReadFromTheFeedsVtimezone() throws IcsParseException {
      // US rules (DST from the 2nd Sunday of March, 14 March in 2027): EST before, EDT after.
      assertThat(IcsBusyTime.busyIntervals(feed, at("2027-03-01T00:00:00Z"), at("2027-04-01T00:00:00Z")))
          .containsExactly(
              interval("2027-03-10T14:00:00Z", "2027-03-10T15:00:00Z"),
              interval("2027-03-15T13:00:00Z", "2027-03-15T14:00:00Z"));
    }
  }

  @Test
  void allDayEventsRunFromLocalMidnightToLocalMidnightInTheFloatingZone() throws IcsParseException {
    String feed = feed("all-day.ics");
    // The three-day conference spans the end of US DST on 3 November: 73 hours.
    assertThat(IcsBusyTime.busyIntervals(
            feed, at("2024-11-01T00:00:00Z"), at("2024-11-10T00:00:00Z"), ZoneId.of("America/New_York")))
        .containsExactly(
            interval("2024-11-02T04:00:00Z", "2024-11-05T05:00:00Z"),
            interval("2024-11-07T05:00:00Z", "2024-11-08T05:00:00Z"));
    assertThat(IcsBusyTime.busyIntervals(
            feed, at("2024-11-01T00:00:00Z"), at("2024-11-10T00:00:00Z"), ZoneId.of("Asia/Tokyo")))
        .containsExactly(
            interval("2024-11-01T15:00:00Z", "2024-11-04T15:00:00Z"),
            interval("2024-11-06T15:00:00Z", "2024-11-07T15:00:00Z"));
  }

  @Test
  void withoutDtendDurationAppliesDateLastsADayAndDateTimeIsSkipped() throws IcsParseException {
    // P1D is a nominal day: 12:00 to 12:00 Amsterdam across the end of DST is 25 hours.
    assertThat(IcsBusyTime.busyIntervals(
            feed("no-dtend.ics"), at("2024-10-20T00:00:00Z"), at("2024-11-10T00:00:00Z")))
        .containsExactly(
            interval("2024-10-26T10:00:00Z", "2024-10-27T11:00:00Z"),
            interval("2024-11-04T09:00:00Z", "2024-11-04T09:45:00Z"),
            interval("2024-11-06T00:00:00Z", "2024-11-07T00:00:00Z"));
  }

  @Test
  void rdatePeriodsAndDateTimesAddInstances() throws IcsParseException {
    assertThat(IcsBusyTime.busyIntervals(
            feed("rdate-period.ics"), at("2024-11-01T00:00:00Z"), at("2024-11-10T00:00:00Z")))
        .containsExactly(
            interval("2024-11-04T09:00:00Z", "2024-11-04T10:00:00Z"),
            interval("2024-11-05T14:00:00Z", "2024-11-05T15:30:00Z"),
            interval("2024-11-07T09:00:00Z", "2024-11-07T11:00:00Z"),
            interval("2024-11-08T15:00:00Z", "2024-11-08T16:00:00Z"));
  }

  @Test
  void utcWindowsNameAndUnknownTzidWithFloatingTimesInUtcByDefault() throws IcsParseException {
    assertThat(IcsBusyTime.busyIntervals(
            feed("zones.ics"), at("2024-11-01T00:00:00Z"), at("2024-11-10T00:00:00Z")))
        .containsExactly(
            interval("2024-11-04T15:00:00Z", "2024-11-04T16:00:00Z"),
            interval("2024-11-05T09:00:00Z", "2024-11-05T10:00:00Z"),
            interval("2024-11-06T14:00:00Z", "2024-11-06T15:00:00Z"),
            interval("2024-11-07T09:00:00Z", "2024-11-07T10:00:00Z"));
  }

  @Test
  void floatingTimesAndUnknownTzidFollowTheGivenFloatingZone() throws IcsParseException {
    assertThat(IcsBusyTime.busyIntervals(
            feed("zones.ics"), at("2024-11-01T00:00:00Z"), at("2024-11-10T00:00:00Z"),
            ZoneId.of("Asia/Kolkata")))
        .containsExactly(
            interval("2024-11-04T15:00:00Z", "2024-11-04T16:00:00Z"),
            interval("2024-11-05T03:30:00Z", "2024-11-05T04:30:00Z"),
            interval("2024-11-06T14:00:00Z", "2024-11-06T15:00:00Z"),
            interval("2024-11-07T03:30:00Z", "2024-11-07T04:30:00Z"));
  }

  @Test
  void timesInADstGapMoveForwardAndRepeatedTimesMeanTheFirstOccurrence() throws IcsParseException {
    assertThat(IcsBusyTime.busyIntervals(
            feed("dst-edges.ics"), at("2025-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z")))
        .containsExactly(
            interval("2025-03-30T01:30:00Z", "2025-03-30T02:00:00Z"),
            interval("2025-10-26T00:30:00Z", "2025-10-26T02:30:00Z"));
  }

  @Test
  void overlappingAndTouchingEventsMerge() throws IcsParseException {
    assertThat(IcsBusyTime.busyIntervals(
            feed("overlapping.ics"), at("2024-11-04T00:00:00Z"), at("2024-11-05T00:00:00Z")))
        .containsExactly(
            interval("2024-11-04T09:00:00Z", "2024-11-04T11:00:00Z"),
            interval("2024-11-04T11:15:00Z", "2024-11-04T11:45:00Z"));
  }

  @Test
  void windowIsHalfOpenAndIntervalsAreNotClipped() throws IcsParseException {
    String feed = feed("overlapping.ics");
    // C ends exactly at the window's start and D starts exactly at its end.
    assertThat(IcsBusyTime.busyIntervals(feed, at("2024-11-04T11:00:00Z"), at("2024-11-04T11:15:00Z")))
        .isEmpty();
    assertThat(IcsBusyTime.busyIntervals(feed, at("2024-11-04T10:45:00Z"), at("2024-11-04T11:20:00Z")))
        .containsExactly(
            interval("2024-11-04T10:30:00Z", "2024-11-04T11:00:00Z"),
            interval("2024-11-04T11:15:00Z", "2024-11-04T11:45:00Z"));
  }

  @Test
  void windowWithNothingInItIsEmpty() throws IcsParseException {
    String feed = feed("daily-standup.ics");
    assertThat(IcsBusyTime.busyIntervals(feed, at("2025-01-11T00:00:00Z"), at("2025-01-13T00:00:00Z")))
        .isEmpty();
    assertThat(IcsBusyTime.busyIntervals(feed, at("2022-01-01T00:00:00Z"), at("2023-01-01T00:00:00Z")))
        .isEmpty();
  }

  @Test
  void unboundedSeriesOverSixtyDaysYieldsEachWeekdayOnce() throws IcsParseException {
    // 6 Jan (Mon) to 7 Mar 2025 (Fri, exclusive): 8 full weeks and Mon-Thu = 44 weekdays, all CET.
    List<Interval> busy = IcsBusyTime.busyIntervals(
        feed("daily-standup.ics"), at("2025-01-06T00:00:00Z"), at("2025-03-07T00:00:00Z"));

    assertThat(busy).hasSize(44);
    assertThat(busy.get(0)).isEqualTo(interval("2025-01-06T08:30:00Z", "2025-01-06T08:45:00Z"));
    assertThat(busy.get(43)).isEqualTo(interval("2025-03-06T08:30:00Z", "2025-03-06T08:45:00Z"));
    assertThat(busy).allSatisfy(i -> assertThat(i.start().atOffset(ZoneOffset.UTC).toLocalTime())
        .isEqualTo(LocalTime.of(8, 30)));
  }

  @Test
  void readingFeedsRegistersNoJvmWideTimeZones() throws IcsParseException {
    // ical4j's CalendarBuilder registers a ZoneRulesProvider on every parse; a poller must not.
    int before = ZoneId.getAvailableZoneIds().size();
    for (int i = 0; i < 3; i++) {
      IcsBusyTime.busyIntervals(feed("outlook-export.ics"), at("2027-03-01T00:00:00Z"), at("2027-04-01T00:00:00Z"));
    }
    assertThat(ZoneId.getAvailableZoneIds()).hasSize(before);
  }

  @Test
  void textThatIsNotACalendarIsRejectedWithAReadableMessage() {
    assertThatThrownBy(() -> IcsBusyTime.busyIntervals(
            feed("not-a-calendar.html"), at("2024-11-01T00:00:00Z"), at("2024-11-10T00:00:00Z")))
        .isInstanceOf(IcsParseException.class)
        .hasMessage("The calendar feed is not an iCalendar (.ics) file: it should start with"
            + " BEGIN:VCALENDAR but starts with \"<!DOCTYPE html>\".");
    assertThatThrownBy(() -> IcsBusyTime.busyIntervals(
            " \n", at("2024-11-01T00:00:00Z"), at("2024-11-10T00:00:00Z")))
        .isInstanceOf(IcsParseException.class)
        .hasMessage("The calendar feed is empty.");
  }

  @Test
  void truncatedFeedIsRejectedWithTheLine() {
    assertThatThrownBy(() -> IcsBusyTime.busyIntervals(
            feed("truncated.ics"), at("2024-11-01T00:00:00Z"), at("2024-11-10T00:00:00Z")))
        .isInstanceOf(IcsParseException.class)
        .hasMessageStartingWith("The calendar feed is malformed at line ")
        .hasMessageContaining("end of file");
  }

  @Test
  void unreadableValueNamesTheEvent() {
    assertThatThrownBy(() -> IcsBusyTime.busyIntervals(
            feed("bad-date.ics"), at("2024-11-01T00:00:00Z"), at("2024-11-10T00:00:00Z")))
        .isInstanceOf(IcsParseException.class)
        .hasMessage("The calendar feed has an event we cannot read (\"Planning\" starting"
            + " 2024-11-04 10:00): \"2024-11-04 10:00\" is not an iCalendar date or date-time");
  }

  @Test
  void ruleRepeatingMoreOftenThanHourlyIsRejectedRatherThanExpanded() {
    assertThatThrownBy(() -> IcsBusyTime.busyIntervals(
            feed("every-minute.ics"), at("2025-01-06T00:00:00Z"), at("2025-03-07T00:00:00Z")))
        .isInstanceOf(IcsParseException.class)
        .hasMessage("The calendar feed has an event we cannot read (\"Ticker\" starting"
            + " 20000101T000000Z): \"FREQ=MINUTELY;COUNT=100000000\" repeats more often than"
            + " hourly, which is not supported");
  }

  static String feed(String name) {
    try (InputStream in = IcsBusyTimeTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test feed " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Instant at(String instant) {
    return Instant.parse(instant);
  }

  static Interval interval(String start, String end) {
    return new Interval(Instant.parse(start), Instant.parse(end));
  }
}
