package dev.scheduler.http.routes;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import dev.scheduler.http.ApiError;
import dev.scheduler.http.ApiSettings;
import dev.scheduler.http.ErrorResponses;
import dev.scheduler.http.IsolationSettings;
import dev.scheduler.protocol.NodeHealth;
import dev.scheduler.http.auth.Credentials;
import dev.scheduler.http.auth.Tokens;
import dev.scheduler.http.metrics.HttpMetrics;
import dev.scheduler.http.metrics.MetricsRoutes;
import dev.scheduler.protocol.EntityClient;
import dev.scheduler.protocol.admin.ClusterOperations;
import dev.scheduler.protocol.admin.HostWriteBacks;
import dev.scheduler.protocol.analytics.HostAnalytics;
import dev.scheduler.protocol.connection.CalendarConnections;
import dev.scheduler.protocol.notify.BookingNotifications;
import dev.scheduler.protocol.webhook.WebhookSubscriptions;
import java.time.Clock;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;

/** The whole HTTP surface of a node: REST API v1, health probes and the admin view. */
public final class ApiRoutes extends RouteSupport {
  public static final long MAX_BODY_BYTES = 64 * 1024;

  private final HostRoutes hosts;
  private final BookingRoutes bookings;
  private final SlotRoutes slots;
  private final AnalyticsRoutes analytics;
  private final OperationsRoutes operations;
  private final ClusterAdminRoutes clusterAdmin;
  private final WriteBackRoutes writeBackRoutes;
  private final CalendarRoutes calendarRoutes;
  private final IntegrationRoutes integrationRoutes;
  private final WebhookRoutes webhookRoutes;
  private final InFlightLimit limit;
  private final HostWaitLimit hostWaits;
  private final AnonymousRateLimit anonymousLimit;
  private final Credentials credentials;
  private final WebPageRoutes webPages = new WebPageRoutes();
  private final MetricsRoutes metrics;
  private final OpenApiRoutes openApi = new OpenApiRoutes();

  /** With the default isolation limits (route tests). */
  public ApiRoutes(ActorSystem<?> system, ApiSettings settings, NodeHealth health, EntityClient entities,
      CalendarConnections connections, Clock clock) {
    this(system, settings, IsolationSettings.DEFAULTS, health, entities, connections, clock);
  }

  public ApiRoutes(ActorSystem<?> system, ApiSettings settings, IsolationSettings isolation, NodeHealth health,
      EntityClient entities, CalendarConnections connections, Clock clock) {
    this(system, settings, isolation, health, entities, connections, BookingNotifications.NONE, clock);
  }

  /** With the node's outbox, so that a booking shows the messages sent about it. */
  public ApiRoutes(ActorSystem<?> system, ApiSettings settings, IsolationSettings isolation, NodeHealth health,
      EntityClient entities, CalendarConnections connections, BookingNotifications notifications, Clock clock) {
    this(system, settings, isolation, health, entities, connections, notifications, WebhookSubscriptions.NONE, clock);
  }

  /** With webhook subscriptions, metrics in memory (route tests). */
  public ApiRoutes(ActorSystem<?> system, ApiSettings settings, IsolationSettings isolation, NodeHealth health,
      EntityClient entities, CalendarConnections connections, BookingNotifications notifications,
      WebhookSubscriptions webhooks, Clock clock) {
    this(system, settings, isolation, health, entities, connections, notifications, webhooks, HostAnalytics.NONE,
        HttpMetrics.inMemory(), clock);
  }

  /** With read-side analytics and metrics, no write-back outbox and no cluster operations (route tests). */
  public ApiRoutes(ActorSystem<?> system, ApiSettings settings, IsolationSettings isolation, NodeHealth health,
      EntityClient entities, CalendarConnections connections, BookingNotifications notifications,
      WebhookSubscriptions webhooks, HostAnalytics analytics, HttpMetrics httpMetrics, Clock clock) {
    this(system, settings, isolation, health, entities, connections, notifications, webhooks, analytics,
        HostWriteBacks.NONE, httpMetrics, ClusterOperations.NONE, clock);
  }

