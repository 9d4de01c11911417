package dev.scheduler.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.node.testkit.TestNodes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example of the OpenAPI document, sent in document order to one running node over real HTTP,
 * gets the status it is documented under (for an error, the documented error code), and every JSON
 * answer fits the documented schema (no field it does not name, none it requires missing, types,
 * formats, enums, nulls only where nullable); so does every JSON example of the document. The rules
 * that turn an example into a request are the ones the document's description states (see
 * docs/openapi.md); the document's example ids and tokens are replaced by the ones the node gave out
 * in the answers before. Examples marked {@code x-requires} need an outside service (Google) and are
 * left to the route tests' fakes; every operation still has at least one example checked here.
 */
class OpenApiExamplesNodeTest {
  /** Monday 2027-03-01, 08:00 in New York: the examples' bookings are on the next day. */
  static final Instant NOW = Instant.parse("2027-03-01T13:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

  @TempDir static Path dataDir;
  static SchedulerNode node;
  static SchedulerApiClient api;

  /** Example value (id or token in the document) to the value the node gave out. */
  private final Map<String, String> substitutions = new LinkedHashMap<>();
  private final Map<String, String> latestTokens = new LinkedHashMap<>();

  @BeforeAll
  static void startNode() {
    node = TestNodes.embedded(dataDir, new MutableClock(NOW));
    api = new SchedulerApiClient(node.baseUrl());
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void everyDocumentedExampleGetsItsDocumentedStatusFromARunningNode() throws IOException {
    ApiResponse served = api.get("/api/v1/openapi.json", null);
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.header("Content-Type")).startsWith("application/json");
    assertThat(served.header("Cache-Control")).contains("max-age");
    JsonNode document = JSON.readTree(served.body());
    components = document.get("components");
    try (InputStream in = OpenApiExamplesNodeTest.class.getResourceAsStream("/openapi.json")) {
      assertThat(document).as("the served document is http-api's openapi.json").isEqualTo(JSON.readTree(in));
    }
    latestTokens.put("admin", TestNodes.ADMIN_TOKEN);

    List<String> wrong = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Set<String> operations = new LinkedHashSet<>();
    Set<String> checked = new LinkedHashSet<>();
    int sent = 0;
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (!METHODS.contains(op.getKey())) {
          continue;
        }
        String operation = op.getKey().toUpperCase() + " " + path.getKey();
        operations.add(operation);
        for (Iterator<Map.Entry<String, JsonNode>> responses = op.getValue().path("responses").fields();
            responses.hasNext(); ) {
          Map.Entry<String, JsonNode> response = responses.next();
          for (Iterator<Map.Entry<String, JsonNode>> media = response.getValue().path("content").fields();
              media.hasNext(); ) {
            Map.Entry<String, JsonNode> content = media.next();
            for (Iterator<Map.Entry<String, JsonNode>> examples = content.getValue().path("examples").fields();
                examples.hasNext(); ) {
              Map.Entry<String, JsonNode> example = examples.next();
              String scenario = operation + " -> " + response.getKey() + " " + content.getKey() + " '"
                  + example.getKey() + "'";
              if (example.getValue().has("x-requires")) {
                skipped.add(scenario + " (needs " + example.getValue().get("x-requires").asText() + ")");
                continue;
              }
              String problem = send(path.getKey(), op.getKey(), op.getValue(), response.getKey(), content.getKey(),
                  example.getKey(), example.getValue());
              sent++;
              checked.add(operation);
              if (problem != null) {
                wrong.add(scenario + ": " + problem);
              }
            }
          }
        }
      }
    }
    System.out.println("OpenAPI examples sent to the node: " + sent + "; left to the route tests' fakes: " + skipped);
    assertThat(wrong).as("examples the node answered otherwise than documented").isEmpty();
    assertThat(checked).as("operations with an example checked against the node").isEqualTo(operations);
  }

  /** Sends one example; null when the node answered as documented, else what went wrong. */
  private String send(String template, String method, JsonNode operation, String status, String mediaType,
      String name, JsonNode example) throws IOException {
    String uri = template;
    List<String> query = new ArrayList<>();
    Map<String, String> headers = new LinkedHashMap<>();
    for (JsonNode parameter : operation.path("parameters")) {
      JsonNode examples = parameter.path("examples");
      JsonNode chosen = examples.has(name) ? examples.get(name) : examples.get("default");
      if (chosen == null) {
        continue;
      }
      String parameterName = parameter.get("name").asText();
      String value = substitute(chosen.get("value").asText());
      switch (parameter.get("in").asText()) {
        case "path" -> uri = uri.replace("{" + parameterName + "}", encode(value));
        case "query" -> query.add(encode(parameterName) + "=" + encode(value));
        case "header" -> headers.put(parameterName, value);
        default -> throw new IllegalStateException("parameter in " + parameter.get("in"));
      }
    }
    String credential = credential(operation, example);
    String token = switch (credential) {
      case "none" -> null;
      case "admin", "host", "booking", "bookingQuery" -> {
        String latest = latestTokens.get(credential.equals("bookingQuery") ? "booking" : credential);
        assertThat(latest).as("a " + credential + " token given out before " + name).isNotNull();
        yield latest;
      }
      default -> credential;
    };
    String bearer = null;
    if (credential.equals("bookingQuery")) {
      query.add("token=" + encode(token));
    } else {
      bearer = token;
    }
    headers.put("Accept", mediaType);
    String body = null;
    JsonNode bodies = operation.path("requestBody").path("content").path("application/json").path("examples");
    if (!bodies.isMissingNode() && !bodies.isEmpty()) {
      JsonNode chosen = bodies.has(name) ? bodies.get(name) : bodies.elements().next();
      body = substitute(chosen.get("value").toString());
    }
    String target = query.isEmpty() ? uri : uri + "?" + String.join("&", query);
    ApiResponse answer = api.send(method.toUpperCase(), target, bearer, body, headers);

    String documented = example.get("value").isObject() ? example.get("value").toString() : "";
    String sentText = method.toUpperCase() + " " + target + (body == null ? "" : " " + body);
    if (answer.status() != Integer.parseInt(status)) {
      return "answered " + answer.status() + " " + answer.body() + " to " + sentText;
    }
    String contentType = String.valueOf(answer.header("Content-Type"));
    if (!contentType.startsWith(mediaType)) {
      return "answered " + contentType + " instead of " + mediaType + " to " + sentText;
    }
    if (mediaType.equals("application/json")) {
      JsonNode actual = JSON.readTree(answer.body());
      JsonNode schema = operation.get("responses").get(status).path("content").path(mediaType).path("schema");
      List<String> mismatches = new ArrayList<>();
      conform(actual, schema, "answer", mismatches);
      if (!mismatches.isEmpty()) {
        return "the answer does not fit the documented schema: " + mismatches + " in " + answer.body();
      }
      if (example.get("value").has("error") && !example.get("value").get("error").equals(actual.get("error"))) {
        return "answered error " + actual.get("error") + " instead of " + documented + " to " + sentText;
      }
      if (status.startsWith("2")) {
        learn(example.get("value"), actual);
      }
    }
    return null;
  }

  @Test
  void everyDocumentedJsonExampleFitsItsSchema() throws IOException {
    JsonNode document;
    try (InputStream in = OpenApiExamplesNodeTest.class.getResourceAsStream("/openapi.json")) {
      document = JSON.readTree(in);
    }
    components = document.get("components");
    List<String> mismatches = new ArrayList<>();
    document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      if (!METHODS.contains(op.getKey())) {
        return;
      }
      String operation = op.getKey().toUpperCase() + " " + path.getKey();
      JsonNode body = op.getValue().path("requestBody").path("content").path("application/json");
      op.getValue().path("responses").fields().forEachRemaining(response -> {
        JsonNode json = resolve(response.getValue()).path("content").path("application/json");
        json.path("examples").fields().forEachRemaining(example -> {
          conform(example.getValue().get("value"), json.get("schema"),
              operation + " " + response.getKey() + " '" + example.getKey() + "'", mismatches);
          // The request of a success is a valid request (error examples may be invalid on purpose).
          if (response.getKey().startsWith("2") && body.path("examples").has(example.getKey())) {
            conform(body.get("examples").get(example.getKey()).get("value"), body.get("schema"),
                operation + " request '" + example.getKey() + "'", mismatches);
          }
        });
      });
    }));
    assertThat(mismatches).isEmpty();
  }

  private static JsonNode components;

  private static JsonNode resolve(JsonNode node) {
    JsonNode resolved = node;
    while (resolved.has("$ref")) {
      String[] parts = resolved.get("$ref").asText().split("/");
      resolved = components.get(parts[2]).get(parts[3]);
    }
    return resolved;
  }

  /**
   * Whether a JSON value fits a schema of the document, in the subset the document uses: types,
   * formats, enums, patterns, required and nullable fields, and no field the schema does not name.
   */
  private static void conform(JsonNode value, JsonNode schemaOrRef, String where, List<String> mismatches) {
    if (schemaOrRef == null || schemaOrRef.isMissingNode()) {
      return;
    }
    JsonNode schema = resolve(schemaOrRef);
    if (value == null || value.isNull()) {
      if (!schema.path("nullable").asBoolean(false)) {
        mismatches.add(where + " is null, not nullable");
      }
      return;
    }
    if (schema.has("enum")) {
      boolean listed = false;
      for (JsonNode allowed : schema.get("enum")) {
        listed |= allowed.equals(value);
      }
      if (!listed) {
        mismatches.add(where + " = " + value + " is not one of " + schema.get("enum"));
      }
    }
    switch (schema.path("type").asText()) {
      case "object" -> {
        if (!value.isObject()) {
          mismatches.add(where + " is not an object");
          return;
        }
        JsonNode properties = schema.path("properties");
        schema.path("required").forEach(required -> {
          if (!value.has(required.asText())) {
            mismatches.add(where + " has no " + required.asText());
          }
        });
        JsonNode additional = schema.get("additionalProperties");
        value.fields().forEachRemaining(field -> {
          if (properties.has(field.getKey())) {
            conform(field.getValue(), properties.get(field.getKey()), where + "." + field.getKey(), mismatches);
          } else if (additional == null) {
            mismatches.add(where + " has " + field.getKey() + ", which the schema does not name");
          } else if (additional.isObject()) {
            conform(field.getValue(), additional, where + "." + field.getKey(), mismatches);
          }
        });
      }
      case "array" -> {
        if (!value.isArray()) {
          mismatches.add(where + " is not an array");
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          conform(value.get(i), schema.get("items"), where + "[" + i + "]", mismatches);
        }
      }
      case "string" -> {
        if (!value.isTextual()) {
          mismatches.add(where + " is not a string");
          return;
        }
        String text = value.asText();
        try {
          switch (schema.path("format").asText()) {
            case "date-time" -> java.time.OffsetDateTime.parse(text);
            case "date" -> java.time.LocalDate.parse(text);
            default -> { }
          }
        } catch (java.time.DateTimeException e) {
          mismatches.add(where + " = " + text + " is not a " + schema.get("format").asText());
        }
        if (schema.has("pattern") && !java.util.regex.Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
          mismatches.add(where + " = " + text + " does not match " + schema.get("pattern").asText());
        }
      }
      case "integer" -> {
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
          mismatches.add(where + " = " + value + " is not an int32");
        }
      }
      case "number" -> {
        if (!value.isNumber()) {
          mismatches.add(where + " = " + value + " is not a number");
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          mismatches.add(where + " is not a boolean");
        }
      }
      default -> mismatches.add(where + ": the schema has no type the test knows: " + schema);
    }
  }

  /** The operation's first security scheme, unless the example says otherwise. */
  private static String credential(JsonNode operation, JsonNode example) {
    if (example.has("x-credential")) {
      return example.get("x-credential").asText();
    }
    JsonNode security = operation.path("security");
    if (security.isEmpty()) {
      return "none";
    }
    return switch (security.get(0).fieldNames().next()) {
      case "adminToken" -> "admin";
      case "hostToken" -> "host";
      case "bookingToken" -> "booking";
      case "bookingTokenQuery" -> "bookingQuery";
      default -> throw new IllegalStateException("unknown scheme in " + security);
    };
  }

  /** Ids and tokens of a success answer stand for the document's in the requests that follow. */
  private void learn(JsonNode documented, JsonNode actual) {
    if (documented.isObject() && actual != null && actual.isObject()) {
      documented.fields().forEachRemaining(field -> {
        JsonNode real = actual.get(field.getKey());
        String key = field.getKey();
        if (field.getValue().isTextual() && real != null && real.isTextual()
            && (key.equals("id") || key.endsWith("Id") || key.endsWith("Token"))) {
          substitutions.put(field.getValue().asText(), real.asText());
          if (key.equals("apiToken")) {
            latestTokens.put("host", real.asText());
          } else if (key.equals("bookingToken")) {
            latestTokens.put("booking", real.asText());
          }
        } else {
          learn(field.getValue(), real);
        }
      });
    } else if (documented.isArray() && actual != null && actual.isArray()) {
      for (int i = 0; i < Math.min(documented.size(), actual.size()); i++) {
        learn(documented.get(i), actual.get(i));
      }
    }
  }

  private String substitute(String text) {
    String result = text;
    for (Map.Entry<String, String> known : substitutions.entrySet()) {
      result = result.replace(known.getKey(), known.getValue());
    }
    return result;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
