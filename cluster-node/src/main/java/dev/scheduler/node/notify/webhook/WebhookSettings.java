package dev.scheduler.node.notify.webhook;

import com.typesafe.config.Config;
import dev.scheduler.node.notify.outbox.RetryPolicy;
import dev.scheduler.node.provider.ics.fetch.AddressPolicy;
import java.time.Duration;
import java.util.Set;

/** The {@code scheduler.webhooks} section (webhooks.conf), and the poll interval of {@code scheduler.notify}. */
record WebhookSettings(boolean allowPrivateAddresses, Duration timeout, RetryPolicy retry, int batchSize,
    int maxSubscriptionsPerHost, int attemptsKept, Duration pollInterval) {

  static WebhookSettings from(Config config) {
    Config webhooks = config.getConfig("scheduler.webhooks");
    return new WebhookSettings(webhooks.getBoolean("allow-private-addresses"), webhooks.getDuration("timeout"),
        new RetryPolicy(webhooks.getDuration("retry.initial"), webhooks.getDuration("retry.max"),
            webhooks.getDuration("retry.give-up-after")),
        webhooks.getInt("batch-size"), webhooks.getInt("max-subscriptions-per-host"), webhooks.getInt("attempts-kept"),
        config.getDuration("scheduler.notify.poll-interval"));
  }

  AddressPolicy addressPolicy() {
    return allowPrivateAddresses ? new AddressPolicy(true, Set.of()) : AddressPolicy.PUBLIC_ONLY;
  }
}
