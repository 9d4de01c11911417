package dev.scheduler.node.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.protocol.calendar.HostCalendarEntityKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads what a node process holds from outside: live entities (admin cluster view) and heap after GC. */
public final class NodeProbe {
  private NodeProbe() {}

  /** Host calendar entities alive on the node, from {@code GET /api/v1/admin/cluster}. */
  public static int liveHostEntities(SchedulerApiClient api) {
    ApiResponse cluster = api.get("/api/v1/admin/cluster", TestNodes.ADMIN_TOKEN);
    if (cluster.status() != 200) {
      throw new IllegalStateException("the cluster view answered " + cluster);
    }
    int entities = 0;
    for (JsonNode region : cluster.json().path("shardRegions")) {
      if (region.path("entityType").asText().equals(HostCalendarEntityKey.ENTITY_KEY.name())) {
        entities += region.path("entities").asInt();
      }
    }
    return entities;
  }

  /** Heap in use right after a full GC of the process, in MB ({@code jcmd GC.run}, then {@code GC.heap_info}). */
  public static long heapAfterGcMb(long pid) {
    run(pid, "GC.run");
    String info = run(pid, "GC.heap_info");
    long usedKb = 0;
    for (String line : info.split("\n")) {
      // Serial GC: "def new generation   total 9216K, used 1234K [...]" and "tenured generation ..."
      if (line.contains("generation") && line.contains("used ")) {
        String used = line.substring(line.indexOf("used ") + 5).trim();
        usedKb += Long.parseLong(used.substring(0, used.indexOf('K')));
      }
    }
    if (usedKb == 0) {
      throw new IllegalStateException("no heap figures in: " + info);
    }
    return usedKb / 1024;
  }

  private static String run(long pid, String command) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    List<String> args = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid), command));
    try {
      Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + command + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("could not run jcmd", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
