package dev.scheduler.http.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads the OpenAPI document as JSON, in its own order, and turns its examples into requests by the
 * rules its description states: a response example is a scenario; its request takes the parameter
 * and body examples of the same name (else the parameter's {@code default} and the first body
 * example), {@code Accept} is the response example's media type, and the credential is
 * {@code x-credential} or else the operation's first security scheme.
 */
final class DocumentedExamples {
  static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
  private static final ObjectMapper JSON = new ObjectMapper();

  private DocumentedExamples() {}

  static JsonNode document() {
    try (InputStream in = DocumentedExamples.class.getResourceAsStream("/openapi.json")) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One response example of one operation. */
  record Scenario(String path, String method, JsonNode operation, String status, String mediaType, String name,
      JsonNode example) {
    int statusCode() {
      return Integer.parseInt(status);
    }

    boolean isSuccess() {
      return status.startsWith("2");
    }

    /** The outside service this example needs, if any. */
    Optional<String> requires() {
      return Optional.ofNullable(example.get("x-requires")).map(JsonNode::asText);
    }

    /** none, admin, host, booking, bookingQuery, or a literal token. */
    String credential() {
      if (example.has("x-credential")) {
        return example.get("x-credential").asText();
      }
      JsonNode security = operation.path("security");
      if (security.isEmpty()) {
        return "none";
      }
      String scheme = security.get(0).fieldNames().next();
      return switch (scheme) {
        case "adminToken" -> "admin";
        case "hostToken" -> "host";
        case "bookingToken" -> "booking";
        case "bookingTokenQuery" -> "bookingQuery";
        default -> throw new IllegalStateException("unknown security scheme " + scheme);
      };
    }

    @Override
    public String toString() {
      return method.toUpperCase() + " " + path + " -> " + status + " '" + name + "'";
    }
  }

  /** A request to send: method, path with query, headers and a JSON body (or null). */
  record Request(String method, String uri, Map<String, String> headers, String body) {}

  /** Every response example of the document, in document order. */
  static List<Scenario> scenarios(JsonNode document) {
    List<Scenario> scenarios = new ArrayList<>();
    document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      if (!METHODS.contains(op.getKey())) {
        return;
      }
      op.getValue().path("responses").fields().forEachRemaining(response -> response.getValue().path("content")
          .fields().forEachRemaining(media -> media.getValue().path("examples").fields().forEachRemaining(example ->
              scenarios.add(new Scenario(path.getKey(), op.getKey(), op.getValue(), response.getKey(), media.getKey(),
                  example.getKey(), example.getValue())))));
    }));
    return scenarios;
  }

  /**
   * The request of a scenario. {@code substitute} replaces the example ids and tokens in every value
   * by real ones; {@code token} gives the token of a credential (null: none).
   */
  static Request request(Scenario scenario, UnaryOperator<String> substitute, UnaryOperator<String> token) {
    String uri = scenario.path();
    List<String> query = new ArrayList<>();
    Map<String, String> headers = new LinkedHashMap<>();
    for (JsonNode parameter : scenario.operation().path("parameters")) {
      JsonNode examples = parameter.path("examples");
      JsonNode chosen = examples.has(scenario.name()) ? examples.get(scenario.name()) : examples.get("default");
      if (chosen == null) {
        continue;
      }
      String name = parameter.get("name").asText();
      String value = substitute.apply(chosen.get("value").asText());
      switch (parameter.get("in").asText()) {
        case "path" -> uri = uri.replace("{" + name + "}", encode(value));
        case "query" -> query.add(encode(name) + "=" + encode(value));
        case "header" -> headers.put(name, value);
        default -> throw new IllegalStateException("parameter in " + parameter.get("in"));
      }
    }
    String credential = scenario.credential();
    String presented = switch (credential) {
      case "none" -> null;
      case "admin", "host", "booking", "bookingQuery" -> token.apply(credential);
      default -> credential;
    };
    if (presented != null) {
      if (credential.equals("bookingQuery")) {
        query.add("token=" + encode(presented));
      } else {
        headers.put("Authorization", "Bearer " + presented);
      }
    }
    headers.put("Accept", scenario.mediaType());
    String body = null;
    JsonNode bodies = scenario.operation().path("requestBody").path("content").path("application/json").path("examples");
    if (!bodies.isMissingNode() && !bodies.isEmpty()) {
      JsonNode chosen = bodies.has(scenario.name()) ? bodies.get(scenario.name()) : first(bodies);
      body = substitute.apply(chosen.get("value").toString());
    }
    return new Request(scenario.method().toUpperCase(), query.isEmpty() ? uri : uri + "?" + String.join("&", query),
        headers, body);
  }

  /** The example value of a string field at a JSON pointer of a scenario's example, such as {@code /id}. */
  static String exampleText(JsonNode document, String path, String method, String status, String name,
      String pointer) {
    return document.get("paths").get(path).get(method).get("responses").get(status).get("content")
        .get("application/json").get("examples").get(name).get("value").at(pointer).asText();
  }

  private static JsonNode first(JsonNode object) {
    Iterator<JsonNode> values = object.elements();
    return values.next();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
