package dev.scheduler.node.provider.ics;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the TZIDs of one feed. A name the JDK knows as a zone, directly (Google, Apple: IANA
 * ids) or through the Windows table (Outlook), wins, because the tz database is more complete
 * than any VTIMEZONE; otherwise the feed's own VTIMEZONE of that name; otherwise, as a best
 * guess, the floating zone (the host's).
 */
final class IcsZones {

  private final Map<String, IcsComponent> vtimezones = new HashMap<>();
  private final ZoneRules floating;
  private final LocalDateTime horizon;
  private final Map<String, ZoneRules> resolved = new HashMap<>();

  /**
   * @param horizon wall-clock time up to which a VTIMEZONE's transitions are worked out; later
   *     times keep the last offset
   */
  IcsZones(List<IcsComponent> components, ZoneId floatingZone, LocalDateTime horizon) {
    for (IcsComponent component : components) {
      if (component.name().equals("VTIMEZONE")) {
        component.value("TZID").ifPresent(tzid -> vtimezones.put(tzid, component));
      }
    }
    this.floating = floatingZone.getRules();
    this.horizon = horizon;
  }

  ZoneRules floating() {
    return floating;
  }

  ZoneRules rules(String tzid) {
    return resolved.computeIfAbsent(tzid, this::resolve);
  }

  private ZoneRules resolve(String tzid) {
    Optional<ZoneRules> known = knownZone(tzid).or(() -> WindowsZones.ianaId(tzid).map(ZoneId::of))
        .map(ZoneId::getRules);
    if (known.isPresent()) {
      return known.get();
    }
    IcsComponent vtimezone = vtimezones.get(tzid);
    return vtimezone == null ? floating : VTimeZoneRules.of(vtimezone, horizon);
  }

  private static Optional<ZoneId> knownZone(String tzid) {
    try {
      return Optional.of(ZoneId.of(tzid));
    } catch (DateTimeException notAZoneId) {
      return Optional.empty();
    }
  }
}
