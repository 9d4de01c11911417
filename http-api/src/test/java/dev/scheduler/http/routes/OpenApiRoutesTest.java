package dev.scheduler.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.http.testkit.ApiRouteTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.pekko.http.javadsl.model.headers.EntityTag;
import org.apache.pekko.http.javadsl.model.headers.EntityTagRange;
import org.apache.pekko.http.javadsl.model.headers.IfNoneMatch;
import org.apache.pekko.http.javadsl.testkit.TestRouteResult;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/openapi.json}: the document, to anyone, cacheable and revalidated by ETag. */
class OpenApiRoutesTest extends ApiRouteTest {

  @Test
  void anyoneGetsTheDocumentAsJsonThatCachesMayKeep() throws IOException {
    TestRouteResult document = run(get("/api/v1/openapi.json"));
    assertThat(document.statusCode()).isEqualTo(200);
    assertThat(document.mediaTypeString()).isEqualTo("application/json");
    try (InputStream in = OpenApiRoutesTest.class.getResourceAsStream("/openapi.json")) {
      assertThat(document.entityString()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertThat(header(document, "Cache-Control")).isEqualTo("public, max-age=3600");
    String etag = header(document, "ETag");
    assertThat(etag).matches("\"[0-9a-f]{16}\"");

    TestRouteResult again = run(get("/api/v1/openapi.json")
        .addHeader(IfNoneMatch.create(EntityTagRange.create(EntityTag.create(etag.replace("\"", ""), false)))));
    assertThat(again.statusCode()).isEqualTo(304);
    entities.assertNothingAsked();
  }

  @Test
  void itIsReadOnly() {
    assertError(run(post("/api/v1/openapi.json", "{}")), 405, "method_not_allowed");
  }

  private static String header(TestRouteResult result, String name) {
    return result.response().getHeader(name).orElseThrow(() -> new AssertionError("no " + name)).value();
  }
}
