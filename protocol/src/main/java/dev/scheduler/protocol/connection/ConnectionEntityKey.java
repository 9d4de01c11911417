package dev.scheduler.protocol.connection;

import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/** The sharding key of calendar connections: one entity per connection id. */
public final class ConnectionEntityKey {
  private ConnectionEntityKey() {}

  public static final EntityTypeKey<ConnectionCommand> ENTITY_KEY =
      EntityTypeKey.create(ConnectionCommand.class, "CalendarConnection");
}
