package dev.scheduler.node.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.protocol.model.BookingWindow;
import dev.scheduler.protocol.model.Slot;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/** The fast computation must agree exactly with the minute-by-minute oracle. */
class AvailabilityPropertyTest {
  private static final String RESULT = "result";
  private static final String WINDOW = "window";
  private static final String BOOKING_WINDOW = "booking window";

  @Property(tries = 300)
  void offeredSlotsEqualTheOracle(@ForAll("scenarios") AvailabilityScenario scenario) {
    List<Slot> slots = scenario.offeredSlots();
    List<Instant> starts = Fixtures.starts(slots);

    assertThat(starts).containsExactlyElementsOf(AvailabilityOracle.offeredStarts(scenario));
    assertThat(slots).allSatisfy(
        slot -> assertThat(slot.end()).isEqualTo(slot.start().plus(scenario.type().duration())));

    Statistics.label(RESULT).collect(starts.isEmpty() ? "empty" : "non-empty");
    Statistics.label(WINDOW)
        .collect(scenario.containsTransition() ? "transition" : "no transition");
    Statistics.label(BOOKING_WINDOW).collect(scenario.type().bookingWindow().kind());
    Statistics.label(RESULT).coverage(check -> check.check("non-empty").percentage(p -> p >= 30));
    Statistics.label(BOOKING_WINDOW).coverage(check -> {
      check.check(BookingWindow.Kind.INDEFINITE).percentage(p -> p >= 10);
      check.check(BookingWindow.Kind.DATE_RANGE).percentage(p -> p >= 25);
    });
    Statistics.label(WINDOW).coverage(check -> check.check("transition").percentage(p -> p >= 40));
  }

  @Property(tries = 300)
  void isOfferedExactlyForListedStarts(@ForAll("scenarios") AvailabilityScenario scenario,
      @ForAll @Size(max = 20) List<@IntRange(min = 0, max = 5 * 24 * 60) Integer> probeMinutes) {
    List<Instant> listed = Fixtures.starts(scenario.offeredSlots());
    Set<Instant> listedSet = new HashSet<>(listed);

    assertThat(listed).allMatch(scenario::isOffered);
    for (Instant probe : probes(scenario, listed, probeMinutes)) {
      boolean inWindow = !probe.isBefore(scenario.from()) && probe.isBefore(scenario.to());
      if (inWindow && !listedSet.contains(probe)) {
        assertThat(scenario.isOffered(probe)).as("isOffered(%s)", probe).isFalse();
      }
    }
  }

  /** Near misses of each listed start, plus random minutes of the window. */
  private static Set<Instant> probes(
      AvailabilityScenario scenario, List<Instant> listed, List<Integer> minutes) {
    Set<Instant> probes = new HashSet<>();
    for (Instant start : listed) {
      probes.add(start.plusSeconds(60));
      probes.add(start.minusSeconds(60));
      probes.add(start.plusSeconds(1));
    }
    minutes.forEach(minute -> probes.add(scenario.from().plusSeconds(60L * minute)));
    return probes;
  }

  @Provide
  Arbitrary<AvailabilityScenario> scenarios() {
    return AvailabilityScenarios.scenarios();
  }
}
