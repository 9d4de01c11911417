package dev.scheduler.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.http.testkit.ApiRouteTest;
import dev.scheduler.protocol.admin.HostWriteBacks;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ListConnections;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/admin/hosts/{hostId}/write-back}: admin only; the host's connections, then their rows. */
class WriteBackRoutesTest extends ApiRouteTest {
  private static final Instant QUEUED = Instant.parse("2027-03-01T12:59:00Z");
  private final List<List<String>> asked = new CopyOnWriteArrayList<>();

  @Override
  protected HostWriteBacks writeBacks() {
    return (host, connectionIds) -> {
      asked.add(connectionIds);
      return CompletableFuture.completedFuture(new HostWriteBacks.View(host, connectionIds.stream()
          .map(id -> new HostWriteBacks.ConnectionQueue(id, 1, QUEUED,
              List.of(new HostWriteBacks.PendingWrite(7, "b1", "UPSERT", QUEUED))))
          .toList()));
    };
  }

  private String outbox() {
    return "/api/v1/admin/hosts/" + hostId + "/write-back";
  }

  @Test
  void theAdminSeesEachConnectionOfTheHostWithItsPendingWrites() {
    var body = assertOk(run(bearer(get(outbox()), ADMIN_TOKEN)), 200);
    assertThat(entities.asked()).singleElement().satisfies(a -> {
      assertThat(a.entityId()).isEqualTo(hostId);
      assertThat(((ListConnections) a.command()).access()).isEqualTo(Access.asAdmin());
    });
    assertThat(asked).containsExactly(List.of("c-ics"));
    assertThat(body.path("hostId").asText()).isEqualTo(hostId);
    assertThat(body.at("/connections/0/connectionId").asText()).isEqualTo("c-ics");
    assertThat(body.at("/connections/0/pending").asLong()).isEqualTo(1);
    assertThat(body.at("/connections/0/oldestPendingAt").asText()).isEqualTo("2027-03-01T12:59:00Z");
    assertThat(body.at("/connections/0/rows/0/sequenceNr").asLong()).isEqualTo(7);
    assertThat(body.at("/connections/0/rows/0/action").asText()).isEqualTo("UPSERT");
  }

  @Test
  void withoutATokenIs401AndWithAHostsTokenIs403BeforeAnyLookup() {
    assertError(run(get(outbox())), 401, "unauthorized");
    assertError(run(bearer(get(outbox()), hostToken)), 403, "forbidden");
    assertThat(entities.asked()).isEmpty();
    assertThat(asked).isEmpty();
  }
}
