package dev.scheduler.harness.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC assertions shared by the PostgreSQL tests. */
final class DbChecks {
  private DbChecks() {}

  /** select 1, then a table of our own holding one row with {@code value}. */
  static void createTableWithRow(PostgresTestServer server, String url, String value) throws SQLException {
    try (Connection c = server.connect(url); Statement s = c.createStatement()) {
      assertThat(single(s, "select 1")).isEqualTo("1");
      s.execute("create table note (id serial primary key, text varchar(100) not null)");
      s.execute("insert into note (text) values ('" + value + "')");
    }
  }

  static List<String> notes(PostgresTestServer server, String url) throws SQLException {
    try (Connection c = server.connect(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select text from note order by id")) {
      List<String> texts = new ArrayList<>();
      while (rs.next()) {
        texts.add(rs.getString(1));
      }
      return texts;
    }
  }

  static String single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as("a row from " + sql).isTrue();
      return rs.getString(1);
    }
  }

  static String single(PostgresTestServer server, String url, String sql) throws SQLException {
    try (Connection c = server.connect(url); Statement s = c.createStatement()) {
      return single(s, sql);
    }
  }
}
