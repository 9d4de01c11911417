package dev.scheduler.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.Scrapes;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} of a real node, in the Prometheus text format, after real requests. */
class MetricsApiTest extends NodeApiTestBase {
  private static final String TUESDAY_9 = "2027-03-02T14:00:00Z";
  private static final String BOOKINGS = "/api/v1/hosts/{hostId}/bookings";
  private static final String MAIL_SENT = "channel=\"mail\",outcome=\"sent\"";

  @Test
  void requestsBookingsEntityAsksAndTheJvmAreCountedUnderRouteTemplatesNeverIds() throws Exception {
    ApiFixture host = publishedHost();
    String before = scrape();
    double created = value(before, "scheduler_bookings_total", "outcome=\"created\"");
    double conflicts = value(before, "scheduler_bookings_total", "outcome=\"conflict\"");
    double booked201 = value(before, "http_server_requests_seconds_count",
        "method=\"POST\",route=\"" + BOOKINGS + "\",status=\"201\"");

    assertThat(book(host).status()).isEqualTo(201);
    assertThat(book(host).status()).isEqualTo(409);
    assertThat(api.get("/api/v1/hosts/" + host.hostId() + "/no-such-thing", host.token()).status()).isEqualTo(404);

    String after = scrape();
    assertThat(value(after, "scheduler_bookings_total", "outcome=\"created\"")).isEqualTo(created + 1);
    assertThat(value(after, "scheduler_bookings_total", "outcome=\"conflict\"")).isEqualTo(conflicts + 1);
    assertThat(value(after, "http_server_requests_seconds_count",
        "method=\"POST\",route=\"" + BOOKINGS + "\",status=\"201\"")).isEqualTo(booked201 + 1);
    assertThat(value(after, "http_server_requests_seconds_bucket",
        "method=\"POST\",route=\"" + BOOKINGS + "\",status=\"409\",le=\"10.0\"")).isGreaterThanOrEqualTo(1);
    assertThat(value(after, "http_server_requests_seconds_count", "route=\"other\",status=\"404\""))
        .as("a path that is no route is counted as 'other'").isGreaterThanOrEqualTo(1);
    assertThat(value(after, "scheduler_entity_ask_seconds_count", "command=\"Book\",entity=\"host\",outcome=\"ok\""))
        .as("both booking asks were answered (a 409 is an answer)").isGreaterThanOrEqualTo(2);
    assertThat(value(after, "jvm_memory_used_bytes", "area=\"heap\"")).isPositive();
    assertThat(value(after, "process_cpu_time_ns_total", "")).isPositive();
    assertThat(value(after, "scheduler_http_in_flight", "")).isGreaterThanOrEqualTo(0);
    assertThat(value(after, "scheduler_journal_write_batch_size_count", ""))
        .as("the booking's event went through a measured journal transaction")
        .isGreaterThan(value(before, "scheduler_journal_write_batch_size_count", ""));
    assertThat(value(after, "scheduler_journal_write_seconds_count", "outcome=\"ok\""))
        .isGreaterThan(value(before, "scheduler_journal_write_seconds_count", "outcome=\"ok\""));
    assertThat(value(after, "scheduler_journal_write_batch_size_bucket", "le=\"400.0\""))
        .isEqualTo(value(after, "scheduler_journal_write_batch_size_count", ""));
    assertThat(after).as("no id, token or name becomes a label").doesNotContain(host.hostId())
        .doesNotContain(host.token()).doesNotContain("Bo Invitee");
  }

  @Test
  void backgroundGaugesShowTheEntitiesHereAndTheOutboxDepthAndMailsAreCountedAsSent() throws Exception {
    ApiFixture host = publishedHost();
    double sent = value(scrape(), "scheduler_outbox_deliveries_total", MAIL_SENT);
    assertThat(book(host).status()).isEqualTo(201);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    String text = scrape();
    while ((value(text, "scheduler_sharding_entities", "entity=\"HostCalendar\"") < 1
        || !text.contains("scheduler_outbox_messages{channel=\"mail\"")
        || value(text, "scheduler_outbox_deliveries_total", MAIL_SENT) <= sent) && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      text = scrape();
    }
    assertThat(value(text, "scheduler_sharding_entities", "entity=\"HostCalendar\"")).isGreaterThanOrEqualTo(1);
    assertThat(text).as("the booking's mails are in the outbox").contains("scheduler_outbox_messages{channel=\"mail\"");
    assertThat(value(text, "scheduler_outbox_deliveries_total", MAIL_SENT))
        .as("the confirmation mails were written to the .eml transport").isGreaterThan(sent);
    assertThat(text).as("every outcome has its series from the start")
        .contains("scheduler_outbox_deliveries_total{channel=\"mail\",outcome=\"retry\"}")
        .contains("scheduler_outbox_deliveries_total{channel=\"webhook\",outcome=\"failed\"}")
        .doesNotContain(host.hostId()).doesNotContain("@example");
    assertThat(text).as("no connection writes bookings back here, but the depth is shown")
        .contains("scheduler_writeback_outbox_rows 0.0").contains("scheduler_writeback_oldest_row_age_seconds 0.0");
  }

  private static ApiResponse book(ApiFixture host) {
    return api.book(host.hostId(), null, Bodies.booking("intro", TUESDAY_9, "Europe/Paris"), null);
  }

  private static String scrape() {
    return Scrapes.scrape(api);
  }

  private static double value(String text, String name, String labels) {
    return Scrapes.value(text, name, labels);
  }
}
