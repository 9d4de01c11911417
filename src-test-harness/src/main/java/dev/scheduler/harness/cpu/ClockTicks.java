package dev.scheduler.harness.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Clock ticks per second of {@code /proc}'s CPU times ({@code sysconf(_SC_CLK_TCK)}), read with
 * {@code getconf CLK_TCK}; 100 (Linux's value on every common architecture) when that cannot run,
 * and then {@link #assumed()} says so in the report.
 */
public record ClockTicks(long perSecond, boolean assumed) {
  public static final long LINUX_DEFAULT = 100;
  private static volatile ClockTicks system;

  public ClockTicks {
    if (perSecond <= 0) {
      throw new IllegalArgumentException("ticks per second must be positive: " + perSecond);
    }
  }

  /** This machine's, read once. */
  public static ClockTicks system() {
    ClockTicks ticks = system;
    if (ticks == null) {
      ticks = readGetconf();
      system = ticks;
    }
    return ticks;
  }

  /** {@code ticks} as nanoseconds. */
  public long toNanos(long ticks) {
    return Math.multiplyExact(ticks, 1_000_000_000L) / perSecond;
  }

  private static ClockTicks readGetconf() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return new ClockTicks(Long.parseLong(out), false);
      }
    } catch (IOException | NumberFormatException e) {
      // fall through to the default
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new ClockTicks(LINUX_DEFAULT, true);
  }
}
