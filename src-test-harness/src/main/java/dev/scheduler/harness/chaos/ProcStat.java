package dev.scheduler.harness.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's scheduler state from Linux's /proc. */
final class ProcStat {
  private ProcStat() {}

  /** True when the process is stopped by a signal (state T); false when running, gone, or not Linux. */
  static boolean isStopped(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
      // "pid (comm) S ...": the command may hold spaces and parentheses, so look after the last ')'.
      int close = stat.lastIndexOf(')');
      return close > 0 && stat.length() > close + 2 && stat.charAt(close + 2) == 'T';
    } catch (IOException e) {
      return false;
    }
  }
}
