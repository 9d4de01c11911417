package dev.scheduler.node.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.ApiResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** A host's ICS connections through the API: add one, read its view, wait for a state, remove it. */
public final class FeedConnections {
  private FeedConnections() {}

  /** Adds the feed and answers the new connection's id. */
  public static String add(ApiFixture host, String url) {
    ApiResponse added = host.api().post("/api/v1/hosts/" + host.hostId() + "/calendars/ics", host.token(),
        Map.of("url", url), Map.of());
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    return added.json().get("id").asText();
  }

  public static JsonNode view(ApiFixture host, String connectionId) {
    ApiResponse list = host.api().get("/api/v1/hosts/" + host.hostId() + "/calendars", host.token());
    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    for (JsonNode calendar : list.json().path("calendars")) {
      if (connectionId.equals(calendar.path("id").asText())) {
        return calendar;
      }
    }
    return null;
  }

  /** Polls the connection's view until {@code ready} holds; fails with the last view seen. */
  public static JsonNode await(ApiFixture host, String connectionId, Duration within, Predicate<JsonNode> ready)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = view(host, connectionId);
      if (last != null && ready.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("connection " + connectionId + " did not get there within " + within + "; last " + last);
  }

  public static Predicate<JsonNode> status(String status) {
    return view -> status.equals(view.path("status").asText());
  }

  public static ApiResponse remove(ApiFixture host, String connectionId) {
    return host.api().send("DELETE", "/api/v1/hosts/" + host.hostId() + "/calendars/" + connectionId, host.token(),
        null, Map.of());
  }
}
