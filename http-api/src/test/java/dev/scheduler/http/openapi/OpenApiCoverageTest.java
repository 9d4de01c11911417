package dev.scheduler.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.http.openapi.DocumentedExamples.Request;
import dev.scheduler.http.openapi.DocumentedExamples.Scenario;
import dev.scheduler.http.testkit.ApiRouteTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.testkit.TestRouteResult;
import org.junit.jupiter.api.Test;

/**
 * The document and the routes cover each other, checked on the whole route tree with the route
 * testkit's fakes: every documented operation is answered (not 404 or 405) when sent its success
 * example; every method the document does not list on a path is refused with 404 or 405; every
 * literal path segment in the route classes' source is in some documented path; and every address
 * the routes answer below a documented path (probed with those literals) is documented. A new route
 * without documentation fails here.
 */
class OpenApiCoverageTest extends ApiRouteTest {
  @Override
  protected dev.scheduler.protocol.admin.ClusterOperations clusterOperations() {
    return new AnsweringCluster();
  }

  @Override
  protected dev.scheduler.protocol.webhook.WebhookSubscriptions webhooks() {
    return new AnsweringWebhooks();
  }

  private static final List<String> CHECKED_METHODS = List.of("get", "post", "put", "delete", "patch");
  private static final Path ROUTE_SOURCES = Path.of("src/main/java/dev/scheduler/http/routes");
  /** A string literal given first to a path matcher: path("x", ...), pathPrefix("x"), segment("x"), .slash("x"). */
  private static final Pattern PATH_LITERAL = Pattern.compile("\\b(?:path|pathPrefix|segment|slash)\\(\\s*\"([^\"]*)\"");

  private final JsonNode document = DocumentedExamples.document();

