package dev.scheduler.node.provider.ics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WindowsZonesTest {

  @Test
  void everyMappedIdIsAZoneTheJdkKnows() {
    assertThat(WindowsZones.IANA_BY_WINDOWS_NAME.values())
        .allSatisfy(id -> assertThatCode(() -> ZoneId.of(id)).doesNotThrowAnyException());
  }

  @Test
  void outlookNamesMapToTheirCldrZones() {
    assertThat(WindowsZones.ianaId("W. Europe Standard Time")).contains("Europe/Berlin");
    assertThat(WindowsZones.ianaId("Central America Standard Time")).contains("America/Guatemala");
    assertThat(WindowsZones.ianaId("Europe/Berlin")).isEmpty();
  }
}
