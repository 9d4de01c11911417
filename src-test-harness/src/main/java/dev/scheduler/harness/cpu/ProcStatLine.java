package dev.scheduler.harness.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of one {@code /proc/<pid>/stat} line that the CPU meter needs (proc(5)): the parent's
 * pid and the CPU times in clock ticks. {@code utime}/{@code stime} are the process's own (all its
 * threads); {@code cutime}/{@code cstime} those of its children that have exited and been waited
 * for.
 */
public record ProcStatLine(long pid, String comm, char state, long ppid, long utime, long stime, long cutime,
    long cstime) {

  /** User plus system time of the process itself, in ticks. */
  public long ownTicks() {
    return utime + stime;
  }

  /** {@link #ownTicks()} plus its reaped children's, in ticks. */
  public long withReapedChildrenTicks() {
    return utime + stime + cutime + cstime;
  }

  /** Parses {@code "pid (comm) S ppid ..."}; the command may hold spaces and parentheses. */
  public static ProcStatLine parse(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
    }
    long pid = Long.parseLong(line.substring(0, open).trim());
    String comm = line.substring(open + 1, close);
    String[] f = line.substring(close + 1).trim().split("\\s+");
    // f[0] is field 3 (state); field n is f[n - 3].
    if (f.length < 15) {
      throw new IllegalArgumentException("short /proc/<pid>/stat line: " + line);
    }
    return new ProcStatLine(pid, comm, f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[11]),
        Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]));
  }

  /** The process's line now; empty when it is gone (or this is not Linux). */
  public static Optional<ProcStatLine> read(long pid) {
    return read(Path.of("/proc"), pid);
  }

  static Optional<ProcStatLine> read(Path proc, long pid) {
    try {
      return Optional.of(parse(Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"),
          StandardCharsets.US_ASCII)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      // A process can exit between listing /proc and reading its stat (ESRCH): the same as gone.
      return Optional.empty();
    }
  }
}
