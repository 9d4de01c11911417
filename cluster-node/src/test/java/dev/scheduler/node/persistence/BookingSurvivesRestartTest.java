package dev.scheduler.node.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.harness.postgres.PostgresTestServer;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.node.testkit.Scrapes;
import dev.scheduler.node.testkit.TestNodes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same booking flow on real PostgreSQL and on the embedded H2 file, with the node stopped and
 * started again in between: the booking, the host's token and the taken slot all survive. The
 * journal writes through the measured DAO on both.
 */
class BookingSurvivesRestartTest {
  private static final String SLOT = "2027-03-02T14:00:00Z";
  private final MutableClock clock = new MutableClock(Instant.parse("2027-03-01T13:00:00Z"));

  @TempDir Path dataDir;

  @Test
  void onTheEmbeddedH2File() {
    bookRestartAndCheck(() -> TestNodes.embedded(dataDir, clock));
  }

  @Test
  void onPostgreSql() {
    PostgresTestServer server = PostgresTestServer.shared();
    var db = new TestNodes.PostgresDatabase(server.createDatabase("restart"), server.user(), server.password());
    bookRestartAndCheck(() -> TestNodes.postgres(dataDir, db, 0, List.of(), clock));
  }

  private void bookRestartAndCheck(Supplier<SchedulerNode> startNode) {
    ApiFixture host;
    String bookingId;
    String bookingToken;
    try (SchedulerNode node = startNode.get()) {
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      host = ApiFixture.newHost(api, "America/New_York")
          .schedule(Bodies.weekdays("America/New_York", "09:00", "17:00"))
          .eventType("intro", Bodies.eventType(60));
      ApiResponse booked = api.book(host.hostId(), null, Bodies.booking("intro", SLOT, "UTC"), null);
      assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
      bookingId = booked.json().get("id").asText();
      bookingToken = booked.json().get("bookingToken").asText();
      assertThat(Scrapes.value(Scrapes.scrape(api), "scheduler_journal_write_batch_size_count", ""))
          .as("the journal's DAO is the measured one on this database too").isPositive();
    }

    try (SchedulerNode node = startNode.get()) {
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      ApiResponse read = api.getBooking(host.hostId(), bookingId, bookingToken);
      assertThat(read.status()).as(read.toString()).isEqualTo(200);
      assertThat(read.json().get("status").asText()).isEqualTo("CONFIRMED");
      assertThat(read.json().get("start").asText()).isEqualTo(SLOT);
      assertThat(api.get("/api/v1/hosts/" + host.hostId(), host.token()).status()).isEqualTo(200);
      ApiResponse again = api.book(host.hostId(), null, Bodies.booking("intro", SLOT, "UTC"), null);
      assertThat(again.status()).as(again.toString()).isEqualTo(409);
    }
  }
}
