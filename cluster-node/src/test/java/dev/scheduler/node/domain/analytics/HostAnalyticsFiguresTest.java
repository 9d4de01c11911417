package dev.scheduler.node.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduler.protocol.analytics.HostAnalyticsView;
import dev.scheduler.protocol.analytics.HostAnalyticsView.Counts;
import dev.scheduler.protocol.analytics.HostAnalyticsView.HourCount;
import dev.scheduler.protocol.analytics.HostAnalyticsView.LeadTime;
import dev.scheduler.protocol.analytics.HostAnalyticsView.ReasonCount;
import dev.scheduler.protocol.analytics.HostAnalyticsView.Week;
import dev.scheduler.protocol.analytics.HostAnalyticsView.WeekdayCount;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HostAnalyticsFiguresTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  private static final Instant BOOKED = Instant.parse("2027-03-01T12:00:00Z");
  private static int ids;

  private static BookingFact standing(String start) {
    return new BookingFact("b" + ids++, Instant.parse(start), BOOKED, false, null, 0);
  }

  private static BookingFact cancelled(String start, String reason) {
    return new BookingFact("b" + ids++, Instant.parse(start), BOOKED, true, reason, 0);
  }

  private static HostAnalyticsView compute(ZoneId zone, String from, String to, List<BookingFact> facts) {
    return HostAnalyticsFigures.compute("h1", zone, Instant.parse(from), Instant.parse(to), facts, null);
  }

  private static Map<DayOfWeek, Long> nonZeroDays(HostAnalyticsView view) {
    return view.byWeekday().stream().filter(d -> d.count() > 0)
        .collect(Collectors.toMap(WeekdayCount::day, WeekdayCount::count));
  }

  private static Map<Integer, Long> nonZeroHours(HostAnalyticsView view) {
    return view.byHour().stream().filter(h -> h.count() > 0)
        .collect(Collectors.toMap(HourCount::hour, HourCount::count));
  }

  @Test
  void aDstWeekInNewYorkBucketsByTheWallClockOfEachDay() {
    // Clocks in New York go from 02:00 EST to 03:00 EDT on Sunday 2027-03-14.
    var view = compute(NEW_YORK, "2027-03-08T05:00:00Z", "2027-03-22T04:00:00Z", List.of(
        standing("2027-03-12T14:00:00Z"),   // Friday 09:00 EST
        standing("2027-03-14T07:30:00Z"),   // Sunday 03:30 EDT (02:30 if EST were assumed)
        standing("2027-03-15T03:30:00Z"),   // Sunday 23:30 EDT: still the week of 03-08
        standing("2027-03-15T04:30:00Z"),   // Monday 00:30 EDT: the week of 03-15
        standing("2027-03-15T13:00:00Z"),   // Monday 09:00 EDT
        cancelled("2027-03-16T13:00:00Z", "ill")));

    assertThat(view.perWeek()).containsExactly(
        new Week(LocalDate.parse("2027-03-08"), 3, 0),
        new Week(LocalDate.parse("2027-03-15"), 2, 1));
    assertThat(nonZeroDays(view)).isEqualTo(Map.of(DayOfWeek.FRIDAY, 1L, DayOfWeek.SUNDAY, 2L, DayOfWeek.MONDAY, 2L));
    assertThat(nonZeroHours(view)).isEqualTo(Map.of(9, 2L, 3, 1L, 23, 1L, 0, 1L));
    assertThat(view.byWeekday()).extracting(WeekdayCount::day).containsExactly(DayOfWeek.values());
    assertThat(view.byHour()).extracting(HourCount::hour).containsExactlyElementsOf(
        java.util.stream.IntStream.range(0, 24).boxed().toList());
    assertThat(view.bookings()).isEqualTo(new Counts(5, 1, 0));
  }

  @Test
  void aHalfHourZoneStartsItsDaysAndWeeksOnItsOwnMidnight() {
    // Kolkata is UTC+05:30: Monday 2027-03-08 00:00 there is 2027-03-07T18:30Z.
    var view = compute(KOLKATA, "2027-03-01T00:00:00Z", "2027-03-15T00:00:00Z", List.of(
        standing("2027-03-07T18:29:00Z"),   // Sunday 23:59
        standing("2027-03-07T18:30:00Z"),   // Monday 00:00
        standing("2027-03-08T04:00:00Z"))); // Monday 09:30

    assertThat(view.perWeek()).containsExactly(
        new Week(LocalDate.parse("2027-03-01"), 1, 0),
        new Week(LocalDate.parse("2027-03-08"), 2, 0),
        new Week(LocalDate.parse("2027-03-15"), 0, 0)); // 2027-03-15T00:00Z is 05:30 that Monday in Kolkata
    assertThat(nonZeroDays(view)).isEqualTo(Map.of(DayOfWeek.SUNDAY, 1L, DayOfWeek.MONDAY, 2L));
    assertThat(nonZeroHours(view)).isEqualTo(Map.of(23, 1L, 0, 1L, 9, 1L));
  }

  @Test
  void everyWeekOfTheRangeIsListedAndBookingsOutsideItAreNot() {
    var view = compute(NEW_YORK, "2027-03-03T05:00:00Z", "2027-03-22T04:00:00Z", List.of(
        standing("2027-03-03T04:59:59Z"), standing("2027-03-22T04:00:00Z"), standing("2027-03-03T05:00:00Z")));
    assertThat(view.perWeek()).extracting(Week::weekStart).containsExactly(
        LocalDate.parse("2027-03-01"), LocalDate.parse("2027-03-08"), LocalDate.parse("2027-03-15"));
    assertThat(view.perWeek()).extracting(Week::confirmed).containsExactly(1L, 0L, 0L);
    assertThat(view.bookings()).isEqualTo(new Counts(1, 0, 0));
  }

  @Test
  void leadTimeIsTheNearestRankMedianAndP90OfTheBookingsThatStand() {
    List<BookingFact> facts = new ArrayList<>();
    for (int hours = 1; hours <= 10; hours++) {
      facts.add(new BookingFact("s" + hours, BOOKED.plus(Duration.ofHours(hours)), BOOKED, false, null, 0));
    }
    facts.add(new BookingFact("c", BOOKED.plus(Duration.ofDays(30)), BOOKED, true, "no", 0));
    var view = compute(NEW_YORK, "2027-03-01T00:00:00Z", "2027-04-01T00:00:00Z", facts);
    assertThat(view.leadTimeMinutes()).isEqualTo(new LeadTime(300L, 540L));

    var one = compute(NEW_YORK, "2027-03-01T00:00:00Z", "2027-04-01T00:00:00Z", facts.subList(0, 1));
    assertThat(one.leadTimeMinutes()).isEqualTo(new LeadTime(60L, 60L));
    var none = compute(NEW_YORK, "2027-03-01T00:00:00Z", "2027-04-01T00:00:00Z", facts.subList(10, 11));
    assertThat(none.leadTimeMinutes()).isEqualTo(new LeadTime(null, null));
  }

  @Test
  void percentilesAreNearestRank() {
    assertThat(HostAnalyticsFigures.percentile(new long[] {1, 2, 3, 4}, 50)).isEqualTo(2);
    assertThat(HostAnalyticsFigures.percentile(new long[] {1, 2, 3, 4, 5}, 50)).isEqualTo(3);
    assertThat(HostAnalyticsFigures.percentile(new long[] {1, 2, 3, 4, 5}, 90)).isEqualTo(5);
    assertThat(HostAnalyticsFigures.percentile(new long[] {7}, 90)).isEqualTo(7);
  }

  @Test
  void reasonsAreTrimmedCountedAndCappedToTheTopTenPlusOther() {
    List<BookingFact> facts = new ArrayList<>();
    facts.add(cancelled("2027-03-02T14:00:00Z", " Sick "));
    facts.add(cancelled("2027-03-02T15:00:00Z", "Sick"));
    facts.add(cancelled("2027-03-02T16:00:00Z", "sick")); // case is kept: another reason
    facts.add(cancelled("2027-03-02T17:00:00Z", "  "));
    facts.add(cancelled("2027-03-02T18:00:00Z", null));
    for (int i = 0; i < 10; i++) {
      facts.add(cancelled("2027-03-03T14:0" + i + ":00Z", "reason " + i));
    }
    facts.add(standing("2027-03-04T14:00:00Z"));
    var view = compute(NEW_YORK, "2027-03-01T05:00:00Z", "2027-03-08T05:00:00Z", facts);

    assertThat(view.cancellationReasons()).hasSize(11);
    assertThat(view.cancellationReasons().subList(0, 2)).containsExactly(
        new ReasonCount("(none)", 2), new ReasonCount("Sick", 2));
    assertThat(view.cancellationReasons().subList(2, 10)).extracting(ReasonCount::reason)
        .containsExactly("reason 0", "reason 1", "reason 2", "reason 3", "reason 4", "reason 5", "reason 6",
            "reason 7");
    assertThat(view.cancellationReasons().get(10)).isEqualTo(new ReasonCount("(other)", 3));
    assertThat(view.bookings()).isEqualTo(new Counts(1, 15, 0));
  }

  @Test
  void rescheduledCountsBookingsMovedAtLeastOnceWhetherTheyStandOrNot() {
    var view = compute(NEW_YORK, "2027-03-01T05:00:00Z", "2027-03-08T05:00:00Z", List.of(
        new BookingFact("a", Instant.parse("2027-03-02T14:00:00Z"), BOOKED, false, null, 2),
        new BookingFact("b", Instant.parse("2027-03-02T15:00:00Z"), BOOKED, true, "x", 1),
        new BookingFact("c", Instant.parse("2027-03-02T16:00:00Z"), BOOKED, false, null, 0)));
    assertThat(view.bookings()).isEqualTo(new Counts(2, 1, 2));
  }

  @Test
  void anEmptyRangeIsRefused() {
    assertThatThrownBy(() -> compute(NEW_YORK, "2027-03-01T00:00:00Z", "2027-03-01T00:00:00Z", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
