package dev.scheduler.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.node.testkit.TestNodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 11's fuzz test: random and adversarial values (lone surrogates, control characters, extreme
 * dates and numbers, wrong JSON types, deep nesting, huge strings) in every field of every route's
 * body, in every path segment and query parameter, and as whole bodies, against one real node. No
 * answer may be a 5xx, and every 4xx must be the API's JSON error shape. Afterwards the node is
 * ready and another host, never attacked, books and lists promptly.
 */
class HostileInputFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MARK = "@@FUZZ@@";
  private static final Instant NOW = Instant.parse("2027-03-01T13:00:00Z");
  private static final String NEW_YORK = "America/New_York";

  static Path dataDir;
  static SchedulerNode node;
  static SchedulerApiClient api;
  static ApiFixture bystander;
  /** The attacked host; its token changes when the fuzz rotates it. */
  static volatile String hostId;
  static volatile String hostToken;
  static String bookingId;
  static String bookingToken;
  static String connectionId;

  @BeforeContainer
  static void startNode() throws IOException {
    dataDir = Files.createTempDirectory("hostile-input-fuzz");
    node = TestNodes.embedded(dataDir, new MutableClock(NOW));
    api = new SchedulerApiClient(node.baseUrl());
    ApiFixture victim = published();
    hostId = victim.hostId();
    hostToken = victim.token();
    ApiResponse booked = api.book(hostId, null, Bodies.booking("intro", "2027-03-02T15:00:00Z", "UTC"), null);
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    bookingId = booked.json().get("id").asText();
    bookingToken = booked.json().get("bookingToken").asText();
    ApiResponse connected = api.post("/api/v1/hosts/" + hostId + "/calendars/ics", hostToken,
        Map.of("url", "https://calendar.example.invalid/feed.ics"), Map.of());
    connectionId = connected.isSuccess() ? connected.json().path("id").asText("c-unknown") : "c-unknown";
    bystander = published();
  }

  @AfterContainer
  static void nodeStillServesOthers() throws Exception {
    try {
      assertThat(api.get("/health/ready", null).status()).isEqualTo(200);
      ApiResponse booked = CompletableFuture.supplyAsync(() ->
              api.book(bystander.hostId(), null, Bodies.booking("intro", "2027-03-03T15:00:00Z", "UTC"), null))
          .get(5, TimeUnit.SECONDS);
      assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
      ApiResponse slots = CompletableFuture.supplyAsync(() -> api.get("/api/v1/hosts/" + bystander.hostId()
              + "/event-types/intro/slots?start=2027-03-02&end=2027-03-09", null))
          .get(5, TimeUnit.SECONDS);
      assertThat(slots.status()).as(slots.toString()).isEqualTo(200);
    } finally {
      node.close();
    }
  }

  @Property(tries = 400)
  void hostileFieldValuesGetAJsonClientError(@ForAll("routesWithBodies") FuzzRoute route,
      @ForAll @IntRange(min = 0, max = 1000) int fieldPick, @ForAll("jsonValues") String value) {
    List<String> fields = fieldPointers(route.validBody());
    if (fields.isEmpty()) {
      return;
    }
    String field = fields.get(fieldPick % fields.size());
    String body = withValue(route.validBody(), field, value);
    send(route, route + " with " + field + " = " + abbreviate(value), valid(route), body);
  }

  @Property(tries = 300)
  void hostilePathSegmentsAndQueryValuesGetAJsonClientError(@ForAll("routes") FuzzRoute route,
      @ForAll @IntRange(min = 0, max = 1000) int pick, @ForAll("rawValues") String value) {
    List<String> places = new ArrayList<>(route.placeholders());
    places.addAll(route.queryNames());
    if (places.isEmpty()) {
      return;
    }
    String place = places.get(pick % places.size());
    Map<String, String> values = valid(route);
    values.put(place, value);
    send(route, route + " with " + place + " = " + abbreviate(value), values, route.validBody());
  }

  @Property(tries = 150)
  void hostileBodiesGetAJsonClientError(@ForAll("routesWithBodies") FuzzRoute route,
      @ForAll("bodies") String body) {
    send(route, route + " with body " + abbreviate(body), valid(route), body);
  }

  /** Integers must be JSON integers and text must be JSON strings: no coercion of "30", 30.5 or true. */
  @Property(tries = 60)
  void valuesOfTheWrongJsonTypeAre400(@ForAll("wrongTypes") String[] fieldAndValue) {
    FuzzRoute route = fieldAndValue[0].startsWith("/invitee") || fieldAndValue[0].equals("/notes")
        ? routeOf("POST", "/api/v1/hosts/{host}/bookings")
        : routeOf("PUT", "/api/v1/hosts/{host}/event-types/{slug}");
    String body = withValue(route.validBody(), fieldAndValue[0], fieldAndValue[1]);
    ApiResponse response = send(route, route + " with " + fieldAndValue[0] + " = " + fieldAndValue[1],
        valid(route), body);
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
  }

  @Provide
  Arbitrary<FuzzRoute> routes() {
    return Arbitraries.of(FuzzRoute.all());
  }

  @Provide
  Arbitrary<FuzzRoute> routesWithBodies() {
    return Arbitraries.of(FuzzRoute.all().stream().filter(r -> r.validBody() != null).toList());
  }

  @Provide
  Arbitrary<String> jsonValues() {
    return HostileValues.jsonValues();
  }

  @Provide
  Arbitrary<String> rawValues() {
    return HostileValues.rawValues();
  }

  @Provide
  Arbitrary<String> bodies() {
    return HostileValues.bodies();
  }

  @Provide
  Arbitrary<String[]> wrongTypes() {
    Arbitrary<String[]> numbers = Arbitraries.of("/durationMinutes", "/slotIntervalMinutes", "/bufferBeforeMinutes",
            "/minimumNoticeMinutes", "/maxBookingsPerDay", "/bookingWindow/days")
        .flatMap(field -> Arbitraries.of("\"30\"", "30.5", "true", "[30]", "{\"n\":30}")
            .map(value -> new String[] {field, value}));
    Arbitrary<String[]> texts = Arbitraries.of("/title", "/invitee/name", "/invitee/email", "/notes")
        .flatMap(field -> Arbitraries.of("5", "true", "[\"a\"]", "{\"a\":\"b\"}")
            .map(value -> new String[] {field, value}));
    return Arbitraries.oneOf(numbers, texts);
  }

  private static ApiResponse send(FuzzRoute route, String what, Map<String, String> values, String body) {
    String path = route.pathTemplate();
    for (String placeholder : route.placeholders()) {
      path = path.replace(placeholder, pathSegment(values.get(placeholder)));
    }
    path += query(route, values);
    ApiResponse response;
    try {
      response = api.send(route.method(), path, token(route), body, Map.of());
    } catch (IllegalArgumentException notAUri) {
      throw new AssertionError("the test built an invalid URI for " + what, notAUri);
    }
    assertJsonClientErrorOrSuccess(what, response);
    if (route.pathTemplate().endsWith("/tokens") && response.isSuccess()
        && values.get("{host}").equals(hostId)) {
      hostToken = response.json().get("apiToken").asText();
    }
    return response;
  }

  static void assertJsonClientErrorOrSuccess(String what, ApiResponse response) {
    assertThat(response.status()).as(what + " answered " + response).isLessThan(500);
    if (response.status() >= 400) {
      assertThat(response.header("Content-Type")).as(what + " answered " + response).startsWith("application/json");
      JsonNode json = parse(what, response);
      assertThat(json.path("error").asText()).as(what + " answered " + response).isNotBlank();
      assertThat(json.path("message").asText()).as(what + " answered " + response).isNotBlank();
    }
  }

  private static JsonNode parse(String what, ApiResponse response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError(what + " answered a body that is not JSON: " + response, e);
    }
  }

  private static Map<String, String> valid(FuzzRoute route) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("{host}", hostId);
    values.put("{slug}", "intro");
    values.put("{booking}", bookingId);
    values.put("{source}", "fuzz-source");
    values.put("{connection}", connectionId);
    Map<String, String> query = Map.of("start", "2027-03-02", "end", "2027-03-09", "timeZone", "Europe/Paris",
        "from", "2027-03-01T00:00:00Z", "to", "2027-04-01T00:00:00Z", "status", "confirmed",
        "token", bookingToken, "code", "a-code", "state", "a-state", "error", "access_denied");
    route.queryNames().forEach(name -> values.put(name, query.get(name)));
    return values;
  }

  private static String token(FuzzRoute route) {
    return switch (route.caller()) {
      case ANONYMOUS -> null;
      case HOST -> hostToken;
      case ADMIN -> TestNodes.ADMIN_TOKEN;
      case BOOKING -> bookingToken;
    };
  }

  private static String query(FuzzRoute route, Map<String, String> values) {
    List<String> pairs = route.queryNames().stream()
        .filter(name -> !name.equals("error") || !values.get(name).equals("access_denied"))
        .map(name -> name + "=" + URLEncoder.encode(values.get(name), StandardCharsets.UTF_8))
        .toList();
    return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
  }

  private static String pathSegment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** JSON pointers of every value (leaf, array or object below the root) in a body. */
  static List<String> fieldPointers(String body) {
    List<String> pointers = new ArrayList<>();
    collect(read(body), "", pointers);
    return pointers;
  }

  private static void collect(JsonNode node, String at, List<String> pointers) {
    if (!at.isEmpty()) {
      pointers.add(at);
    }
    if (node.isObject()) {
      node.fields().forEachRemaining(field -> collect(field.getValue(), at + "/" + field.getKey(), pointers));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), at + "/" + i, pointers);
      }
    }
  }

  /** The body with the value at {@code pointer} replaced by raw JSON text (which Jackson could not write). */
  static String withValue(String body, String pointer, String rawJson) {
    JsonNode root = read(body);
    String parentPointer = pointer.substring(0, pointer.lastIndexOf('/'));
    String last = pointer.substring(pointer.lastIndexOf('/') + 1);
    JsonNode parent = parentPointer.isEmpty() ? root : root.at(parentPointer);
    if (parent instanceof ObjectNode object) {
      object.put(last, MARK);
    } else {
      ((ArrayNode) parent).set(Integer.parseInt(last), JSON.getNodeFactory().textNode(MARK));
    }
    return root.toString().replace("\"" + MARK + "\"", rawJson);
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FuzzRoute routeOf(String method, String template) {
    return FuzzRoute.all().stream()
        .filter(r -> r.method().equals(method) && r.pathTemplate().equals(template))
        .findFirst().orElseThrow();
  }

  private static String abbreviate(String value) {
    return value.length() <= 80 ? value : value.substring(0, 80) + "... (" + value.length() + " chars)";
  }

  private static ApiFixture published() {
    return ApiFixture.newHost(api, NEW_YORK)
        .schedule(Bodies.weekdays(NEW_YORK, "09:00", "17:00"))
        .eventType("intro", Bodies.eventType(60));
  }
}
