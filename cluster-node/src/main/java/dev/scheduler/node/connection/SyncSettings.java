package dev.scheduler.node.connection;

import com.typesafe.config.Config;
import dev.scheduler.node.domain.QuarantinePolicy;
import dev.scheduler.node.provider.RetryPolicy;
import java.time.Duration;

/**
 * How calendar syncs run. {@code window} is how far ahead busy time is read: at least the longest
 * booking window of any event type, so every bookable slot sees its conflicts.
 * {@code writeBackPollInterval} is how often an idle booking writer looks for new rows in the
 * write-back outbox.
 */
public record SyncSettings(Duration pollInterval, Duration pollIntervalWithPush, Duration window, RetryPolicy retry,
    Duration channelTtl, Duration pushSettleDelay, int connectionBurst,
    int connectionPerMinute, int nodeBurst, int nodePerMinute, QuarantinePolicy quarantine,
    Duration writeBackPollInterval) {

  public static SyncSettings from(Config config) {
    Config sync = config.getConfig("scheduler.sync");
    return new SyncSettings(sync.getDuration("poll-interval"), sync.getDuration("poll-interval-with-push"),
        sync.getDuration("window"), new RetryPolicy(sync.getDuration("retry-base"), sync.getDuration("retry-cap")),
        sync.getDuration("channel-ttl"), sync.getDuration("push-settle-delay"),
        sync.getInt("budget.connection-burst"), sync.getInt("budget.connection-per-minute"),
        sync.getInt("budget.node-burst"), sync.getInt("budget.node-per-minute"),
        new QuarantinePolicy(sync.getInt("quarantine.after-failures"), sync.getDuration("quarantine.first"),
            sync.getDuration("quarantine.longest")),
        sync.getDuration("write-back-poll-interval"));
  }
}
