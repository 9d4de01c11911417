package dev.scheduler.node.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import java.util.Map;

/** A host made through the API, with its token, ready to publish a schedule and event types. */
public record ApiFixture(SchedulerApiClient api, String hostId, String token) {

  public static ApiFixture newHost(SchedulerApiClient api, String zone) {
    ApiResponse created = api.createHost(TestNodes.ADMIN_TOKEN, "Ann Host", "ann@example.com", zone);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return new ApiFixture(api, created.json().get("id").asText(), created.json().get("apiToken").asText());
  }

  public ApiFixture schedule(Map<String, Object> body) {
    ApiResponse response = api.putSchedule(hostId, token, body);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return this;
  }

  public ApiFixture eventType(String slug, Map<String, Object> body) {
    ApiResponse response = api.putEventType(hostId, token, slug, body);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return this;
  }
}
