package dev.scheduler.node.notify.webhook;

import dev.scheduler.node.config.SecretBox;
import dev.scheduler.node.notify.outbox.ConnectionSource;
import dev.scheduler.node.notify.outbox.OutboxState;
import dev.scheduler.node.provider.ics.fetch.FeedFailure;
import dev.scheduler.node.provider.ics.fetch.FeedFetcher;
import dev.scheduler.node.provider.ics.fetch.PinnedAddresses;
import dev.scheduler.protocol.EntityClient;
import dev.scheduler.protocol.Ids;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetHost;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.calendar.RejectionException;
import dev.scheduler.protocol.model.HostProfile;
import dev.scheduler.protocol.webhook.CreatedWebhook;
import dev.scheduler.protocol.webhook.DeliveryAttemptView;
import dev.scheduler.protocol.webhook.WebhookSubscriptions;
import dev.scheduler.protocol.webhook.WebhookView;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The subscriptions of the webhook routes. Access is the host calendar's to decide (host token or
 * admin, as {@code GET /api/v1/hosts/{id}}); the rows are in the node's database, worked on the
 * blocking dispatcher. A new target is refused when its name resolves to any address the policy
 * does not allow (the same check runs again at every delivery).
 */
final class WebhookService implements WebhookSubscriptions {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final EntityClient entities;
  private final ConnectionSource database;
  private final Executor blocking;
  private final SecretBox box;
  private final WebhookSettings settings;
  private final FeedFetcher.Resolver resolver;
  private final Clock clock;

  WebhookService(EntityClient entities, ConnectionSource database, Executor blocking, SecretBox box,
      WebhookSettings settings, FeedFetcher.Resolver resolver, Clock clock) {
    this.entities = entities;
    this.database = database;
    this.blocking = blocking;
    this.box = box;
    this.settings = settings;
    this.resolver = resolver;
    this.clock = clock;
  }

  @Override
  public CompletionStage<CreatedWebhook> create(String hostId, Access access, String url, List<String> events) {
    URI target;
    List<WebhookEventType> types;
    try {
      target = WebhookTarget.url(url);
      types = WebhookTarget.events(events);
    } catch (RejectionException e) {
      return CompletableFuture.failedFuture(e);
    }
    return authorized(hostId, access, connection -> {
      checkAddress(target);
      if (WebhookStore.countOfHost(connection, hostId) >= settings.maxSubscriptionsPerHost()) {
        throw new RejectionException(RejectionCode.LIMIT_EXCEEDED, "The host already has "
            + settings.maxSubscriptionsPerHost() + " webhook subscriptions, the most it may keep: delete one first.");
      }
      String id = Ids.newId();
      String secret = WebhookSignature.newSecret(RANDOM);
      Subscription subscription = new Subscription(id, hostId, target.toString(), types, box.seal(secret, id), true,
          null, null, null, clock.instant());
      WebhookStore.insert(connection, subscription);
      return new CreatedWebhook(view(subscription), secret);
    });
  }

  @Override
  public CompletionStage<List<WebhookView>> list(String hostId, Access access) {
    return authorized(hostId, access, connection -> WebhookStore.ofHost(connection, hostId).stream()
        .map(WebhookService::view).toList());
  }

  @Override
  public CompletionStage<WebhookView> get(String hostId, Access access, String subscriptionId) {
    return authorized(hostId, access, connection -> view(own(connection, hostId, subscriptionId)));
  }

  @Override
  public CompletionStage<WebhookView> delete(String hostId, Access access, String subscriptionId) {
    return authorized(hostId, access, connection -> {
      Subscription subscription = own(connection, hostId, subscriptionId);
      connection.setAutoCommit(false);
      try {
        WebhookStore.endPending(connection, subscriptionId, OutboxState.OBSOLETE.column(), "subscription deleted",
            clock.instant());
        WebhookStore.delete(connection, subscriptionId);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
      return view(subscription).withState("deleted");
    });
  }

  @Override
  public CompletionStage<List<DeliveryAttemptView>> deliveries(String hostId, Access access, String subscriptionId) {
    return authorized(hostId, access, connection -> {
      own(connection, hostId, subscriptionId);
      return WebhookStore.attempts(connection, subscriptionId).stream()
          .map(a -> new DeliveryAttemptView(a.eventId(), a.eventType(), a.attemptNo(), a.at(), a.status(), a.error(),
              a.latencyMs()))
          .toList();
    });
  }

  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** The host's calendar checks the token first; then the work runs on a blocking thread. */
  private <T> CompletionStage<T> authorized(String hostId, Access access, Work<T> work) {
    return entities.<HostProfile>askHost(hostId, r -> new GetHost(access, r))
        .thenComposeAsync(host -> CompletableFuture.supplyAsync(() -> {
          try (Connection connection = database.open()) {
            connection.setAutoCommit(true);
            return work.run(connection);
          } catch (SQLException e) {
            throw new CompletionException(e);
          }
        }, blocking), blocking);
  }

  private static Subscription own(Connection connection, String hostId, String subscriptionId) throws SQLException {
    return WebhookStore.byId(connection, subscriptionId).filter(s -> s.hostId().equals(hostId))
        .orElseThrow(() -> new RejectionException(RejectionCode.NOT_FOUND,
            "The host has no webhook subscription '" + shortened(subscriptionId) + "'."));
  }

  private void checkAddress(URI target) {
    String host = target.getHost().replaceAll("^\\[|]$", "");
    int port = target.getPort() >= 0 ? target.getPort() : target.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    try {
      PinnedAddresses.resolveChecked(resolver, settings.addressPolicy(), host, port);
    } catch (FeedFailure e) {
      throw RejectionException.invalid(e.category() == FeedFailure.Category.REFUSED_ADDRESS
          ? "The webhook's address is not allowed (it is not a public internet address)."
          : "The webhook's host name does not resolve.");
    }
  }

  static WebhookView view(Subscription s) {
    return new WebhookView(s.id(), s.hostId(), s.url(), s.events().stream().map(WebhookEventType::wireName).toList(),
        s.active() ? "active" : "disabled", s.disabledReason(), s.disabledSince(), s.failingSince(), s.createdAt());
  }

  private static String shortened(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
