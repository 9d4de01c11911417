package dev.scheduler.http.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduler.http.ApiSettings;
import dev.scheduler.http.IsolationSettings;
import dev.scheduler.http.auth.Tokens;
import dev.scheduler.http.metrics.HttpMetrics;
import dev.scheduler.http.routes.ApiRoutes;
import dev.scheduler.protocol.Ids;
import dev.scheduler.protocol.admin.HostWriteBacks;
import dev.scheduler.protocol.analytics.HostAnalytics;
import dev.scheduler.protocol.notify.BookingNotifications;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.notify.BookingNotifications;
import dev.scheduler.protocol.webhook.WebhookSubscriptions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.Authorization;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.testkit.TestRouteResult;
import org.junit.jupiter.api.BeforeEach;

/**
 * A route test of the whole, sealed route tree ({@link ApiRoutes#routes()} with its exception and
 * rejection handlers) in front of fake entities, connection workflows and health.
 */
public abstract class ApiRouteTest extends JupiterRouteTest {
  public static final String ADMIN_TOKEN = "admin-token-of-the-route-tests";
  public static final byte[] BOOKING_TOKEN_KEY = filled(32, (byte) 7);
  public static final Instant NOW = Instant.parse("2027-03-01T13:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The host of the test, and its API token (the entity keeps only its hash). */
  protected final String hostId = Ids.newId();
  protected final String hostToken = Tokens.newHostToken(hostId);
  protected final Tokens tokens = new Tokens(BOOKING_TOKEN_KEY);

  protected FakeEntityClient entities;
  protected FakeCalendarConnections connections;
  protected FakeNodeHealth health;
  private Route routes;

  @BeforeEach
  protected void buildRoutes() {
    entities = new FakeEntityClient();
    connections = new FakeCalendarConnections();
    health = new FakeNodeHealth();
    routes = new ApiRoutes(typedSystem(), new ApiSettings(ADMIN_TOKEN, BOOKING_TOKEN_KEY, maxInFlight()), isolation(),
        health, entities, connections, BookingNotifications.NONE, webhooks(), analytics(), writeBacks(),
        HttpMetrics.inMemory(), clusterOperations(), clock()).routes();
  }

  /** Every node's stats for the admin console: none unless a test gives a fake. */
  protected dev.scheduler.protocol.admin.ClusterOperations clusterOperations() {
    return dev.scheduler.protocol.admin.ClusterOperations.NONE;
  }

  /** The node's webhook subscriptions: none unless a test gives a fake. */
  protected WebhookSubscriptions webhooks() {
    return WebhookSubscriptions.NONE;
  }

  /** The read side's host analytics behind the routes: none unless a test fakes them. */
  protected HostAnalytics analytics() {
    return HostAnalytics.NONE;
  }

  /** The node's calendar write-back outbox behind the admin routes: nothing pending unless a test fakes it. */
  protected HostWriteBacks writeBacks() {
    return HostWriteBacks.NONE;
  }

  /** The per-host and per-address limits of the routes under test. */
  protected IsolationSettings isolation() {
    return IsolationSettings.DEFAULTS;
  }

  /** The routes' clock: fixed at {@link #NOW} unless a test moves it. */
  protected Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  /** The node's limit of API requests in progress. */
  protected int maxInFlight() {
    return 64;
  }

  protected TestRouteResult run(HttpRequest request) {
    return runRoute(routes, request);
  }

  protected String hostPath(String rest) {
    return "/api/v1/hosts/" + hostId + rest;
  }

  /** The access a host token gives: its SHA-256, for the entity to compare. */
  protected static Access hostAccess(String hostToken) {
    return Access.hostToken(Tokens.sha256Hex(hostToken));
  }

  protected String bookingToken(String bookingId) {
    return tokens.bookingToken(hostId, bookingId);
  }

  protected static HttpRequest get(String uri) {
    return HttpRequest.GET(uri);
  }

  protected static HttpRequest delete(String uri) {
    return HttpRequest.DELETE(uri);
  }

  protected static HttpRequest post(String uri, String json) {
    return HttpRequest.POST(uri).withEntity(ContentTypes.APPLICATION_JSON, json);
  }

  protected static HttpRequest put(String uri, String json) {
    return HttpRequest.PUT(uri).withEntity(ContentTypes.APPLICATION_JSON, json);
  }

  protected static HttpRequest bearer(HttpRequest request, String token) {
    return request.addHeader(Authorization.oauth2(token));
  }

  /** JSON written with single quotes, for readable bodies in tests. */
  protected static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  protected static JsonNode body(TestRouteResult result) {
    try {
      return JSON.readTree(result.entityString());
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + result.entityString(), e);
    }
  }

  /** A success with a JSON body. */
  protected static JsonNode assertOk(TestRouteResult result, int status) {
    assertThat(result.statusCode()).as(result.entityString()).isEqualTo(status);
    assertThat(result.mediaTypeString()).isEqualTo("application/json");
    return body(result);
  }

  /** An error in the API's one shape: {@code {"error": code, "message": ...}} with the status. */
  protected static JsonNode assertError(TestRouteResult result, int status, String code) {
    assertThat(result.statusCode()).as(result.entityString()).isEqualTo(status);
    assertThat(result.mediaTypeString()).as(result.entityString()).isEqualTo("application/json");
    JsonNode body = body(result);
    assertThat(body.path("error").asText()).as(result.entityString()).isEqualTo(code);
    assertThat(body.path("message").asText()).as(result.entityString()).isNotBlank();
    assertThat(body.size()).as("fields of " + result.entityString()).isEqualTo(2);
    return body;
  }

  protected static void assertRetryAfter(TestRouteResult result) {
    assertThat(result.response().getHeader("Retry-After"))
        .hasValueSatisfying(header -> assertThat(Long.parseLong(header.value())).isPositive());
  }

  protected static void assertNoRetryAfter(TestRouteResult result) {
    assertThat(result.response().getHeader("Retry-After")).isEmpty();
  }

  private static byte[] filled(int length, byte value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, value);
    return bytes;
  }
}
