package dev.scheduler.node.readside;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How an exactly-once read side groups events into one transaction: at most {@code maxEvents},
 * and a batch is closed {@code maxWait} after its first event arrived. The journal is polled
 * (jdbc-read-journal.refresh-interval), so a short wait already collects what one poll returned.
 */
record ReadSideBatching(int maxEvents, Duration maxWait) {
  ReadSideBatching {
    if (maxEvents < 1) {
      throw new IllegalArgumentException("scheduler.read-side.batch.max-events must be at least 1, not " + maxEvents);
    }
    if (maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException("scheduler.read-side.batch.max-wait must be positive, not " + maxWait);
    }
  }

  static ReadSideBatching from(Config config) {
    Config batch = config.getConfig("scheduler.read-side.batch");
    return new ReadSideBatching(batch.getInt("max-events"), batch.getDuration("max-wait"));
  }
}
