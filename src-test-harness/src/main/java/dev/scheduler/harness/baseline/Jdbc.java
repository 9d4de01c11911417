package dev.scheduler.harness.baseline;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Plain JDBC connections to PostgreSQL, named so that {@code pg_stat_activity} tells who is who. */
final class Jdbc {
  private Jdbc() {}

  static Connection connect(String url, String user, String password, String applicationName) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    if (password != null && !password.isEmpty()) {
      properties.setProperty("password", password);
    }
    properties.setProperty("ApplicationName", applicationName);
    return DriverManager.getConnection(url, properties);
  }
}
