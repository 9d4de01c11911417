package dev.scheduler.node.connection;

import dev.scheduler.node.provider.ChangeNotifications;
import dev.scheduler.node.provider.ChangeNotifications.WatchChannel;
import dev.scheduler.node.provider.ProviderException;
import dev.scheduler.node.provider.google.PushChannels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Keeps one push channel open for a connection: opens it, opens a new one before the old expires
 * (both deliver for a while, which is harmless), retries with backoff when opening fails, and stops
 * the current one when the connection goes away. Tells the sync whether push is working.
 */
public final class ChannelKeeper extends AbstractBehavior<ChannelKeeper.Message> {

  public sealed interface Message {}

  private record Open() implements Message {}

  /** The connection is going away: stop the channel, then run {@code afterwards} (revoking the grant). */
  public record Close(Runnable afterwards) implements Message {}

  /** The current channel stopped delivering (the provider ended it early): open a new one now. */
  public record Reopen() implements Message {}

  private record Opened(WatchChannel channel) implements Message {}

  private record OpenFailed(Throwable failure) implements Message {}

  /** Renew this long before a channel expires (a quarter of its life for short-lived channels). */
  static final Duration RENEW_BEFORE = Duration.ofHours(1);

  private final String connectionId;
  private final String calendarId;
  private final ChangeNotifications notifications;
  private final PushChannels names;
  private final String address;
  private final Duration ttl;
  private final ActorRef<ConnectionSync.Message> sync;
  private final SyncSettings settings;
  private final Executor blocking;
  private final Clock clock;
  private final TimerScheduler<Message> timers;
  private WatchChannel current;
  private int failures;
  private boolean opening;
  private Runnable closeAfterwards;

  public static Behavior<Message> create(String connectionId, String calendarId, ChangeNotifications notifications,
      PushChannels names, String address, Duration ttl, ActorRef<ConnectionSync.Message> sync, SyncSettings settings,
      Executor blocking, Clock clock) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      ctx.getSelf().tell(new Open());
      return new ChannelKeeper(ctx, timers, connectionId, calendarId, notifications, names, address, ttl, sync,
          settings, blocking, clock);
    }));
  }

  private ChannelKeeper(ActorContext<Message> context, TimerScheduler<Message> timers, String connectionId,
      String calendarId, ChangeNotifications notifications, PushChannels names, String address, Duration ttl,
      ActorRef<ConnectionSync.Message> sync, SyncSettings settings, Executor blocking, Clock clock) {
    super(context);
    this.timers = timers;
    this.connectionId = connectionId;
    this.calendarId = calendarId;
    this.notifications = notifications;
    this.names = names;
    this.address = address;
    this.ttl = ttl;
    this.sync = sync;
    this.settings = settings;
    this.blocking = blocking;
    this.clock = clock;
  }

  @Override
  public Receive<Message> createReceive() {
    return newReceiveBuilder()
        .onMessage(Open.class, open -> closeAfterwards != null ? this : open())
        .onMessage(Reopen.class, reopen -> closeAfterwards != null || opening ? this : open())
        .onMessage(Opened.class, this::onOpened)
        .onMessage(OpenFailed.class, this::onOpenFailed)
        .onMessage(Close.class, this::onClose)
        .onSignal(PostStop.class, stop -> stopCurrent())
        .build();
  }

  private Behavior<Message> open() {
    opening = true;
    String channelId = names.newChannelId(connectionId);
    Instant expiry = clock.instant().plus(ttl);
    CompletableFuture<WatchChannel> opened = CompletableFuture.supplyAsync(() -> {
      try {
        return notifications.watch(calendarId, channelId, address, names.tokenFor(channelId), expiry);
      } catch (ProviderException e) {
        throw new CompletionException(e);
      }
    }, blocking);
    getContext().pipeToSelf(opened, (channel, failure) -> failure == null ? new Opened(channel) : new OpenFailed(failure));
    return this;
  }

  private Behavior<Message> onOpened(Opened opened) {
    opening = false;
    if (closeAfterwards != null) {
      current = opened.channel();
      return finishClosing();
    }
    WatchChannel previous = current;
    current = opened.channel();
    failures = 0;
    sync.tell(new ConnectionSync.PushHealthy(true));
    if (previous != null) {
      stop(previous);
    }
    Duration margin = ttl.dividedBy(4).compareTo(RENEW_BEFORE) < 0 ? ttl.dividedBy(4) : RENEW_BEFORE;
    Duration untilRenewal = Duration.between(clock.instant(), current.expiry().minus(margin));
    timers.startSingleTimer(new Open(), untilRenewal.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : untilRenewal);
    getContext().getLog().info("Push channel {} open for connection {} until {}", current.channelId(), connectionId,
        current.expiry());
    return this;
  }

  private Behavior<Message> onOpenFailed(OpenFailed failed) {
    opening = false;
    if (closeAfterwards != null) {
      return finishClosing();
    }
    Throwable cause = Failures.causeOf(failed.failure());
    getContext().getLog().warn("Could not open a push channel for connection {}: {}; polling goes on",
        connectionId, cause.getMessage());
    sync.tell(new ConnectionSync.PushHealthy(false));
    Duration delay = settings.retry().delayBefore(failures++, null, java.util.concurrent.ThreadLocalRandom.current()::nextDouble);
    timers.startSingleTimer(new Open(), delay.compareTo(settings.pollInterval()) > 0 ? settings.pollInterval() : delay);
    return this;
  }

  // The channel must be stopped while the grant still works; only then may the grant be revoked.
  // A channel being opened right now is waited for, or Google would keep it until it expires.
  private Behavior<Message> onClose(Close close) {
    closeAfterwards = close.afterwards();
    return opening ? this : finishClosing();
  }

  private Behavior<Message> finishClosing() {
    WatchChannel channel = current;
    Runnable afterwards = closeAfterwards;
    current = null;
    CompletableFuture.runAsync(() -> {
      if (channel != null) {
        stopQuietly(channel);
      }
      afterwards.run();
    }, blocking);
    return Behaviors.stopped();
  }

  private Behavior<Message> stopCurrent() {
    if (current != null) {
      stop(current);
    }
    return this;
  }

  private void stop(WatchChannel channel) {
    CompletableFuture.runAsync(() -> stopQuietly(channel), blocking);
  }

  private void stopQuietly(WatchChannel channel) {
    try {
      notifications.stop(channel);
    } catch (ProviderException e) {
      // The channel expires by itself; its notifications are refused once the connection is gone.
    }
  }
}
