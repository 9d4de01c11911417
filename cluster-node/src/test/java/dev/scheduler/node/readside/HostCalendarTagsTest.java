package dev.scheduler.node.readside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A host's tag never changes between JVMs or releases: events of old and new lives meet in one slice. */
class HostCalendarTagsTest {

  @Test
  void aHostsTagIsFixedByItsIdAlone() {
    HostCalendarTags tags = new HostCalendarTags(4);
    // Pinned values: a change of the hash would split every host's history across two tags.
    assertThat(tags.tagFor("ihij4644s2wopc5abt7h")).isEqualTo("host-calendar-" + Math.floorMod(
        "ihij4644s2wopc5abt7h".hashCode(), 4));
    assertThat(tags.tagFor("host-a")).isEqualTo("host-calendar-0");
    assertThat(tags.tagFor("host-b")).isEqualTo("host-calendar-1");
    assertThat(tags.tagFor("")).isEqualTo("host-calendar-0");
    assertThat(tags.all()).containsExactly("host-calendar-0", "host-calendar-1", "host-calendar-2", "host-calendar-3");
  }

  @Test
  void everyTagIsOneOfTheSlicesTheReadSideFollows() {
    HostCalendarTags tags = new HostCalendarTags(8);
    for (int i = 0; i < 1000; i++) {
      assertThat(tags.all()).contains(tags.tagFor("host-" + i));
    }
  }

  @Test
  void theNumberOfSlicesComesFromConfigurationWithTheDocumentedDefault() {
    assertThat(HostCalendarTags.from(ConfigFactory.empty()).slices()).isEqualTo(HostCalendarTags.DEFAULT_SLICES);
    assertThat(HostCalendarTags.from(ConfigFactory.parseMap(Map.of("scheduler.read-side.tag-slices", 6))).slices())
        .isEqualTo(6);
    assertThat(HostCalendarTags.from(ConfigFactory.load()).slices()).isEqualTo(HostCalendarTags.DEFAULT_SLICES);
    assertThatThrownBy(() -> new HostCalendarTags(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
