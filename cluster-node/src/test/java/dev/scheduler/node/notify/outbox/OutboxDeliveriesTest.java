package dev.scheduler.node.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.node.config.DatabaseSettings;
import dev.scheduler.node.persistence.SchemaInitializer;
import dev.scheduler.node.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One worker round over messages that go every way: each is counted under its outcome, by channel only. */
class OutboxDeliveriesTest {
  private static final Instant NOW = Instant.parse("2027-03-01T13:00:00Z");
  private static final Map<String, SendOutcome> ANSWERS = Map.of(
      "sent@example.com", new SendOutcome(SendOutcome.Status.SENT, "ok"),
      "busy@example.com", new SendOutcome(SendOutcome.Status.RETRY, "421 try later"),
      "old@example.com", new SendOutcome(SendOutcome.Status.RETRY, "421 try later"),
      "refused@example.com", new SendOutcome(SendOutcome.Status.PERMANENT, "550 no such user"));

  @TempDir Path dataDir;

  @Test
  void eachMessagesOutcomeIsCountedOnce() throws Exception {
    DatabaseSettings db = new DatabaseSettings(DatabaseSettings.Kind.H2,
        "jdbc:h2:file:" + dataDir.resolve("scheduler") + ";DATABASE_TO_UPPER=false", "sa", "");
    SchemaInitializer.ensureSchema(db);
    ConnectionSource database = () -> DriverManager.getConnection(db.url(), db.user(), db.password());
    try (Connection connection = database.open()) {
      connection.setAutoCommit(true);
      insert(connection, message("m1", "sent@example.com", NOW));
      insert(connection, message("m2", "busy@example.com", NOW));
      insert(connection, message("m3", "old@example.com", NOW.minus(Duration.ofDays(3))));
      insert(connection, message("m4", "refused@example.com", NOW));
      insert(connection, message("m5", "sent@example.com", NOW).withExpiresAt(NOW.minusSeconds(1)));
    }
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    OutboxWorker worker = new OutboxWorker("mail", database, message -> ANSWERS.get(message.recipient()),
        new RetryPolicy(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(2)), new MutableClock(NOW),
        () -> 0.5, 10).countedIn(registry);

    assertThat(worker.runOnce()).isEqualTo(5);

    assertThat(count(registry, "sent")).isEqualTo(1);
    assertThat(count(registry, "retry")).isEqualTo(1);
    assertThat(count(registry, "failed")).as("refused, and given up after two days").isEqualTo(2);
    assertThat(count(registry, "obsolete")).as("expired unsent, never tried").isEqualTo(1);
    assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags())
        .extracting(tag -> tag.getKey()).containsExactlyInAnyOrder("channel", "outcome"));
  }

  private static OutboxMessage message(String id, String recipient, Instant createdAt) {
    return OutboxMessage.pending(id, "mail", "host-1", "booking-" + id, 1, "invitee", recipient, "confirmation",
        "{}", NOW.minusSeconds(1), createdAt);
  }

  private static void insert(Connection connection, OutboxMessage message) throws Exception {
    assertThat(OutboxStore.insertIfAbsent(connection, message, message.createdAt())).isTrue();
  }

  private static double count(SimpleMeterRegistry registry, String outcome) {
    return registry.get("scheduler.outbox.deliveries").tags("channel", "mail", "outcome", outcome).counter().count();
  }
}
