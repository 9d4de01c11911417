package dev.scheduler.harness.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One HTTP answer, whatever its status: tests assert on status, headers and body themselves. */
public record ApiResponse(int status, Map<String, List<String>> headers, String body) {

  public ApiResponse {
    // HTTP header names are case-insensitive; keep lookups that way whatever the server sent.
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableMap(copy);
    body = body == null ? "" : body;
  }

  /** The body as JSON; a MissingNode for an empty body. Fails with the body shown if not JSON. */
  public JsonNode json() {
    if (body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return SchedulerApiClient.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response body is not JSON (status " + status + "): " + body, e);
    }
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  @Override
  public String toString() {
    return "HTTP " + status + " " + body;
  }
}
