package dev.scheduler.node.provider.ics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduler.protocol.model.Interval;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.fortuna.ical4j.model.Recur;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expansion is bounded whatever the feed: the rules that once filled the heap are refused by their
 * effective frequency, and counts past the limits stop expansion early. Times are printed, and
 * asserted loosely (a bomb that expanded would take minutes, not a second).
 */
class RecurrenceBoundTest {
  private static final Instant FROM = Instant.parse("2026-12-04T00:00:00Z");
  private static final Instant TO = FROM.plus(java.time.Duration.ofDays(368));

  static String list(int n) {
    return IntStream.range(0, n).mapToObj(Integer::toString).collect(Collectors.joining(","));
  }

  @Test
  void theHourMinuteSecondBombIsRefusedAtOnce() {
    String rule = "FREQ=DAILY;BYHOUR=" + list(24) + ";BYMINUTE=" + list(60) + ";BYSECOND=" + list(60);
    assertRefusedQuickly(feed(event("bomb", "20260101T000000Z", rule)), "more often than hourly");
  }

  @Test
  void theMinuteOnlyBombIsRefusedAtOnce() {
    assertRefusedQuickly(feed(event("bomb", "20260101T000000Z", "FREQ=DAILY;BYMINUTE=" + list(60))),
        "more often than hourly");
  }

  @Test
  void severalSecondsInAMinuteAreMoreOftenThanHourly() {
    assertRefusedQuickly(feed(event("bomb", "20260101T000000Z", "FREQ=HOURLY;BYSECOND=0,30")),
        "more often than hourly");
  }

  @Test
  void anHourlySeriesWithoutEndIsStoppedAtTheEventLimit() {
    // 369 days of hours are 8,856 instances: more than one event may have.
    assertRefusedQuickly(feed(event("hourly", "19900101T000000Z", "FREQ=HOURLY")), "more than 5000 times");
  }

  @Test
  void aThousandHourlySeriesAreStoppedEarly() {
    String events = IntStream.range(0, 1000)
        .mapToObj(i -> event("h" + i, "20261201T000000Z", "FREQ=HOURLY;INTERVAL=2")).collect(Collectors.joining());
    // Each series alone has 4,428 instances (under the per-event limit); together they pass the
    // feed's limits (here its busy periods, counted as soon as twice the limit has piled up).
    assertRefusedQuickly(feed(events), "more than 3000 separate busy periods");
  }

  @Test
  void aThousandSeriesEachUnderTheEventLimitPassTheFeedsInstanceLimit() {
    // The same daily meeting 1,000 times: it merges to 369 busy periods, but costs 369,000 instances.
    String events = IntStream.range(0, 1000).mapToObj(i -> event("d" + i, "20261201T090000Z", "FREQ=DAILY"))
        .collect(Collectors.joining());
    assertRefusedQuickly(feed(events), "more than 50000 times");
  }

  @Test
  void hourlyAtOneMinuteOfTheHourIsAllowed() throws IcsParseException {
    List<Interval> busy = IcsBusyTime.busyIntervals(
        feed(event("daily", "20261201T093000Z", "FREQ=DAILY;BYHOUR=9,14;BYMINUTE=30;BYSECOND=0")), FROM, TO);
    assertThat(busy).hasSizeBetween(2 * 367, 2 * 370);
  }

  @Test
  void moreSeparateIntervalsThanTheFeedLimitAreRefused() throws IcsParseException {
    IcsLimits limits = new IcsLimits(5000, 50_000, 300);
    String threeHundred = oneOffs(300, 2);
    assertThat(IcsBusyTime.busyIntervals(threeHundred, FROM, TO, ZoneOffset.UTC, limits)).hasSize(300);
    assertThatThrownBy(() -> IcsBusyTime.busyIntervals(oneOffs(301, 2), FROM, TO, ZoneOffset.UTC, limits))
        .isInstanceOf(FeedLimitExceeded.class).hasMessageContaining("more than 300 separate busy periods");
  }

  @Test
  void overlappingEventsMergeBeforeTheyAreCounted() throws IcsParseException {
    // 2,000 one-hour events every half hour touch each other: one busy interval.
    IcsLimits limits = new IcsLimits(5000, 50_000, 300);
    List<Interval> busy = IcsBusyTime.busyIntervals(oneOffs(2000, 0.5), FROM, TO, ZoneOffset.UTC, limits);
    assertThat(busy).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"FREQ=DAILY;BYDAY=MO,WE", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "FREQ=DAILY;INTERVAL=3",
      "FREQ=HOURLY;INTERVAL=5;BYHOUR=9,14", "FREQ=WEEKLY;WKST=SU;INTERVAL=3;BYDAY=SU,SA", "FREQ=HOURLY;INTERVAL=7"})
  void startingNearTheWindowGivesTheSameInstances(String rule) {
    Recur<Temporal> recur = new Recur<>(rule, true);
    LocalDateTime seed = LocalDateTime.parse("2019-03-05T09:15:00");
    LocalDateTime from = LocalDateTime.parse("2026-02-10T00:00:00");
    LocalDateTime to = from.plusDays(60);
    LocalDateTime moved = Recurrences.nearWindow(recur, seed, from);
    // At most two of the rule's periods (here up to 3 weeks each) before the window.
    assertThat(moved).isAfter(from.minusDays(43)).isBefore(from);
    assertThat(recur.getDates(moved, from, to)).isNotEmpty().isEqualTo(recur.getDates(seed, from, to));
  }

  private static void assertRefusedQuickly(String feed, String reason) {
    long started = System.nanoTime();
    assertThatThrownBy(() -> IcsBusyTime.busyIntervals(feed, FROM, TO)).hasMessageContaining(reason);
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("Refused (%s) in %d ms%n", reason, millis);
    assertThat(millis).isLessThan(5_000);
  }

  private static String oneOffs(int count, double hoursApart) {
    StringBuilder events = new StringBuilder();
    for (int i = 0; i < count; i++) {
      Instant start = FROM.plusSeconds((long) (i * hoursApart * 3600) + 3600);
      events.append("BEGIN:VEVENT\r\nUID:o").append(i).append("\r\nDTSTART:").append(utc(start))
          .append("\r\nDTEND:").append(utc(start.plusSeconds(3600))).append("\r\nEND:VEVENT\r\n");
    }
    return feed(events.toString());
  }

  private static String utc(Instant instant) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(instant.atOffset(ZoneOffset.UTC));
  }

  static String event(String uid, String start, String rule) {
    return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTART:" + start + "\r\nDURATION:PT30M\r\nRRULE:" + rule
        + "\r\nEND:VEVENT\r\n";
  }

  static String feed(String events) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n" + events + "END:VCALENDAR\r\n";
  }
}