  @Test
  void everyDocumentedOperationIsAnsweredWhenSentItsSuccessExample() {
    Map<String, Scenario> firstSuccess = new LinkedHashMap<>();
    for (Scenario scenario : DocumentedExamples.scenarios(document)) {
      if (scenario.isSuccess()) {
        firstSuccess.putIfAbsent(scenario.method() + " " + scenario.path(), scenario);
      }
    }
    List<String> operations = new ArrayList<>();
    document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      if (DocumentedExamples.METHODS.contains(method)) {
        operations.add(method + " " + path.getKey());
      }
    }));
    assertThat(firstSuccess.keySet()).as("operations with a success example").containsExactlyElementsOf(operations);

    List<String> unanswered = new ArrayList<>();
    firstSuccess.values().forEach(scenario -> {
      Request request = DocumentedExamples.request(scenario, substitutions(), this::tokenOf);
      TestRouteResult result = run(toPekko(request));
      if (result.statusCode() == 404 || result.statusCode() == 405) {
        unanswered.add(scenario + " answered " + result.statusCode() + " to " + request + ": " + result.entityString());
      }
    });
    assertThat(unanswered).isEmpty();
  }

  @Test
  void everyMethodNotDocumentedOnAPathIsRefused() {
    List<String> answered = new ArrayList<>();
    List<Scenario> scenarios = DocumentedExamples.scenarios(document);
    document.get("paths").fields().forEachRemaining(path -> {
      Scenario any = scenarios.stream().filter(s -> s.path().equals(path.getKey()) && s.isSuccess()).findFirst()
          .orElseThrow();
      for (String method : CHECKED_METHODS) {
        if (path.getValue().has(method)) {
          continue;
        }
        // The documented example's path and query, the admin's token, a JSON body: only the method is wrong.
        Request documented = DocumentedExamples.request(any, substitutions(), this::tokenOf);
        if (documentedElsewhere(method, documented.uri())) {
          continue; // PUT .../calendars/ics is PUT .../calendars/{connectionId} with the id "ics"
        }
        Map<String, String> headers = new LinkedHashMap<>(documented.headers());
        headers.put("Authorization", "Bearer " + ADMIN_TOKEN);
        Request wrong = new Request(method.toUpperCase(), documented.uri(), headers, "{}");
        TestRouteResult result = run(toPekko(wrong));
        if (result.statusCode() != 404 && result.statusCode() != 405) {
          answered.add(method.toUpperCase() + " " + path.getKey() + " is not documented but answered "
              + result.statusCode() + ": " + result.entityString());
        }
      }
    });
    assertThat(answered).isEmpty();
  }

  @Test
  void everyLiteralPathSegmentOfTheRoutesIsInADocumentedPath() throws IOException {
    Set<String> documented = new TreeSet<>();
    document.get("paths").fieldNames().forEachRemaining(path -> {
      for (String segment : path.split("/")) {
        if (!segment.isEmpty() && !segment.startsWith("{")) {
          documented.add(segment);
        }
      }
    });
    Set<String> inRoutes = routeLiterals();
    // The scan must see the routes (api, v1, hosts, bookings, ...), or this test would pass on nothing.
    assertThat(inRoutes).as("literal segments found in " + ROUTE_SOURCES)
        .contains("api", "v1", "hosts", "bookings", "oauth", "webhooks", "health", "book", "openapi.json")
        .hasSizeGreaterThan(25);
    assertThat(documented).as("segments of documented paths").containsAll(inRoutes);
  }

  /**
   * A segment can be documented on one path and routed on another ({@code webhooks} is in
   * {@code /webhooks/google}; a route {@code /api/v1/hosts/{hostId}/webhooks} would not be). So the
   * routes are also probed: below every documented path and its prefixes, each literal of the route
   * classes is tried as the next segment (and before or after an id); whatever the routes do not
   * answer 404 must be an address some documented path describes.
   */
  @Test
  void everyAddressTheRoutesAnswerBelowADocumentedPathIsDocumented() throws IOException {
    String anId = "aaaaaaaaaaaaaaaaaaaa";
    UnaryOperator<String> fill = template -> substitutions().apply(template.replaceAll("\\{[^}]+}", anId));
    Set<String> prefixes = new TreeSet<>(List.of(""));
    document.get("paths").fieldNames().forEachRemaining(path -> {
      String[] segments = path.substring(1).split("/");
      StringBuilder prefix = new StringBuilder();
      for (String segment : segments) {
        prefix.append('/').append(segment);
        prefixes.add(fill.apply(prefix.toString()));
      }
    });
    Set<String> candidates = new TreeSet<>();
    for (String prefix : prefixes) {
      for (String literal : routeLiterals()) {
        candidates.add(prefix + "/" + literal);
        candidates.add(prefix + "/" + literal + "/" + anId);
        candidates.add(prefix + "/" + anId + "/" + literal);
      }
    }
    List<String> undocumented = new ArrayList<>();
    for (String candidate : candidates) {
      TestRouteResult result = run(HttpRequest.GET(candidate)
          .addHeader(RawHeader.create("Authorization", "Bearer " + ADMIN_TOKEN)));
      if (result.statusCode() != 404 && !documentedAnyMethod(candidate)) {
        undocumented.add(candidate + " answered " + result.statusCode() + ": " + result.entityString());
      }
    }
    assertThat(candidates).hasSizeGreaterThan(1000);
    assertThat(undocumented).as("addresses the routes answer that no documented path describes").isEmpty();
  }

  private boolean documentedAnyMethod(String path) {
    return DocumentedExamples.METHODS.stream().anyMatch(method -> documentedElsewhere(method, path));
  }

  private static Set<String> routeLiterals() throws IOException {
    Set<String> literals = new TreeSet<>();
    try (Stream<Path> files = Files.list(ROUTE_SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher literal = PATH_LITERAL.matcher(Files.readString(file));
        while (literal.find()) {
          for (String segment : literal.group(1).split("/")) {
            if (!segment.isEmpty()) {
              literals.add(segment);
            }
          }
        }
      }
    }
    return literals;
  }

  /** Whether another documented path template, with this method, matches the address. */
  private boolean documentedElsewhere(String method, String uri) {
    String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
    List<String> templates = new ArrayList<>();
    document.get("paths").fields().forEachRemaining(p -> {
      if (p.getValue().has(method)) {
        templates.add(p.getKey());
      }
    });
    return templates.stream().anyMatch(template ->
        path.matches(Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q")));
  }

  /** The document's example host id and booking id stand for the test's. */
  private UnaryOperator<String> substitutions() {
    String exampleHost = DocumentedExamples.exampleText(document, "/api/v1/hosts", "post", "201", "created", "/id");
    assertThat(exampleHost).isNotBlank();
    return text -> text.replace(exampleHost, hostId);
  }

  private String tokenOf(String credential) {
    String exampleBooking = DocumentedExamples.exampleText(document, "/api/v1/hosts/{hostId}/bookings", "post", "201",
        "booked", "/id");
    return switch (credential) {
      case "admin" -> ADMIN_TOKEN;
      case "host" -> hostToken;
      case "booking", "bookingQuery" -> bookingToken(exampleBooking);
      default -> throw new IllegalArgumentException(credential);
    };
  }

  private static HttpRequest toPekko(Request request) {
    HttpRequest pekko = HttpRequest.create(request.uri())
        .withMethod(HttpMethods.lookup(request.method()).orElseThrow());
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      pekko = pekko.addHeader(RawHeader.create(header.getKey(), header.getValue()));
    }
    if (request.body() != null) {
      pekko = pekko.withEntity(ContentTypes.APPLICATION_JSON, request.body());
    }
    return pekko;
  }
}
