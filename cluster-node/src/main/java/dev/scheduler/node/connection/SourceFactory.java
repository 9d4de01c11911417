package dev.scheduler.node.connection;

import dev.scheduler.protocol.connection.ConnectionState;
import java.util.function.Consumer;

/** Opens the provider client of a connection from its persisted state. */
public interface SourceFactory {

  /**
   * @param onCredentialsRefreshed called with newly sealed credentials when the provider refreshed them
   */
  SourceBinding open(ConnectionState state, Consumer<String> onCredentialsRefreshed);

  /** Gives the connection's grant back to the provider, when it has one; blocking, best effort. */
  default void revoke(ConnectionState state) {}

  /** The connection's credentials sealed for another connection of the same account. */
  default String reseal(ConnectionState state, String otherConnectionId) {
    throw new UnsupportedOperationException(state.provider() + " connections have no grant to share");
  }
}
