package dev.scheduler.harness.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The run's figures: per operation over the whole run and per second. Everything is counted at
 * the moment it happens (a request as sent when it is sent, a final outcome when it arrives), into
 * the second that moment falls in. A second's latency histograms are summarised and dropped once
 * the second is over (nothing can land in it any more), so long runs do not pile up histograms.
 * One lock: a few thousand records a second are nothing to it.
 */
final class RunRecorder {
  private static final int OPS = Operation.values().length;
  private static final int KINDS = OutcomeKind.values().length;
  private static final long SECOND = 1_000_000_000L;

  private final long startNanos;
  private final Instant startedAt;
  private final Totals totals = new Totals();
  private final Histogram allLatencies = new Histogram(3);
  private final List<Totals> openSeconds = new ArrayList<>();
  private final List<SecondStats> closedSeconds = new ArrayList<>();
  private int firstOpenSecond;

  RunRecorder(long startNanos, Instant startedAt) {
    this.startNanos = startNanos;
    this.startedAt = startedAt;
  }

  Instant at(long nanos) {
    return startedAt.plusNanos(nanos - startNanos);
  }

  Instant startedAt() {
    return startedAt;
  }

  synchronized void sent(Operation op) {
    totals.sent[op.ordinal()]++;
    second(System.nanoTime()).sent[op.ordinal()]++;
  }

  synchronized void attempt(Operation op, OutcomeKind kind) {
    totals.attempts[op.ordinal()][kind.ordinal()]++;
    second(System.nanoTime()).attempts[op.ordinal()][kind.ordinal()]++;
  }

  /** A request's final outcome; {@code latencyNanos} negative when it was never sent. */
  synchronized void completed(Operation op, OutcomeKind kind, boolean indeterminate, int retries, long latencyNanos) {
    Totals now = second(System.nanoTime());
    for (Totals t : new Totals[] {totals, now}) {
      int o = op.ordinal();
      t.completed[o]++;
      t.outcomes[o][kind.ordinal()]++;
      t.retries[o] += retries;
      if (indeterminate) {
        t.indeterminate[o]++;
      }
      if (latencyNanos >= 0) {
        t.latency(op).recordValue(Math.max(1, latencyNanos / 1000));
      }
    }
    if (latencyNanos >= 0) {
      allLatencies.recordValue(Math.max(1, latencyNanos / 1000));
    }
  }

  /** Summarises and drops every second before the one before now's. */
  synchronized void closeSecondsBefore(long nanos) {
    int current = (int) ((nanos - startNanos) / SECOND);
    closeUpTo(current - 1);
  }

  synchronized ProgressSnapshot progress(String system, long inFlight) {
    long now = System.nanoTime();
    int current = (int) ((now - startNanos) / SECOND);
    Totals last = current - 1 >= firstOpenSecond && current - 1 < firstOpenSecond + openSeconds.size()
        ? openSeconds.get(current - 1 - firstOpenSecond) : null;
    Map<OutcomeKind, Long> outcomes = new EnumMap<>(OutcomeKind.class);
    long indeterminate = 0;
    long retries = 0;
    for (int o = 0; o < OPS; o++) {
      for (int k = 0; k < KINDS; k++) {
        if (totals.outcomes[o][k] > 0) {
          outcomes.merge(OutcomeKind.values()[k], totals.outcomes[o][k], Long::sum);
        }
      }
      indeterminate += totals.indeterminate[o];
      retries += totals.retries[o];
    }
    double sentLast;
    double doneLast;
    if (last != null) {
      sentLast = sum(last.sent);
      doneLast = sum(last.completed);
    } else {
      SecondStats closed = closedSeconds.isEmpty() ? null : closedSeconds.get(closedSeconds.size() - 1);
      sentLast = closed == null ? 0 : closed.sent();
      doneLast = closed == null ? 0 : closed.completed();
    }
    return new ProgressSnapshot(system, Duration.ofNanos(now - startNanos), sum(totals.sent), sum(totals.completed),
        inFlight, sentLast, doneLast, allLatencies.getValueAtPercentile(50) / 1000.0,
        allLatencies.getValueAtPercentile(99) / 1000.0, outcomes, indeterminate, retries);
  }

  /** Closes every second and returns the whole-run figures per operation (operations never sent are absent). */
  synchronized Map<Operation, OperationStats> finish() {
    closeUpTo(firstOpenSecond + openSeconds.size() - 1);
    Map<Operation, OperationStats> result = new EnumMap<>(Operation.class);
    for (Operation op : Operation.values()) {
      int o = op.ordinal();
      if (totals.sent[o] == 0 && totals.completed[o] == 0) {
        continue;
      }
      result.put(op, new OperationStats(op, totals.sent[o], totals.completed[o], kinds(totals.outcomes[o]),
          totals.indeterminate[o], totals.retries[o], kinds(totals.attempts[o]), totals.latency(op).copy()));
    }
    return result;
  }

  synchronized List<SecondStats> series() {
    return List.copyOf(closedSeconds);
  }

  private Totals second(long nanos) {
    int index = (int) Math.max(0, (nanos - startNanos) / SECOND);
    if (index < firstOpenSecond) {
      index = firstOpenSecond; // cannot happen under the lock; keeps a late record in the run anyway
    }
    while (firstOpenSecond + openSeconds.size() <= index) {
      openSeconds.add(new Totals());
    }
    return openSeconds.get(index - firstOpenSecond);
  }

  private void closeUpTo(int lastToClose) {
    while (!openSeconds.isEmpty() && firstOpenSecond <= lastToClose) {
      Totals t = openSeconds.remove(0);
      Map<Operation, OperationSecond> ops = new EnumMap<>(Operation.class);
      for (Operation op : Operation.values()) {
        int o = op.ordinal();
        if (t.sent[o] == 0 && t.completed[o] == 0 && sum(t.attempts[o]) == 0) {
          continue;
        }
        ops.put(op, new OperationSecond(t.sent[o], t.completed[o], kinds(t.outcomes[o]), t.indeterminate[o],
            t.retries[o], kinds(t.attempts[o]), LatencySummary.of(t.latencies[o])));
      }
      closedSeconds.add(new SecondStats(firstOpenSecond, startedAt.plusSeconds(firstOpenSecond), ops));
      firstOpenSecond++;
    }
  }

  private static Map<OutcomeKind, Long> kinds(long[] counts) {
    Map<OutcomeKind, Long> map = new EnumMap<>(OutcomeKind.class);
    for (int k = 0; k < counts.length; k++) {
      if (counts[k] > 0) {
        map.put(OutcomeKind.values()[k], counts[k]);
      }
    }
    return map;
  }

  private static long sum(long[] values) {
    long total = 0;
    for (long v : values) {
      total += v;
    }
    return total;
  }

  /** Counters and latencies of the whole run or of one second. */
  private static final class Totals {
    final long[] sent = new long[OPS];
    final long[] completed = new long[OPS];
    final long[][] outcomes = new long[OPS][KINDS];
    final long[][] attempts = new long[OPS][KINDS];
    final long[] indeterminate = new long[OPS];
    final long[] retries = new long[OPS];
    final Histogram[] latencies = new Histogram[OPS];

    /** Microseconds; three significant digits, resized as values come. */
    Histogram latency(Operation op) {
      if (latencies[op.ordinal()] == null) {
        latencies[op.ordinal()] = new Histogram(3);
      }
      return latencies[op.ordinal()];
    }
  }
}
