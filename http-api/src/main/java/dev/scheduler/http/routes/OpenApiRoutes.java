package dev.scheduler.http.routes;

import dev.scheduler.http.auth.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.model.headers.ETag;
import org.apache.pekko.http.javadsl.model.headers.EntityTag;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI document of every route (a resource of this module,
 * read once). Anyone may read it; it changes only with a release, so caches may keep it for an hour
 * and revalidate with its ETag.
 */
public final class OpenApiRoutes extends RouteSupport {
  static final String RESOURCE = "/openapi.json";

  private final byte[] document;
  private final EntityTag etag;

  public OpenApiRoutes() {
    this.document = load();
    this.etag = EntityTag.create(Tokens.sha256Hex(new String(document, StandardCharsets.UTF_8)).substring(0, 16), false);
  }

  /** Matches below {@code /api/v1}. */
  public Route route() {
    return path("openapi.json", () -> get(() -> conditional(etag, () -> complete(HttpResponse.create()
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, document))
        .addHeaders(List.of(CacheControl.create(CacheDirectives.PUBLIC, CacheDirectives.MAX_AGE(3600)),
            ETag.create(etag)))))));
  }

  private static byte[] load() {
    try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
