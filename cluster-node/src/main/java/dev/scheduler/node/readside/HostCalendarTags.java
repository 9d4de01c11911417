package dev.scheduler.node.readside;

import com.typesafe.config.Config;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The tags that host-calendar events carry, so that read sides can follow the journal by tag: each
 * host's events go to one of a fixed number of slices, chosen by a stable hash of the host id, and
 * the read side runs one projection instance per slice.
 *
 * <p>The number of slices must never change on a live journal. Tags are written with each event
 * and never rewritten: with another number, a host's new events would land in another slice than
 * its old ones, so one projection instance would see half of a host's history and another the rest,
 * out of order with each other, and the offsets stored per slice would no longer match.
 */
public record HostCalendarTags(int slices) {
  public static final String PREFIX = "host-calendar-";
  public static final int DEFAULT_SLICES = 4;
  static final String SETTING = "scheduler.read-side.tag-slices";

  public HostCalendarTags {
    if (slices < 1 || slices > 64) {
      throw new IllegalArgumentException(SETTING + " must be between 1 and 64, not " + slices);
    }
  }

  /** The entity test kit starts systems without the node's configuration: they get the default. */
  public static HostCalendarTags from(Config config) {
    return new HostCalendarTags(config.hasPath(SETTING) ? config.getInt(SETTING) : DEFAULT_SLICES);
  }

  // String.hashCode is fixed by the Java language specification, so the slice of a host is the
  // same in every JVM and every release.
  public String tagFor(String hostId) {
    return PREFIX + Math.floorMod(hostId.hashCode(), slices);
  }

  public List<String> all() {
    return IntStream.range(0, slices).mapToObj(i -> PREFIX + i).toList();
  }
}
