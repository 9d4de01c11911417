package dev.scheduler.node.domain;

import static dev.scheduler.node.domain.Fixtures.UTC;
import static dev.scheduler.node.domain.Fixtures.at;
import static dev.scheduler.node.domain.Fixtures.busy;
import static dev.scheduler.node.domain.Fixtures.confirmed;
import static dev.scheduler.node.domain.Fixtures.instants;
import static dev.scheduler.node.domain.Fixtures.range;
import static dev.scheduler.node.domain.Fixtures.starts;
import static dev.scheduler.node.domain.Fixtures.weekly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.BookingWindow;
import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.Schedule;
import dev.scheduler.protocol.model.Slot;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One rule at a time, mostly in UTC so that only the rule under test can move a slot. */
class AvailabilityRulesTest {
  /** Mondays 09:00-12:00 UTC; the tests ask about Monday 2024-06-10. */
  private static final Schedule MONDAY_MORNING =
      weekly(UTC, DayOfWeek.MONDAY, range("09:00", "12:00"));
  private static final Instant MONDAY = at("2024-06-10T00:00:00Z");
  private static final Instant TUESDAY = at("2024-06-11T00:00:00Z");
  private static final Instant SUNDAY_NOON = at("2024-06-09T12:00:00Z");

  @Test
  void buffersKeepTheSlotClearOfBusyTime() {
    EventType buffered = EventTypeBuilder.minutes(30).buffers(10, 15).build();
    List<Interval> busy = List.of(busy("2024-06-10T10:45:00Z", "2024-06-10T11:00:00Z"));

    // 10:00 ends with its buffer exactly at 10:45; 11:00's buffer before reaches back to 10:50.
    assertThat(mondayStarts(buffered, busy, List.of()))
        .isEqualTo(instants("2024-06-10T09:00:00Z", "2024-06-10T09:30:00Z",
            "2024-06-10T10:00:00Z", "2024-06-10T11:30:00Z"));
  }

  @Test
  void bookingsBlockTheirOwnStoredBuffersNotTheEventTypes() {
    EventType unbuffered = EventTypeBuilder.minutes(30).build();
    Booking withBufferAfter =
        confirmed("other-type", "2024-06-10T10:00:00Z", "2024-06-10T10:30:00Z", 0, 30);

    assertThat(mondayStarts(unbuffered, List.of(), List.of(withBufferAfter)))
        .isEqualTo(instants("2024-06-10T09:00:00Z", "2024-06-10T09:30:00Z",
            "2024-06-10T11:00:00Z", "2024-06-10T11:30:00Z"));
  }

  @Test
  void slotBuffersMustAlsoClearABookingWithoutBuffers() {
    EventType buffered = EventTypeBuilder.minutes(30).buffers(30, 0).build();
    Booking plain = confirmed("other-type", "2024-06-10T10:00:00Z", "2024-06-10T10:30:00Z", 0, 0);

    assertThat(mondayStarts(buffered, List.of(), List.of(plain)))
        .isEqualTo(instants("2024-06-10T09:00:00Z", "2024-06-10T09:30:00Z",
            "2024-06-10T11:00:00Z", "2024-06-10T11:30:00Z"));
  }

  @Test
  void minimumNoticeIsInclusive() {
    EventType hourNotice = EventTypeBuilder.minutes(30).notice(60).build();
    Instant now = at("2024-06-10T09:00:00Z");

    assertThat(starts(offered(MONDAY_MORNING, hourNotice, List.of(), List.of(), now)))
        .isEqualTo(instants("2024-06-10T10:00:00Z", "2024-06-10T10:30:00Z",
            "2024-06-10T11:00:00Z", "2024-06-10T11:30:00Z"));
    assertThat(isOffered(MONDAY_MORNING, hourNotice, at("2024-06-10T09:30:00Z"), now)).isFalse();
    assertThat(isOffered(MONDAY_MORNING, hourNotice, at("2024-06-10T10:00:00Z"), now)).isTrue();
  }

