package dev.scheduler.node.persistence;

import dev.scheduler.node.config.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator at start what an acknowledged booking survives on this database, and warns
 * when PostgreSQL is set up to acknowledge commits before they are on disk.
 */
public final class DurabilityCheck {
  private static final Logger LOG = LoggerFactory.getLogger(DurabilityCheck.class);

  private DurabilityCheck() {}

  public static void report(DatabaseSettings database) {
    if (database.kind() == DatabaseSettings.Kind.H2) {
      LOG.info("Durability: embedded H2. Acknowledged writes survive a crash of this process, not a power "
          + "loss or an operating-system crash (H2 does not sync its file on commit); use PostgreSQL "
          + "(SCHEDULER_DB_URL) where that matters");
      return;
    }
    try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
        Statement statement = connection.createStatement()) {
      List<String> unsafe = new ArrayList<>();
      for (String setting : List.of("fsync", "synchronous_commit")) {
        try (ResultSet result = statement.executeQuery("SHOW " + setting)) {
          if (result.next() && result.getString(1).equalsIgnoreCase("off")) {
            unsafe.add(setting + " = off");
          }
        }
      }
      if (unsafe.isEmpty()) {
        LOG.info("Durability: PostgreSQL commits are on disk before a booking is acknowledged");
      } else {
        LOG.warn("Durability: PostgreSQL has {}: a booking acknowledged just before a crash of the database "
            + "server or its machine can be lost. Turn it on for production", String.join(" and ", unsafe));
      }
    } catch (SQLException e) {
      LOG.warn("Durability: could not read PostgreSQL's fsync and synchronous_commit settings: {}", e.getMessage());
    }
  }
}
