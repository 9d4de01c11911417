package dev.scheduler.node.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.audit.AuditResult;
import dev.scheduler.harness.audit.Auditor;
import dev.scheduler.harness.audit.ClientLedger;
import dev.scheduler.harness.audit.JournalHistorySource;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.harness.load.LoadFixture;
import dev.scheduler.harness.load.LoadRunner;
import dev.scheduler.harness.load.LoadTarget;
import dev.scheduler.harness.load.Operation;
import dev.scheduler.harness.load.OperationStats;
import dev.scheduler.harness.load.OutcomeKind;
import dev.scheduler.harness.load.ProgressSink;
import dev.scheduler.harness.load.Scenario;
import dev.scheduler.harness.load.ScenarioOptions;
import dev.scheduler.harness.load.SystemRun;
import dev.scheduler.harness.postgres.PostgresTestServer;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.TestNodes;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load harness end to end against a real node on PostgreSQL: a short hotspot run through the
 * harness's API, then the auditor reading the node's journal straight from the database.
 */
class HotspotLoadTest {
  @TempDir Path dataDir;

  @Test
  void aHotspotRunIsAuditedCleanFromTheJournal() throws Exception {
    PostgresTestServer server = PostgresTestServer.shared();
    var db = new TestNodes.PostgresDatabase(server.createDatabase("load"), server.user(), server.password());
    try (SchedulerNode node = TestNodes.postgres(dataDir, db, 0, List.of(), Clock.systemUTC())) {
      awaitReady(new SchedulerApiClient(node.baseUrl()));
      LoadTarget target = new LoadTarget("cluster", List.of(URI.create(node.baseUrl())), TestNodes.ADMIN_TOKEN);
      LoadFixture fixture = LoadRunner.prepare(target, Scenario.HOTSPOT, ScenarioOptions.defaults().withHosts(3));

      SystemRun run = fixture.run(Duration.ofSeconds(3), 100, ProgressSink.NONE);
      AuditResult audit = Auditor.audit(run.ledger(),
          new JournalHistorySource(db.url(), db.user(), db.password()).onlyHosts(run.hostIds()));

      OperationStats book = run.operation(Operation.BOOK);
      assertThat(book.completed()).isEqualTo(300);
      assertThat(book.count(OutcomeKind.OK)).as("bookings made").isGreaterThanOrEqualTo(1);
      assertThat(book.count(OutcomeKind.CONFLICT)).as("slots found taken").isGreaterThan(0);
      assertThat(audit.violations()).isEmpty();
      assertThat(audit.hostsAudited()).isEqualTo(3);
      assertThat(audit.acknowledgedBookings()).isEqualTo(book.count(OutcomeKind.OK));
      // Every booking in the journal is one a client was told about, or one whose answer it never got.
      long indeterminate = run.ledger().bookings().stream()
          .filter(c -> c.outcome() == ClientLedger.Outcome.INDETERMINATE).count();
      assertThat(audit.bookingsInHistory()).isBetween(audit.acknowledgedBookings(),
          audit.acknowledgedBookings() + indeterminate);
    }
  }

  private static void awaitReady(SchedulerApiClient api) throws InterruptedException {
    for (int i = 0; i < 240; i++) {
      if (api.get("/health/ready", null).status() == 200) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the node did not get ready");
  }
}