  @Test
  void bookingWindowExcludesItsEnd() {
    Schedule everyMorning = Fixtures.everyDay(UTC, range("09:00", "10:00"));
    Instant now = at("2024-06-10T09:00:00Z");
    Instant nextMorning = at("2024-06-11T09:00:00Z");

    EventType oneDay = EventTypeBuilder.minutes(60).windowDays(1).build();
    EventType twoDays = EventTypeBuilder.minutes(60).windowDays(2).build();

    assertThat(isOffered(everyMorning, oneDay, now, now)).isTrue();
    assertThat(isOffered(everyMorning, oneDay, nextMorning, now)).isFalse();
    assertThat(isOffered(everyMorning, twoDays, nextMorning, now)).isTrue();
  }

  @Test
  void anIndefiniteWindowOffersSlotsFarAheadButNotPastTheSupportedDates() {
    EventType indefinite = EventTypeBuilder.minutes(30).window(BookingWindow.indefinite()).build();
    EventType yearAhead = EventTypeBuilder.minutes(30).windowDays(365).build();
    Instant twoYearsOn = at("2026-06-08T09:00:00Z"); // a Monday

    assertThat(isOffered(MONDAY_MORNING, indefinite, twoYearsOn, SUNDAY_NOON)).isTrue();
    assertThat(isOffered(MONDAY_MORNING, yearAhead, twoYearsOn, SUNDAY_NOON)).isFalse();
    assertThat(isOffered(MONDAY_MORNING, indefinite, at("+10000-01-03T09:00:00Z"), SUNDAY_NOON)).isFalse();
  }

  /** New York springs forward on 2027-03-14: its two dates are 24 and 23 hours long, each in full. */
  @Test
  void aDateRangeIsWholeLocalDaysAcrossSpringForward() {
    ZoneId newYork = ZoneId.of("America/New_York");
    List<Instant> starts = allDayHourlyStarts(newYork, "2027-03-13", "2027-03-14");

    assertThat(starts).hasSize(24 + 23);
    assertThat(starts.get(0)).isEqualTo(at("2027-03-13T05:00:00Z")); // 00:00 EST
    assertThat(starts.get(starts.size() - 1)).isEqualTo(at("2027-03-15T03:00:00Z")); // 23:00 EDT
  }

  /** Amsterdam falls back on 2027-10-31: that date has 25 hours, all in the range. */
  @Test
  void aDateRangeIsWholeLocalDaysAcrossFallBack() {
    List<Instant> starts = allDayHourlyStarts(ZoneId.of("Europe/Amsterdam"), "2027-10-31", "2027-10-31");

    assertThat(starts).hasSize(25);
    assertThat(starts.get(0)).isEqualTo(at("2027-10-30T22:00:00Z")); // 00:00 CEST
    assertThat(starts.get(24)).isEqualTo(at("2027-10-31T22:00:00Z")); // 23:00 CET
  }

  /** Santiago springs forward at midnight: 2027-09-05 begins at 01:00, and Saturday 23:00 is not in it. */
  @Test
  void aDateRangeStartsWhereItsFirstDateBeginsWhenDstSkipsMidnight() {
    List<Instant> starts = allDayHourlyStarts(ZoneId.of("America/Santiago"), "2027-09-05", "2027-09-05");

    assertThat(starts).hasSize(23);
    assertThat(starts.get(0)).isEqualTo(at("2027-09-05T04:00:00Z")); // 01:00 -03
    assertThat(starts.get(22)).isEqualTo(at("2027-09-06T02:00:00Z")); // 23:00 -03
  }

  /** 21:00 in New York on Monday is already Tuesday in UTC; it still fills Monday. */
  @Test
  void dailyCapCountsBookingsByTheScheduleZonesDate() {
    ZoneId newYork = ZoneId.of("America/New_York");
    Schedule weekdayMornings = new Schedule(newYork, Map.of(
        DayOfWeek.MONDAY, List.of(range("09:00", "10:00")),
        DayOfWeek.TUESDAY, List.of(range("09:00", "10:00"))), Map.of());
    EventType oncePerDay = EventTypeBuilder.minutes(60).maxPerDay(1).build();
    Booking mondayEvening =
        confirmed(EventTypeBuilder.SLUG, "2024-06-11T01:00:00Z", "2024-06-11T01:30:00Z", 0, 0);

    List<Instant> starts = starts(Availability.offeredSlots(weekdayMornings, oncePerDay, List.of(),
        List.of(mondayEvening), MONDAY, at("2024-06-12T00:00:00Z"), SUNDAY_NOON));

    assertThat(starts).containsExactly(at("2024-06-11T13:00:00Z"));
  }

