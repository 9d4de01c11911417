package dev.scheduler.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.http.testkit.ApiRouteTest;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.EntityTag;
import org.apache.pekko.http.javadsl.model.headers.EntityTagRange;
import org.apache.pekko.http.javadsl.model.headers.IfNoneMatch;
import org.apache.pekko.http.javadsl.testkit.TestRouteResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The invitee's pages in the whole route tree: static files with the right types and cache rules,
 * outside {@code /api/v1}, that never ask an entity (the browser reads the API itself).
 */
class WebPageRoutesTest extends ApiRouteTest {

  @Test
  void theBookingPageIsHtmlThatLoadsItsModuleAndIsNeverStored() {
    TestRouteResult page = run(get("/book/" + hostId + "/intro"));
    assertPage(page);
    assertThat(page.entityString()).contains("<script type=\"module\" src=\"/web/book.js\"></script>");
    entities.assertNothingAsked();
  }

  @Test
  void theManagePageTakesABookingTokenInTheQuery() {
    TestRouteResult page = run(get("/manage/b1?token=" + bookingToken("b1")));
    assertPage(page);
    assertThat(page.entityString()).contains("/web/manage.js");
    entities.assertNothingAsked();
  }

  @Test
  void theManagePageRefusesAHostTokenInTheQueryLikeEveryOtherRoute() {
    TestRouteResult refused = run(get("/manage/b1?token=" + hostToken));
    assertError(refused, 400, "invalid_request");
    assertThat(refused.entityString()).doesNotContain(hostToken);
  }

  @Test
  void scriptsAndStyleHaveTheirTypesAndAreRevalidatedByETag() {
    TestRouteResult script = run(get("/web/slots.js"));
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.response().entity().getContentType().toString())
        .isEqualTo("application/javascript; charset=UTF-8");
    assertThat(header(script, "Cache-Control")).isEqualTo("no-cache");
    assertThat(header(script, "X-Content-Type-Options")).isEqualTo("nosniff");
    String etag = header(script, "ETag");
    assertThat(etag).matches("\"[0-9a-f]{16}\"");

    TestRouteResult again = run(get("/web/slots.js")
        .addHeader(IfNoneMatch.create(EntityTagRange.create(EntityTag.create(etag.replace("\"", ""), false)))));
    assertThat(again.statusCode()).isEqualTo(304);

    TestRouteResult style = run(get("/web/style.css"));
    assertThat(style.statusCode()).isEqualTo(200);
    assertThat(style.response().entity().getContentType().toString()).isEqualTo("text/css; charset=UTF-8");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/web/nothing.js", "/web/book.html", "/web/..%2Fbook.html", "/web/", "/book/h1",
      "/book/h1/intro/extra", "/manage"})
  void onlyTheListedFilesAndPagesExist(String uri) {
    assertError(run(get(uri)), 404, "not_found");
  }

  @Test
  void pagesAreReadOnlyAndLeaveTheApisWrongMethodsAt405() {
    assertError(run(HttpRequest.POST("/book/" + hostId + "/intro")), 405, "method_not_allowed");
    assertError(run(get("/api/v1/hosts")), 405, "method_not_allowed");
    assertError(run(get(hostPath("/bookings/b1/cancel"))), 405, "method_not_allowed");
  }

  private static void assertPage(TestRouteResult page) {
    assertThat(page.statusCode()).as(page.entityString()).isEqualTo(200);
    assertThat(page.response().entity().getContentType().toString()).isEqualTo("text/html; charset=UTF-8");
    assertThat(header(page, "Cache-Control")).isEqualTo("no-store");
    assertThat(header(page, "Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(header(page, "Content-Security-Policy")).contains("default-src 'self'").contains("script-src 'self'");
    assertThat(page.entityString()).contains("<meta name=\"viewport\"");
  }

  private static String header(TestRouteResult result, String name) {
    return result.response().getHeader(name).map(h -> h.value())
        .orElseThrow(() -> new AssertionError("no " + name + " header"));
  }
}
