package dev.scheduler.harness.cpu;

import dev.scheduler.harness.load.Operation;
import dev.scheduler.harness.load.OperationStats;
import dev.scheduler.harness.load.OutcomeKind;
import dev.scheduler.harness.load.Scenario;
import dev.scheduler.harness.load.SystemRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A system's server-side CPU over a run's measured window (after the warm-up: from just before the
 * first request to the last answer), and what it costs per 1,000 answered requests (answered: a
 * definite answer, 2xx, 409 or other 4xx; the CPU spent on requests that failed is in the
 * numerator too).
 *
 * @param windowSeconds how long the window lasted
 * @param answered answered requests of every operation
 * @param answeredByOperation answered requests by operation label
 * @param figureIsPer which operation the per-1,000 figure belongs to: {@code book} or {@code slots}
 *     for a single-operation scenario, else a description of the mix it is an average over
 * @param parts each measured part (nodes, server, database): what was counted, CPU seconds, ms per 1,000
 * @param cpuSeconds all parts together; null when a part could not be measured
 * @param msPer1000Answered all parts together; null when a part could not be measured or nothing was answered
 * @param clockTicksPerSecond the /proc tick rate used
 * @param clockTicksAssumed true when {@code getconf CLK_TCK} could not run and 100 was assumed
 */
public record CpuReport(double windowSeconds, long answered, Map<String, Long> answeredByOperation,
    String figureIsPer, List<Part> parts, Double cpuSeconds, Double msPer1000Answered, long clockTicksPerSecond,
    boolean clockTicksAssumed) {

  /**
   * One part.
   *
   * @param counted the processes or threads counted
   * @param cpuSeconds null when not measured
   * @param msPer1000Answered null when not measured or nothing was answered
   * @param error why it was not measured
   */
  public record Part(String name, List<String> counted, Double cpuSeconds, Double msPer1000Answered, String error) {
    public Part {
      counted = counted == null ? List.of() : List.copyOf(counted);
    }
  }

  public CpuReport {
    answeredByOperation = answeredByOperation == null ? Map.of() : new LinkedHashMap<>(answeredByOperation);
    parts = parts == null ? List.of() : List.copyOf(parts);
  }

  /** From a window's usage and the run measured in it. */
  public static CpuReport of(CpuMeter.Usage usage, SystemRun run, ClockTicks ticks) {
    return of(usage, run.scenario(), answeredByOperation(run), ticks);
  }

  public static CpuReport of(CpuMeter.Usage usage, Scenario scenario, Map<String, Long> answeredByOperation,
      ClockTicks ticks) {
    long answered = answeredByOperation.values().stream().mapToLong(Long::longValue).sum();
    List<Part> parts = new ArrayList<>();
    long total = 0;
    boolean whole = true;
    for (CpuMeter.PartUsage part : usage.parts()) {
      if (part.error() != null) {
        whole = false;
        parts.add(new Part(part.name(), part.counted(), null, null, part.error()));
      } else {
        total += part.cpuNanos();
        parts.add(new Part(part.name(), part.counted(), seconds(part.cpuNanos()),
            msPer1000(part.cpuNanos(), answered), null));
      }
    }
    return new CpuReport(usage.window().toNanos() / 1e9, answered, answeredByOperation, figureIsPer(scenario), parts,
        whole ? seconds(total) : null, whole ? msPer1000(total, answered) : null, ticks.perSecond(), ticks.assumed());
  }

  /** Answered (2xx, 409, other 4xx) requests by operation label, in the operations' order. */
  public static Map<String, Long> answeredByOperation(SystemRun run) {
    Map<String, Long> answered = new LinkedHashMap<>();
    for (Operation op : Operation.values()) {
      OperationStats stats = run.operation(op);
      if (stats != null) {
        answered.put(op.label(), stats.outcomes().entrySet().stream().filter(e -> e.getKey().isDefinite())
            .mapToLong(Map.Entry::getValue).sum());
      }
    }
    return answered;
  }

  /** CPU ms per 1,000 answered requests: {@code cpuNanos / 1e6 * 1000 / answered}; null when none was answered. */
  public static Double msPer1000(long cpuNanos, long answered) {
    return answered <= 0 ? null : cpuNanos / 1e3 / answered;
  }

  static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /**
   * The operation a scenario's figure belongs to. A mix's figure is an average over its requests:
   * from outside the process, CPU cannot be apportioned by operation (that needs per-operation CPU
   * accounting inside the server).
   */
  public static String figureIsPer(Scenario scenario) {
    return switch (scenario) {
      case SPREAD, HOTSPOT -> Operation.BOOK.label();
      case SLOTS -> Operation.SLOTS.label();
      case MIXED -> "request of the mix (90 % slots, 7 % book, 3 % cancel; not apportionable by operation)";
      case CHURN -> "request of the mix (book, reschedule, cancel; not apportionable by operation)";
    };
  }
}
