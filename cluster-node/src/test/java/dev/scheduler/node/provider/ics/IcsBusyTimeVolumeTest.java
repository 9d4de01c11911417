package dev.scheduler.node.provider.ics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.protocol.model.Interval;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A busy host's feed: about 150 events a month. Asserts the exact count; the time it takes is
 * printed for the record rather than asserted, as CI machines vary.
 */
class IcsBusyTimeVolumeTest {

  private static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 6);
  private static final int DAYS = 60;

  @Test
  void sixtyDaysOfABusyFeedExpandExactly() throws IcsParseException {
    String feed = busyFeed();
    Instant from = Instant.parse("2025-01-06T00:00:00Z");
    Instant to = Instant.parse("2025-03-07T00:00:00Z");

    long started = System.nanoTime();
    List<Interval> busy = IcsBusyTime.busyIntervals(feed, from, to);
    long firstMillis = (System.nanoTime() - started) / 1_000_000;
    started = System.nanoTime();
    IcsBusyTime.busyIntervals(feed, from, to);
    long againMillis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("ICS volume: %d intervals from %d KiB in %d ms (first call), %d ms (again)%n",
        busy.size(), feed.length() / 1024, firstMillis, againMillis);

    // 15 weekly series fill 3 one-hour slots on each of the 44 weekdays; 3 one-off events a day.
    assertThat(busy).hasSize(44 * 3 + DAYS * 3);
  }

  /** 15 weekly series started a year earlier and 180 one-off events, none touching another. */
  private static String busyFeed() {
    var ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//scheduler tests//volume//EN\r\n");
    for (int series = 0; series < 15; series++) {
      DayOfWeek day = DayOfWeek.of(series % 5 + 1);
      LocalDate first = LocalDate.of(2024, 1, 1).plusDays(series % 5);
      int hour = 8 + 2 * (series / 5);
      event(ics, "series-" + series, first, hour,
          "RRULE:FREQ=WEEKLY;BYDAY=" + day.name().substring(0, 2) + "\r\n");
    }
    for (int day = 0; day < DAYS; day++) {
      for (int hour : new int[] {15, 17, 19}) {
        event(ics, "single-" + day + "-" + hour, FIRST_DAY.plusDays(day), hour, "");
      }
    }
    return ics.append("END:VCALENDAR\r\n").toString();
  }

  private static void event(StringBuilder ics, String uid, LocalDate date, int hour, String extra) {
    String day = date.format(IcsTime.DATE);
    ics.append("BEGIN:VEVENT\r\nUID:").append(uid).append("@example.com\r\n")
        .append("SUMMARY:").append(uid).append("\r\n")
        .append(String.format("DTSTART;TZID=Europe/Amsterdam:%sT%02d0000\r\n", day, hour))
        .append(String.format("DTEND;TZID=Europe/Amsterdam:%sT%02d0000\r\n", day, hour + 1))
        .append(extra)
        .append("END:VEVENT\r\n");
  }
}
