package dev.scheduler.node.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.node.config.DatabaseSettings;
import dev.scheduler.node.persistence.SchemaInitializer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attempts table stays bounded: the latest attempts of each subscription are kept. */
class WebhookStoreTest {
  private static final Instant T0 = Instant.parse("2027-03-01T13:00:00Z");

  @TempDir Path dataDir;

  @Test
  void onlyTheLatestAttemptsOfASubscriptionAreKept() throws Exception {
    DatabaseSettings db = new DatabaseSettings(DatabaseSettings.Kind.H2,
        "jdbc:h2:file:" + dataDir.resolve("scheduler") + ";DATABASE_TO_UPPER=false", "sa", "");
    SchemaInitializer.ensureSchema(db);
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password())) {
      for (int i = 1; i <= 7; i++) {
        WebhookStore.recordAttempt(connection, new WebhookStore.Attempt("s1", "h-" + i, "booking.created", 1,
            T0.plusSeconds(i), i % 2 == 0 ? 200 : null, i % 2 == 0 ? null : "timeout after 10000 ms", i), 3);
        WebhookStore.recordAttempt(connection, new WebhookStore.Attempt("s2", "h-" + i, "booking.created", 1,
            T0.plusSeconds(i), 200, null, i), 5);
      }
      List<WebhookStore.Attempt> kept = WebhookStore.attempts(connection, "s1");
      assertThat(kept).extracting(WebhookStore.Attempt::eventId).containsExactly("h-7", "h-6", "h-5");
      assertThat(kept.get(0).status()).isNull();
      assertThat(kept.get(0).error()).isEqualTo("timeout after 10000 ms");
      assertThat(kept.get(1).status()).isEqualTo(200);
      assertThat(WebhookStore.attempts(connection, "s2")).hasSize(5);
    }
  }
}
