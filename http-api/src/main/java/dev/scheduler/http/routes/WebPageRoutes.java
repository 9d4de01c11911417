package dev.scheduler.http.routes;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import dev.scheduler.http.auth.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.model.headers.EntityTag;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The invitee's pages, static files over the public API: {@code GET /book/{hostId}/{eventType}},
 * {@code GET /manage/{bookingId}?token=...} and their scripts and style under {@code /web/}. Only
 * the files listed here are served, read once from the classpath. The operators' console,
 * {@code GET /admin}, is served the same way over the admin API.
 */
public final class WebPageRoutes extends RouteSupport {
  private static final List<String> FILES = List.of(
      "book.html", "manage.html", "style.css", "api.js", "slots.js", "ics.js", "book.js", "manage.js",
      "admin.html", "admin.css", "admin.js", "admin-stats.js", "admin-charts.js", "admin-dom.js", "admin-host.js");

  // The manage link carries the booking token: no page may be kept on disk with it or send it on
  // in a Referer, and the scripts may talk to this origin only.
  private static final List<HttpHeader> PAGE_HEADERS = List.of(
      CacheControl.create(CacheDirectives.NO_STORE),
      RawHeader.create("Referrer-Policy", "no-referrer"),
      RawHeader.create("X-Content-Type-Options", "nosniff"),
      RawHeader.create("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
          + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"));

  // Unversioned file names: a browser may keep a script but asks each time whether it changed.
  private static final List<HttpHeader> ASSET_HEADERS = List.of(
      CacheControl.create(CacheDirectives.NO_CACHE),
      RawHeader.create("X-Content-Type-Options", "nosniff"));

  private final Map<String, StaticFile> files;

  public WebPageRoutes() {
    this.files = FILES.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), WebPageRoutes::load));
  }

  // get() sits inside each path: outside, a GET would cancel the 405s of the API's other routes.
  public Route routes() {
    return concat(
        path(segment("book").slash(segment()).slash(segment()), (hostId, eventType) -> get(() -> page("book.html"))),
        path(segment("manage").slash(segment()), bookingId -> get(() -> page("manage.html"))),
        path("admin", () -> get(() -> page("admin.html"))),
        path(segment("web").slash(segment()), name -> get(() -> asset(name))));
  }

  private Route page(String name) {
    return complete(files.get(name).response(PAGE_HEADERS));
  }

  private Route asset(String name) {
    StaticFile file = files.get(name);
    if (file == null || name.endsWith(".html")) {
      return reject();
    }
    return conditional(file.etag(), () -> complete(file.response(ASSET_HEADERS)));
  }

  private record StaticFile(byte[] bytes, ContentType type, EntityTag etag) {
    HttpResponse response(List<HttpHeader> headers) {
      return HttpResponse.create().withEntity(HttpEntities.create(type, bytes)).addHeaders(headers)
          .addHeader(org.apache.pekko.http.javadsl.model.headers.ETag.create(etag));
    }
  }

  private static StaticFile load(String name) {
    try (InputStream in = WebPageRoutes.class.getResourceAsStream("/web/" + name)) {
      if (in == null) {
        throw new IllegalStateException("web/" + name + " is missing from the classpath");
      }
      byte[] bytes = in.readAllBytes();
      return new StaticFile(bytes, contentType(name),
          EntityTag.create(Tokens.sha256Hex(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
              .substring(0, 16), false));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ContentType contentType(String name) {
    if (name.endsWith(".html")) {
      return ContentTypes.TEXT_HTML_UTF8;
    }
    if (name.endsWith(".css")) {
      return MediaTypes.TEXT_CSS.toContentType(HttpCharsets.UTF_8);
    }
    return MediaTypes.APPLICATION_JAVASCRIPT.toContentType(HttpCharsets.UTF_8);
  }
}
