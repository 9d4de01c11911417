package dev.scheduler.node.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.config.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The rows of notify_outbox, read straight from a node's database. */
record OutboxRows(String url, String user, String password) {

  record Row(String messageId, String bookingId, String audience, String recipient, String kind, String state,
      int attempts, String lastError) {}

  static OutboxRows of(SchedulerNode node) {
    DatabaseSettings db = node.settings().database();
    return new OutboxRows(db.url(), db.user(), db.password());
  }

  List<Row> read() {
    List<Row> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url, user, password);
        PreparedStatement select = connection.prepareStatement("SELECT message_id, booking_id, audience, recipient,"
            + " kind, state, attempts, last_error FROM notify_outbox ORDER BY event_seq_nr, message_id");
        ResultSet row = select.executeQuery()) {
      while (row.next()) {
        rows.add(new Row(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
            row.getString(6), row.getInt(7), row.getString(8)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  /** Polls until the rows satisfy the condition, or fails with the last rows seen. */
  List<Row> await(Predicate<List<Row>> condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Row> last = read();
    while (!condition.test(last) && System.nanoTime() < deadline) {
      Pause.of(Duration.ofMillis(200));
      last = read();
    }
    assertThat(condition.test(last)).as("%s within %s; last seen: %s", what, timeout, last).isTrue();
    return last;
  }

  static final class Pause {
    private Pause() {}

    static void of(Duration duration) {
      try {
        Thread.sleep(duration.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
