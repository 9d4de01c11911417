package dev.scheduler.node.notify.delivery;

import com.typesafe.config.Config;
import dev.scheduler.node.metrics.NodeMetrics;
import dev.scheduler.node.notify.mail.BookingMailer;
import dev.scheduler.node.notify.mail.MailSettings;
import dev.scheduler.node.notify.outbox.ConnectionSource;
import dev.scheduler.node.notify.outbox.OutboxDispatcher;
import dev.scheduler.node.notify.outbox.OutboxWorker;
import dev.scheduler.node.notify.outbox.SharedPool;
import dev.scheduler.node.readside.ReadSide;
import dev.scheduler.protocol.notify.BookingNotifications;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;

/**
 * Durable booking mail: the read side writes outbox rows from the journal, exactly once; one
 * dispatcher in the cluster sends them with retries. See docs/mail.md, "Delivery". Answers what
 * the booking route shows of a booking's messages.
 */
public final class BookingMailDelivery {
  private BookingMailDelivery() {}

  /**
   * @param bookingToken (host id, booking id) to the booking token of the manage link (the
   *     node's HMAC; this package must not depend on the HTTP module)
   */
  public static BookingNotifications start(ActorSystem<?> system, Config config, Path dataDir, Clock clock,
      BiFunction<String, String, String> bookingToken) {
    NotifySettings settings = NotifySettings.from(config);
    MailSettings mail = MailSettings.from(config, dataDir);
    ReadSide.get(system).exactlyOnce(BookingMailRows.PROJECTION, () -> new BookingMailRows(clock));
    BookingMailSender sender = new BookingMailSender(BookingMailer.create(mail, clock), mail.publicUrl(),
        bookingToken);
    ConnectionSource pool = SharedPool.of(system);
    OutboxWorker worker = new OutboxWorker(BookingMailRows.CHANNEL, pool, sender, settings.retry(),
        clock, () -> ThreadLocalRandom.current().nextDouble(), settings.batchSize())
        .countedIn(NodeMetrics.get(system).registry());
    OutboxDispatcher.start(system, BookingMailRows.CHANNEL, worker, settings.pollInterval());
    return new OutboxNotifications(pool, system.dispatchers().lookup(DispatcherSelector.blocking()));
  }
}
