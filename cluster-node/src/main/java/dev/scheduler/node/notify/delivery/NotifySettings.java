package dev.scheduler.node.notify.delivery;

import com.typesafe.config.Config;
import dev.scheduler.node.notify.outbox.RetryPolicy;
import java.time.Duration;

/** The {@code scheduler.notify} section (notify.conf): how the outbox is polled and retried. */
record NotifySettings(Duration pollInterval, int batchSize, RetryPolicy retry) {

  static NotifySettings from(Config config) {
    Config notify = config.getConfig("scheduler.notify");
    return new NotifySettings(notify.getDuration("poll-interval"), notify.getInt("batch-size"),
        new RetryPolicy(notify.getDuration("retry.initial"), notify.getDuration("retry.max"),
            notify.getDuration("retry.give-up-after")));
  }
}
