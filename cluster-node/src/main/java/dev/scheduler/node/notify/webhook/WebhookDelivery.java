package dev.scheduler.node.notify.webhook;

import com.typesafe.config.Config;
import dev.scheduler.node.metrics.NodeMetrics;
import dev.scheduler.node.config.SecretBox;
import dev.scheduler.node.notify.outbox.ConnectionSource;
import dev.scheduler.node.notify.outbox.OutboxDispatcher;
import dev.scheduler.node.notify.outbox.OutboxWorker;
import dev.scheduler.node.notify.outbox.SharedPool;
import dev.scheduler.node.readside.ReadSide;
import dev.scheduler.protocol.EntityClient;
import dev.scheduler.protocol.webhook.WebhookSubscriptions;
import java.net.InetAddress;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;

/**
 * Outbound webhooks (docs/webhooks.md): the read side writes one outbox row per event and matching
 * subscription, exactly once; one dispatcher in the cluster signs and POSTs them with retries, a
 * booking's events to a subscription in journal order. Answers the subscriptions the routes manage.
 */
public final class WebhookDelivery {
  private WebhookDelivery() {}

  public static WebhookSubscriptions start(ActorSystem<?> system, Config config, byte[] nodeSecretKey,
      EntityClient entities, Clock clock) {
    WebhookSettings settings = WebhookSettings.from(config);
    SecretBox box = new SecretBox(nodeSecretKey);
    ConnectionSource pool = SharedPool.of(system);
    ReadSide.get(system).exactlyOnce(WebhookRows.PROJECTION, () -> new WebhookRows(clock));
    WebhookHttp http = new WebhookHttp(settings.addressPolicy(), settings.timeout(), InetAddress::getAllByName);
    OutboxWorker worker = new OutboxWorker(WebhookRows.CHANNEL, pool, new WebhookSender(pool, box, http, settings,
        clock), settings.retry(), clock, () -> ThreadLocalRandom.current().nextDouble(), settings.batchSize())
        .inBookingOrder().countedIn(NodeMetrics.get(system).registry());
    OutboxDispatcher.start(system, WebhookRows.CHANNEL, worker, settings.pollInterval());
    Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    return new WebhookService(entities, pool, blocking, box, settings, InetAddress::getAllByName, clock);
  }
}
