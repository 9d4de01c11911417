package dev.scheduler.harness.cpu;

import java.io.IOException;

/**
 * A cumulative CPU-time counter of some part of a system under test (a node process, the
 * PostgreSQL server, a baseline's threads). Only differences between two readings mean anything.
 */
public interface CpuCounter {

  /** What is counted and how, for the report: "node pid 4242 (/proc)". */
  String describe();

  /** CPU time consumed so far, in nanoseconds. */
  long cpuNanos() throws IOException;
}
