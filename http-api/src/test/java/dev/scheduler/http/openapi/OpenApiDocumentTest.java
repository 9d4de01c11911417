package dev.scheduler.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document served at {@code /api/v1/openapi.json} is valid OpenAPI 3 by swagger-parser,
 * and every operation is named, summarised and has examples for its request body and its success.
 */
class OpenApiDocumentTest {
  private static String text;
  private static OpenAPI api;

  @BeforeAll
  static void parse() throws IOException {
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.json")) {
      assertThat(in).as("openapi.json on the classpath").isNotNull();
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
    assertThat(result.getMessages()).as("swagger-parser's messages").isEmpty();
    api = result.getOpenAPI();
    assertThat(api).isNotNull();
  }

  @Test
  void isOpenApi303WithPathsAndSchemas() {
    assertThat(api.getOpenapi()).isEqualTo("3.0.3");
    assertThat(api.getPaths()).isNotEmpty();
    assertThat(api.getComponents().getSchemas()).containsKey("Error");
    assertThat(api.getComponents().getSecuritySchemes())
        .containsKeys("adminToken", "hostToken", "bookingToken", "bookingTokenQuery");
  }

  @Test
  void everyOperationHasAnIdASummaryAndExamplesForItsBodyAndItsSuccess() {
    List<String> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      String where = method + " " + path;
      if (isBlank(operation.getOperationId())) {
        problems.add(where + ": no operationId");
      } else if (!ids.add(operation.getOperationId())) {
        problems.add(where + ": operationId " + operation.getOperationId() + " used twice");
      }
      if (isBlank(operation.getSummary())) {
        problems.add(where + ": no summary");
      }
      if (operation.getRequestBody() != null && !everyMediaTypeHasExamples(operation.getRequestBody().getContent())) {
        problems.add(where + ": a request body without examples");
      }
      if (!hasSuccessExample(operation)) {
        problems.add(where + ": no 2xx response with examples");
      }
      if (operation.getSecurity() == null) {
        problems.add(where + ": no security (say [] for anyone)");
      }
    }));
    assertThat(problems).isEmpty();
  }

  @Test
  void everyErrorResponseIsTheErrorSchema() {
    List<String> problems = new ArrayList<>();
    api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
        operation.getResponses().forEach((status, declared) -> {
          ApiResponse response = declared;
          if (status.startsWith("4") || status.startsWith("5")) {
            if (response.get$ref() != null) {
              response = api.getComponents().getResponses()
                  .get(response.get$ref().substring("#/components/responses/".length()));
            }
            MediaType json = response.getContent() == null ? null : response.getContent().get("application/json");
            if (json == null || json.getSchema() == null || !isErrorSchema(json.getSchema())) {
              problems.add(method + " " + path + " " + status + ": not the Error schema");
            }
          }
        })));
    assertThat(problems).isEmpty();
  }

  private static boolean isErrorSchema(io.swagger.v3.oas.models.media.Schema<?> schema) {
    if ("#/components/schemas/Error".equals(schema.get$ref())) {
      return true;
    }
    // Resolved: the same object as the component.
    return schema.getProperties() != null && schema.getProperties().keySet().equals(Set.of("error", "message"));
  }

  private static boolean hasSuccessExample(Operation operation) {
    for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
      if (response.getKey().startsWith("2") && response.getValue().getContent() != null
          && everyMediaTypeHasExamples(response.getValue().getContent())) {
        return true;
      }
    }
    return false;
  }

  private static boolean everyMediaTypeHasExamples(Content content) {
    return content != null && !content.isEmpty() && content.values().stream()
        .allMatch(media -> media.getExample() != null || (media.getExamples() != null && !media.getExamples().isEmpty()));
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
