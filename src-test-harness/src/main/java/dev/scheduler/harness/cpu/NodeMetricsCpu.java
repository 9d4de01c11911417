package dev.scheduler.harness.cpu;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A node's CPU time from its own {@code GET /metrics}: Micrometer's
 * {@code process_cpu_time_ns_total} (the JVM's {@code getProcessCpuTime()}, the same utime + stime
 * as {@code /proc}), for nodes whose process the harness cannot see.
 */
public final class NodeMetricsCpu implements CpuCounter {
  public static final String METRIC = "process_cpu_time_ns_total";
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI node;

  public NodeMetricsCpu(URI node) {
    this.node = node;
  }

  @Override
  public String describe() {
    return "node " + node + " (" + METRIC + " from /metrics)";
  }

  @Override
  public long cpuNanos() throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(node + "/metrics")).timeout(Duration.ofSeconds(10))
        .GET().build();
    HttpResponse<String> response;
    try {
      response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted reading " + request.uri(), e);
    }
    if (response.statusCode() != 200) {
      throw new IOException(request.uri() + " answered " + response.statusCode());
    }
    return parse(response.body());
  }

  /** The metric's value in a Prometheus text scrape (labels, if any, ignored; one series expected). */
  static long parse(String scrape) throws IOException {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(METRIC) && (line.length() == METRIC.length()
          || line.charAt(METRIC.length()) == ' ' || line.charAt(METRIC.length()) == '{')) {
        String[] parts = line.trim().split("\\s+");
        // "name{labels} value [timestamp]": the value follows the name (labels hold no spaces here).
        return (long) Double.parseDouble(parts[1]);
      }
    }
    throw new IOException("no " + METRIC + " in the scrape");
  }
}
