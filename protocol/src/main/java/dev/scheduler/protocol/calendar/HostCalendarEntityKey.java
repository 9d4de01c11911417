package dev.scheduler.protocol.calendar;

import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/** The sharding key of host calendars: one entity per host id. */
public final class HostCalendarEntityKey {
  private HostCalendarEntityKey() {}

  public static final EntityTypeKey<HostCalendarCommand> ENTITY_KEY =
      EntityTypeKey.create(HostCalendarCommand.class, "HostCalendar");
}
