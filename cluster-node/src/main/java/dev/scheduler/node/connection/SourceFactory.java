package dev.scheduler.node.connection;

import dev.scheduler.protocol.connection.ConnectionState;
import java.util.function.Consumer;

/** Opens the provider client of a connection from its persisted state. */
public interface SourceFactory {

  /**
   * @param onCredentialsRefreshed called with newly sealed credentials when the provider refreshed them
   */
  SourceBinding open(ConnectionState state, Consumer<String> onCredentialsRefreshed);
}
