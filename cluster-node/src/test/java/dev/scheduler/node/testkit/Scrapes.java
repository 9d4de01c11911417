package dev.scheduler.node.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A node's {@code GET /metrics} and the samples in it. */
public final class Scrapes {
  private Scrapes() {}

  public static String scrape(SchedulerApiClient api) {
    ApiResponse response = api.get("/metrics", null);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.headers().get("Content-Type").get(0)).startsWith("text/plain");
    return response.body();
  }

  /**
   * The sample of {@code name} whose labels contain {@code labels} (0 when there is none yet). Route
   * labels hold braces ({@code {hostId}}), so the label set is everything up to the last space.
   */
  public static double value(String text, String name, String labels) {
    Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{.*\\})? (\\S+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(text);
    while (m.find()) {
      String found = m.group(1) == null ? "" : m.group(1);
      if (found.contains(labels)) {
        return Double.parseDouble(m.group(2));
      }
    }
    return 0;
  }
}