  /**
   * The whole node: its outbox, webhook subscriptions, read-side analytics, the calendar write-back
   * outbox and every node's stats for the console, and metrics ({@code /metrics}).
   */
  public ApiRoutes(ActorSystem<?> system, ApiSettings settings, IsolationSettings isolation, NodeHealth health,
      EntityClient entities, CalendarConnections connections, BookingNotifications notifications,
      WebhookSubscriptions webhooks, HostAnalytics analytics, HostWriteBacks writeBacks, HttpMetrics httpMetrics,
      ClusterOperations clusterOperations,
      Clock clock) {
    Tokens tokens = new Tokens(settings.bookingTokenKey());
    this.credentials = new Credentials(settings.adminToken(), tokens);
    this.hosts = new HostRoutes(entities, credentials, clock);
    this.bookings = new BookingRoutes(entities, credentials, tokens, notifications);
    this.slots = new SlotRoutes(entities);
    this.analytics = new AnalyticsRoutes(entities, credentials, analytics, clock);
    this.operations = new OperationsRoutes(health);
    this.clusterAdmin = new ClusterAdminRoutes(new ClusterView(system, entities.askTimeout()), clusterOperations,
        credentials);
    this.writeBackRoutes = new WriteBackRoutes(entities, credentials, writeBacks);
    this.calendarRoutes = new CalendarRoutes(connections, credentials);
    this.integrationRoutes = new IntegrationRoutes(connections);
    this.webhookRoutes = new WebhookRoutes(webhooks, credentials);
    this.limit = new InFlightLimit(settings.maxInFlight()).countingShedIn(() -> httpMetrics.shed("node_in_flight"));
    this.hostWaits = new HostWaitLimit(isolation.maxWaitingPerHost(), settings.maxInFlight())
        .countingShedIn(() -> httpMetrics.shed("host_busy"));
    this.anonymousLimit = new AnonymousRateLimit(isolation, credentials, clock)
        .countingShedIn(() -> httpMetrics.shed("rate_limited"));
    this.metrics = new MetricsRoutes(httpMetrics);
    io.micrometer.core.instrument.Gauge.builder("scheduler.http.in.flight", limit, InFlightLimit::inFlight)
        .description("API requests this node is working on")
        .register(httpMetrics.registry());
  }

  public Route routes() {
    return metrics.timed(() -> withRequestTimeoutResponse(request -> ErrorResponses.unavailable(
        "The request was not answered within the request timeout; retry, with the same Idempotency-Key for a booking."),
        () -> handleExceptions(exceptionHandler(), () -> handleRejections(rejectionHandler(), () ->
        withSizeLimit(MAX_BODY_BYTES, () -> refusingSecretsInTheQuery(() -> concat(
            operations.health(),
            metrics.scrape(),
            webPages.routes(),
            integrationRoutes.googleCallback(),
            integrationRoutes.googleWebhook(),
            pathPrefix(segment("api").slash("v1"), () -> anonymousLimit.around(() -> limit.around(concat(
                pathPrefix("admin", () -> concat(clusterAdmin.routes(), writeBackRoutes.routes())),
                openApi.route(),
                pathPrefix("hosts", () -> concat(
                    pathEndOrSingleSlash(hosts::createHost),
                    pathPrefix(segment(), this::hostScoped))))))))))))));
  }

  /**
   * A host or admin token in {@code ?token=} is refused wherever it is sent, so that the client
   * learns to move it to the header (it may already sit in some log: the host should rotate it).
   * The answer does not repeat the token.
   */
  private Route refusingSecretsInTheQuery(java.util.function.Supplier<Route> inner) {
    return parameterOptional("token", token -> token.filter(credentials::isHostOrAdminToken).isPresent()
        ? complete(ErrorResponses.of(StatusCodes.BAD_REQUEST, "invalid_request",
            "Host and admin tokens are not accepted in the URL, where logs keep them: send the token in an "
                + "'Authorization: Bearer ...' header (and consider rotating it). Only a booking token may be "
                + "given as ?token=."))
        : inner.get());
  }

  private Route hostScoped(String hostId) {
    return hostWaits.around(hostId, () -> concat(
        pathPrefix("bookings", () -> bookings.routes(hostId)),
        pathPrefix("calendars", () -> calendarRoutes.routes(hostId)),
        pathPrefix("webhooks", () -> webhookRoutes.routes(hostId)),
        path(segment("event-types").slash(segment()).slash("slots"), slug -> slots.slots(hostId, slug)),
        analytics.routes(hostId),
        hosts.hostRoutes(hostId)));
  }

  private ExceptionHandler exceptionHandler() {
    return ExceptionHandler.newBuilder()
        .match(ApiError.class, e -> complete(ErrorResponses.of(e.rejection())))
        .match(EntityStreamSizeException.class, e -> complete(ErrorResponses.of(StatusCodes.PAYLOAD_TOO_LARGE,
            "invalid_request", "The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB.")))
        .matchAny(e -> complete(ErrorResponses.of(e)))
        .build();
  }

  // Pekko's own rejections (unknown path, wrong method, unreadable entity...) keep their status
  // but get our JSON body.
  private static RejectionHandler rejectionHandler() {
    return RejectionHandler.defaultHandler().mapRejectionResponse(response -> {
      if (response.entity().getContentType().mediaType().toString().equals("application/json")) {
        return response;
      }
      return withJsonBody(response);
    });
  }

  private static HttpResponse withJsonBody(HttpResponse plain) {
    int status = plain.status().intValue();
    String code = switch (status) {
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 503 -> "unavailable";
      default -> status >= 500 ? "internal" : "invalid_request";
    };
    String message = switch (status) {
      case 404 -> "There is nothing at this address.";
      // Pekko's text here names its internal exception and settings.
      case 413 -> "The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB.";
      default -> plainText(plain);
    };
    return ErrorResponses.of(plain.status(), code, message).addHeaders(plain.getHeaders());
  }

  private static String plainText(HttpResponse response) {
    var entity = response.entity();
    if (entity instanceof org.apache.pekko.http.javadsl.model.HttpEntity.Strict strict) {
      return strict.getData().utf8String();
    }
    return response.status().reason();
  }
}