  @Test
  void dailyCapCountsOnlyConfirmedBookingsOfTheSameType() {
    EventType twicePerDay = EventTypeBuilder.minutes(30).maxPerDay(2).build();
    Booking sameType = confirmed(EventTypeBuilder.SLUG, "2024-06-10T15:00:00Z",
        "2024-06-10T15:30:00Z", 0, 0);
    Booking otherType =
        confirmed("other-type", "2024-06-10T16:00:00Z", "2024-06-10T16:30:00Z", 0, 0);
    Booking cancelled = sameType.cancelled("moved").movedTo(at("2024-06-10T17:00:00Z"),
        at("2024-06-10T17:30:00Z"));

    assertThat(mondayStarts(twicePerDay, List.of(), List.of(sameType, otherType, cancelled)))
        .hasSize(6);
    assertThat(mondayStarts(twicePerDay, List.of(), List.of(sameType, sameType.movedTo(
        at("2024-06-10T16:00:00Z"), at("2024-06-10T16:30:00Z"))))).isEmpty();
  }

  @Test
  void cancelledBookingsBlockNothing() {
    EventType halfHourOncePerDay = EventTypeBuilder.minutes(30).maxPerDay(1).build();
    Booking booking = confirmed(EventTypeBuilder.SLUG, "2024-06-10T10:00:00Z",
        "2024-06-10T10:30:00Z", 30, 30);

    assertThat(mondayStarts(halfHourOncePerDay, List.of(), List.of(booking.cancelled("no"))))
        .hasSize(6);
    assertThat(mondayStarts(halfHourOncePerDay, List.of(), List.of(booking))).isEmpty();
  }

  @Test
  void adjacentRangesNeverOfferASlotAcrossTheirBoundary() {
    Schedule split =
        weekly(UTC, DayOfWeek.MONDAY, range("09:00", "12:00"), range("12:00", "17:00"));
    EventType ninetyEveryHour = EventTypeBuilder.minutes(90).every(60).build();

    assertThat(starts(offered(split, ninetyEveryHour, List.of(), List.of(), SUNDAY_NOON)))
        .isEqualTo(instants("2024-06-10T09:00:00Z", "2024-06-10T10:00:00Z",
            "2024-06-10T12:00:00Z", "2024-06-10T13:00:00Z", "2024-06-10T14:00:00Z",
            "2024-06-10T15:00:00Z"));
  }

  @Test
  void rangeEndingAt2400RunsToTheNextLocalMidnight() {
    ZoneId amsterdam = ZoneId.of("Europe/Amsterdam");
    EventType hour = EventTypeBuilder.minutes(60).build();
    Schedule utcEvening = weekly(UTC, DayOfWeek.MONDAY, range("22:00", "24:00"));
    Schedule amsterdamEvening = weekly(amsterdam, DayOfWeek.MONDAY, range("22:00", "24:00"));

    assertThat(starts(offered(utcEvening, hour, List.of(), List.of(), SUNDAY_NOON)))
        .isEqualTo(instants("2024-06-10T22:00:00Z", "2024-06-10T23:00:00Z"));
    assertThat(starts(offered(amsterdamEvening, hour, List.of(), List.of(), SUNDAY_NOON)))
        .isEqualTo(instants("2024-06-10T20:00:00Z", "2024-06-10T21:00:00Z"));
  }

  @Test
  void emptyOverrideMakesTheDateUnavailable() {
    Schedule dayOff = Fixtures.withOverride(MONDAY_MORNING, LocalDate.of(2024, 6, 10));

    assertThat(starts(offered(dayOff, EventTypeBuilder.minutes(30).build(), List.of(), List.of(),
        SUNDAY_NOON))).isEmpty();
  }

