package dev.scheduler.node.notify.outbox;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.db.SlickExtension;
import org.apache.pekko.persistence.jdbc.db.SlickExtensionImpl;
import slick.jdbc.JdbcDataSource;

/** The node's one shared JDBC pool (the journal's), as the read side uses it: no second pool to size. */
public final class SharedPool {
  private SharedPool() {}

  public static ConnectionSource of(ActorSystem<?> system) {
    SlickExtensionImpl slick = (SlickExtensionImpl) SlickExtension.get(system);
    JdbcDataSource pool = slick.database(system.settings().config().getConfig("jdbc-read-journal"))
        .database().source();
    return pool::createConnection;
  }
}
