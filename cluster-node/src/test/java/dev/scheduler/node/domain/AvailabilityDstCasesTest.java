package dev.scheduler.node.domain;

import static dev.scheduler.node.domain.Fixtures.at;
import static dev.scheduler.node.domain.Fixtures.instants;
import static dev.scheduler.node.domain.Fixtures.range;
import static dev.scheduler.node.domain.Fixtures.startOfLocalDay;
import static dev.scheduler.node.domain.Fixtures.starts;
import static dev.scheduler.node.domain.Fixtures.weekly;
import static dev.scheduler.node.domain.Fixtures.withOverride;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.Schedule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Time-zone cases that each broke a scheduler somewhere; every expected instant is exact. */
class AvailabilityDstCasesTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
  private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");

  @Test
  void springForwardSundayStartsAtTheNewOffset() {
    Schedule sundays = weekly(NEW_YORK, DayOfWeek.SUNDAY, range("13:00", "18:00"));

    assertThat(startsOnLocalDates(sundays, EventTypeBuilder.minutes(60).build(),
            LocalDate.of(2026, 3, 8), 1))
        .isEqualTo(instants("2026-03-08T17:00:00Z", "2026-03-08T18:00:00Z",
            "2026-03-08T19:00:00Z", "2026-03-08T20:00:00Z", "2026-03-08T21:00:00Z"));
  }

  @Test
  void chicagoSpringForwardAfternoonIsFiveHoursBehindUtc() {
    Schedule sundays = weekly(CHICAGO, DayOfWeek.SUNDAY, range("15:00", "16:00"));

    assertThat(startsOnLocalDates(sundays, EventTypeBuilder.minutes(60).build(),
            LocalDate.of(2025, 3, 9), 1))
        .containsExactly(at("2025-03-09T20:00:00Z"));
  }

  @Test
  void mondayAfterFallBackIsFiveHoursBehindUtc() {
    Schedule mondays = weekly(NEW_YORK, DayOfWeek.MONDAY, range("09:00", "10:00"));
    EventType hour = EventTypeBuilder.minutes(60).build();

    assertThat(startsOnLocalDates(mondays, hour, LocalDate.of(2023, 11, 6), 1))
        .containsExactly(at("2023-11-06T14:00:00Z"));
    assertThat(isOffered(mondays, hour, at("2023-11-06T14:00:00Z"))).isTrue();
    assertThat(isOffered(mondays, hour, at("2023-11-06T13:00:00Z"))).isFalse();
  }

  @Test
  void amsterdamMidnightOverrideBelongsToTheLocalSaturday() {
    Schedule none = Schedule.empty(AMSTERDAM);
    EventType quarter = EventTypeBuilder.minutes(15).build();
    LocalDate summerSaturday = LocalDate.of(2024, 6, 15);
    LocalDate winterSaturday = LocalDate.of(2024, 1, 13);
    Schedule overridden = new Schedule(AMSTERDAM, none.weekly(), Map.of(
        summerSaturday, List.of(range("00:00", "00:15")),
        winterSaturday, List.of(range("00:00", "00:15"))));

    List<Instant> summer = startsOnLocalDates(overridden, quarter, summerSaturday.minusDays(1), 3);
    List<Instant> winter = startsOnLocalDates(overridden, quarter, winterSaturday.minusDays(1), 3);

    assertThat(summer).containsExactly(at("2024-06-14T22:00:00Z"));
    assertThat(winter).containsExactly(at("2024-01-12T23:00:00Z"));
    assertThat(LocalDate.ofInstant(summer.get(0), AMSTERDAM)).isEqualTo(summerSaturday);
    assertThat(LocalDate.ofInstant(winter.get(0), AMSTERDAM)).isEqualTo(winterSaturday);
  }

  /** 22:00 in Los Angeles is the next UTC date; the override still follows the local one. */
  @Test
  void lateEveningOverrideAppliesToTheLocalDateNotTheUtcDate() {
    Schedule weekly = new Schedule(LOS_ANGELES, Map.of(
        DayOfWeek.FRIDAY, List.of(range("09:00", "10:00")),
        DayOfWeek.SATURDAY, List.of(range("09:00", "10:00"))), Map.of());
    Schedule overridden = withOverride(weekly, LocalDate.of(2024, 5, 10), range("22:00", "23:00"));

    assertThat(startsOnLocalDates(overridden, EventTypeBuilder.minutes(60).build(),
            LocalDate.of(2024, 5, 10), 2))
        .containsExactly(at("2024-05-11T05:00:00Z"), at("2024-05-11T16:00:00Z"));
  }

  /** 07:00 in Auckland is the previous UTC date; the override replaces only its own local date. */
  @Test
  void overrideInAucklandReplacesOnlyItsLocalDate() {
    Schedule mornings = Fixtures.everyDay(AUCKLAND, range("07:00", "08:00"));
    Schedule overridden =
        withOverride(mornings, LocalDate.of(2024, 6, 14), range("22:00", "23:00"));

    assertThat(startsOnLocalDates(overridden, EventTypeBuilder.minutes(60).build(),
            LocalDate.of(2024, 6, 13), 3))
        .containsExactly(at("2024-06-12T19:00:00Z"), at("2024-06-14T10:00:00Z"),
            at("2024-06-14T19:00:00Z"));
  }

  @Test
  void fallBackNightRangeCoversEachRealHalfHourOnce() {
    Schedule night = withOverride(Schedule.empty(NEW_YORK), LocalDate.of(2023, 11, 5),
        range("00:00", "04:00"));

    assertThat(startsOnLocalDates(night, EventTypeBuilder.minutes(30).build(),
            LocalDate.of(2023, 11, 5), 1))
        .isEqualTo(instants("2023-11-05T04:00:00Z", "2023-11-05T04:30:00Z",
            "2023-11-05T05:00:00Z", "2023-11-05T05:30:00Z", "2023-11-05T06:00:00Z",
            "2023-11-05T06:30:00Z", "2023-11-05T07:00:00Z", "2023-11-05T07:30:00Z",
            "2023-11-05T08:00:00Z", "2023-11-05T08:30:00Z"));
  }

  /** 01:30 happens twice on 2023-11-05; the range starts at the first, 05:30Z (EDT). */
  @Test
  void rangeStartingInsideTheOverlapTakesTheEarlierOffset() {
    Schedule overlap = withOverride(Schedule.empty(NEW_YORK), LocalDate.of(2023, 11, 5),
        range("01:30", "03:00"));

    assertThat(startsOnLocalDates(overlap, EventTypeBuilder.minutes(30).build(),
            LocalDate.of(2023, 11, 5), 1))
        .isEqualTo(instants("2023-11-05T05:30:00Z", "2023-11-05T06:00:00Z",
            "2023-11-05T06:30:00Z", "2023-11-05T07:00:00Z", "2023-11-05T07:30:00Z"));
  }

  @Test
  void rangeStartingInsideTheGapStartsWhereZonedDateTimePutsIt() {
    Schedule gap = withOverride(Schedule.empty(NEW_YORK), LocalDate.of(2026, 3, 8),
        range("02:30", "05:00"));

    assertThat(startsOnLocalDates(gap, EventTypeBuilder.minutes(30).build(),
            LocalDate.of(2026, 3, 8), 1))
        .isEqualTo(instants("2026-03-08T07:30:00Z", "2026-03-08T08:00:00Z",
            "2026-03-08T08:30:00Z"));
  }

  /** 01:00-02:30 and 03:00-04:00 overlap in real time once 02:30 moves to 03:30. */
  @Test
  void rangesOverlappingAfterTheGapListASharedStartOnce() {
    Schedule gap = withOverride(Schedule.empty(NEW_YORK), LocalDate.of(2026, 3, 8),
        range("01:00", "02:30"), range("03:00", "04:00"));

    assertThat(startsOnLocalDates(gap, EventTypeBuilder.minutes(30).build(),
            LocalDate.of(2026, 3, 8), 1))
        .isEqualTo(instants("2026-03-08T06:00:00Z", "2026-03-08T06:30:00Z",
            "2026-03-08T07:00:00Z", "2026-03-08T07:30:00Z"));
  }

  /** All starts on `days` local dates from `first`, asked a day ahead with nothing busy. */
  private static List<Instant> startsOnLocalDates(Schedule schedule, EventType type,
      LocalDate first, int days) {
    Instant from = startOfLocalDay(first, schedule.timeZone());
    Instant to = startOfLocalDay(first.plusDays(days), schedule.timeZone());
    return starts(Availability.offeredSlots(schedule, type, List.of(), List.of(), from, to,
        dayBefore(from)));
  }

  private static boolean isOffered(Schedule schedule, EventType type, Instant start) {
    return Availability.isOffered(schedule, type, List.of(), List.of(), start, dayBefore(start));
  }

  private static Instant dayBefore(Instant instant) {
    return instant.minus(Duration.ofDays(1));
  }
}