  @Test
  void slotsStepByTheIntervalNotTheDuration() {
    EventType fortyFiveEveryTwenty = EventTypeBuilder.minutes(45).every(20).build();

    assertThat(mondayStarts(fortyFiveEveryTwenty, List.of(), List.of()))
        .isEqualTo(instants("2024-06-10T09:00:00Z", "2024-06-10T09:20:00Z",
            "2024-06-10T09:40:00Z", "2024-06-10T10:00:00Z", "2024-06-10T10:20:00Z",
            "2024-06-10T10:40:00Z", "2024-06-10T11:00:00Z"));
  }

  @Test
  void slotMustEndInsideItsRange() {
    Schedule almostTwoHours = weekly(UTC, DayOfWeek.MONDAY, range("09:00", "10:59"));

    assertThat(starts(offered(almostTwoHours, EventTypeBuilder.minutes(60).build(), List.of(),
        List.of(), SUNDAY_NOON))).containsExactly(at("2024-06-10T09:00:00Z"));
  }

  @Test
  void windowBoundsIncludeFromAndExcludeTo() {
    EventType halfHour = EventTypeBuilder.minutes(30).build();

    assertThat(starts(Availability.offeredSlots(MONDAY_MORNING, halfHour, List.of(), List.of(),
            at("2024-06-10T10:00:00Z"), at("2024-06-10T11:00:00Z"), SUNDAY_NOON)))
        .isEqualTo(instants("2024-06-10T10:00:00Z", "2024-06-10T10:30:00Z"));
  }

  @Test
  void isOfferedRejectsStartsBetweenSteps() {
    EventType halfHour = EventTypeBuilder.minutes(30).build();

    assertThat(isOffered(MONDAY_MORNING, halfHour, at("2024-06-10T09:30:00Z"), SUNDAY_NOON))
        .isTrue();
    assertThat(isOffered(MONDAY_MORNING, halfHour, at("2024-06-10T09:15:00Z"), SUNDAY_NOON))
        .isFalse();
    assertThat(isOffered(MONDAY_MORNING, halfHour, at("2024-06-10T09:29:30Z"), SUNDAY_NOON))
        .isFalse();
    assertThat(isOffered(MONDAY_MORNING, halfHour, at("2024-06-10T11:30:00.001Z"), SUNDAY_NOON))
        .isFalse();
  }

  /** Hourly starts, all day every day, offered in the date range (asked for with two days around it). */
  private static List<Instant> allDayHourlyStarts(ZoneId zone, String firstDate, String lastDate) {
    LocalDate first = LocalDate.parse(firstDate);
    LocalDate last = LocalDate.parse(lastDate);
    EventType hourly = EventTypeBuilder.minutes(60).window(BookingWindow.dateRange(first, last)).build();
    Schedule allDay = Fixtures.everyDay(zone, range("00:00", "24:00"));
    return starts(Availability.offeredSlots(allDay, hourly, List.of(), List.of(),
        Fixtures.startOfLocalDay(first.minusDays(2), zone), Fixtures.startOfLocalDay(last.plusDays(3), zone),
        Fixtures.startOfLocalDay(first.minusDays(10), zone)));
  }

  private static List<Instant> mondayStarts(EventType type, List<Interval> busy,
      List<Booking> bookings) {
    return starts(offered(MONDAY_MORNING, type, busy, bookings, SUNDAY_NOON));
  }

  /** Everything offered on Monday 2024-06-10 (UTC). */
  private static List<Slot> offered(Schedule schedule, EventType type,
      List<Interval> busy, List<Booking> bookings, Instant now) {
    return Availability.offeredSlots(schedule, type, busy, bookings, MONDAY, TUESDAY, now);
  }

  private static boolean isOffered(Schedule schedule, EventType type, Instant start, Instant now) {
    return Availability.isOffered(schedule, type, List.of(), List.of(), start, now);
  }
}
