package dev.scheduler.harness.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduler.harness.baseline.WeeklySchedule.WallRange;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure slot rules, for the cases the HTTP tests cannot reach within the booking window. */
class SlotRulesTest {
  private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
  private static final EventTypeDef HALF_HOUR = new EventTypeDef("t", "T", 30, 30, 0, 0, 0, 365);

  @Test
  void theSpringForwardGapIsSkippedInElapsedTime() {
    WeeklySchedule sundays = new WeeklySchedule(AMSTERDAM, Map.of(DayOfWeek.SUNDAY, List.of(new WallRange(60, 240))), Map.of());
    Instant from = Instant.parse("2028-03-25T00:00:00Z");
    // 01:00+01:00 to 04:00+02:00 is two real hours: 00:00Z, 00:30Z, 01:00Z (03:00+02:00), 01:30Z.
    assertThat(SlotRules.offered(sundays, HALF_HOUR, List.of(), from, from.plusSeconds(3 * 86400), from))
        .containsExactly(Instant.parse("2028-03-26T00:00:00Z"), Instant.parse("2028-03-26T00:30:00Z"),
            Instant.parse("2028-03-26T01:00:00Z"), Instant.parse("2028-03-26T01:30:00Z"));
  }

  @Test
  void buffersBlockHalfOpenAndAnOverrideEmptiesADate() {
    EventTypeDef buffered = new EventTypeDef("t", "T", 60, 30, 15, 15, 0, 365);
    LocalDate day = LocalDate.parse("2028-01-05");
    WeeklySchedule schedule = new WeeklySchedule(ZoneId.of("UTC"), Map.of(day.getDayOfWeek(), List.of(new WallRange(8 * 60, 14 * 60))),
        Map.of(day.plusDays(7), List.of()));
    Instant from = Instant.parse("2028-01-05T00:00:00Z");
    List<Span> booked = List.of(new Span(Instant.parse("2028-01-05T09:45:00Z"), Instant.parse("2028-01-05T11:15:00Z")));
    assertThat(SlotRules.offered(schedule, buffered, booked, from, from.plusSeconds(86400), from))
        .extracting(i -> i.toString().substring(11, 16))
        .containsExactly("08:00", "08:30", "11:30", "12:00", "12:30", "13:00");
    assertThat(SlotRules.offered(schedule, buffered, List.of(), from.plusSeconds(7 * 86400),
        from.plusSeconds(8 * 86400), from)).isEmpty();
  }

  @Test
  void aStartMustBeOnTheGridInsideNoticeAndWindow() {
    WeeklySchedule schedule = new WeeklySchedule(ZoneId.of("UTC"),
        Map.of(DayOfWeek.WEDNESDAY, List.of(new WallRange(8 * 60, 10 * 60))), Map.of());
    EventTypeDef type = new EventTypeDef("t", "T", 30, 30, 0, 0, 120, 10);
    Instant now = Instant.parse("2028-01-05T07:00:00Z");
    SlotRules.requireOnOfferedGrid(schedule, type, Instant.parse("2028-01-05T09:00:00Z"), now);
    assertThatThrownBy(() -> SlotRules.requireOnOfferedGrid(schedule, type, Instant.parse("2028-01-05T08:30:00Z"), now))
        .hasMessageContaining("notice");
    assertThatThrownBy(() -> SlotRules.requireOnOfferedGrid(schedule, type, Instant.parse("2028-01-05T09:15:00Z"), now))
        .isInstanceOf(HttpRefusal.class);
    assertThatThrownBy(() -> SlotRules.requireOnOfferedGrid(schedule, type, Instant.parse("2028-01-19T09:00:00Z"), now))
        .as("beyond the 10-day window").isInstanceOf(HttpRefusal.class);
    assertThatThrownBy(() -> SlotRules.requireOnOfferedGrid(schedule, type, Instant.parse("2028-01-05T06:00:00Z"), now))
        .satisfies(e -> assertThat(((HttpRefusal) e).status()).isEqualTo(400));
  }
}
