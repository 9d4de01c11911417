package dev.scheduler.harness.load;

import java.time.Instant;
import java.util.Map;

/**
 * Second {@code second} of a run (0 is the first), starting at {@code at}: per operation, the
 * requests sent in it and the requests whose final outcome came in it. An operation with nothing
 * in that second is absent.
 */
public record SecondStats(int second, Instant at, Map<Operation, OperationSecond> operations) {

  public SecondStats {
    operations = Map.copyOf(operations);
  }

  public OperationSecond operation(Operation operation) {
    return operations.get(operation);
  }

  public long sent() {
    return operations.values().stream().mapToLong(OperationSecond::sent).sum();
  }

  public long completed() {
    return operations.values().stream().mapToLong(OperationSecond::completed).sum();
  }

  /** Final outcomes of this kind, all operations together. */
  public long count(OutcomeKind kind) {
    return operations.values().stream().mapToLong(o -> o.count(kind)).sum();
  }
}
