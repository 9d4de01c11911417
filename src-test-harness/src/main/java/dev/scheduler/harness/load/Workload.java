package dev.scheduler.harness.load;

/**
 * Decides what each request of a run is. {@link #next} is called on the scheduling thread only,
 * once per tick of the open-loop schedule, and must not block; {@link #completed} is called on
 * any thread when a request has its final outcome.
 */
interface Workload {

  PlannedRequest next(long seq);

  default void completed(PlannedRequest request, Completion completion) {}
}
