package dev.scheduler.harness.cpu;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a system's CPU counters at the start and at the end of a measured window.
 *
 * <pre>{@code
 * CpuMeter meter = new CpuMeter(List.of(CpuMeter.Part.of("nodes", counters), CpuMeter.Part.of("database", pg)));
 * CpuMeter.Window window = meter.start();
 * SystemRun run = fixture.run(duration, rate, progress);
 * CpuReport cpu = CpuReport.of(window.stop(), run);
 * }</pre>
 */
public final class CpuMeter {

  /**
   * A part of the system, its counters summed.
   *
   * @param unavailable why this part cannot be measured (no counter); null when it can
   */
  public record Part(String name, List<CpuCounter> counters, String unavailable) {
    public Part {
      Objects.requireNonNull(name, "name");
      counters = List.copyOf(counters);
    }

    public static Part of(String name, List<CpuCounter> counters) {
      return new Part(name, counters, null);
    }

    public static Part unavailable(String name, String why) {
      return new Part(name, List.of(), why);
    }
  }

  /**
   * One part's CPU over the window.
   *
   * @param counted what was counted (one line per counter)
   * @param cpuNanos the sum of the counters' differences; meaningless when {@code error} is set
   * @param error why the part could not be measured; null when it was
   */
  public record PartUsage(String name, List<String> counted, long cpuNanos, String error) {
    public PartUsage {
      counted = List.copyOf(counted);
    }
  }

  /** Every part's CPU over a window of {@code window}. */
  public record Usage(Duration window, List<PartUsage> parts) {
    public Usage {
      parts = List.copyOf(parts);
    }
  }

  private final List<Part> parts;

  public CpuMeter(List<Part> parts) {
    this.parts = List.copyOf(parts);
  }

  public List<Part> parts() {
    return parts;
  }

  /** Takes the first readings. */
  public Window start() {
    return new Window(read(), System.nanoTime());
  }

  /** The difference of two readings of a cumulative counter; a counter that went back was restarted. */
  static long delta(long start, long end) throws IOException {
    if (end < start) {
      throw new IOException("the counter went back (" + start + " to " + end + " ns): the process restarted?");
    }
    return end - start;
  }

  private List<Reading> read() {
    List<Reading> readings = new ArrayList<>();
    for (Part part : parts) {
      long[] values = new long[part.counters().size()];
      String error = part.unavailable();
      for (int i = 0; i < values.length && error == null; i++) {
        try {
          values[i] = part.counters().get(i).cpuNanos();
        } catch (IOException | RuntimeException e) {
          error = part.counters().get(i).describe() + ": " + e.getMessage();
        }
      }
      readings.add(new Reading(values, error));
    }
    return readings;
  }

  private record Reading(long[] values, String error) {}

  /** A started window. */
  public final class Window {
    private final List<Reading> start;
    private final long startNanos;

    private Window(List<Reading> start, long startNanos) {
      this.start = start;
      this.startNanos = startNanos;
    }

    /** Takes the second readings: each part's CPU over the window. */
    public Usage stop() {
      List<Reading> end = read();
      Duration window = Duration.ofNanos(System.nanoTime() - startNanos);
      List<PartUsage> usages = new ArrayList<>();
      for (int p = 0; p < parts.size(); p++) {
        Part part = parts.get(p);
        List<String> counted = part.counters().stream().map(CpuCounter::describe).toList();
        String error = start.get(p).error() != null ? "at the start: " + start.get(p).error()
            : end.get(p).error() != null ? "at the end: " + end.get(p).error() : null;
        long sum = 0;
        for (int i = 0; error == null && i < counted.size(); i++) {
          try {
            sum += delta(start.get(p).values()[i], end.get(p).values()[i]);
          } catch (IOException e) {
            error = counted.get(i) + ": " + e.getMessage();
          }
        }
        usages.add(new PartUsage(part.name(), counted, error == null ? sum : 0, error));
      }
      return new Usage(window, usages);
    }
  }
}
