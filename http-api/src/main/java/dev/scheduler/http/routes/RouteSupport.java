package dev.scheduler.http.routes;

import dev.scheduler.http.ErrorResponses;
import dev.scheduler.http.json.Json;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/** Directives shared by the route classes: bearer tokens, JSON bodies, asynchronous answers. */
abstract class RouteSupport extends AllDirectives {
  private static final String BEARER = "Bearer ";

  /** The token of an {@code Authorization: Bearer ...} header, if any. */
  protected Route withBearer(Function<Optional<String>, Route> inner) {
    return optionalHeaderValueByName("Authorization", header -> inner.apply(header
        .filter(h -> h.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        .map(h -> h.substring(BEARER.length()).trim())
        .filter(t -> !t.isEmpty())));
  }

  /** A bearer token, or else the {@code token} query parameter (links in invitee emails use it). */
  protected Route withBearerOrQueryToken(Function<Optional<String>, Route> inner) {
    return withBearer(bearer -> parameterOptional("token", query -> inner.apply(bearer.or(() -> query))));
  }

  protected <T> Route withJsonBody(Class<T> type, Function<T, Route> inner) {
    return entity(Unmarshaller.entityToString(), body -> inner.apply(Json.read(body, type)));
  }

  /** Like {@link #withJsonBody}, but an empty body stands for {@code whenEmpty}. */
  protected <T> Route withJsonBodyOrEmpty(Class<T> type, T whenEmpty, Function<T, Route> inner) {
    return entity(Unmarshaller.entityToString(), body ->
        inner.apply(body.isBlank() ? whenEmpty : Json.read(body, type)));
  }

  /** Completes with the answer, or with the JSON error its failure maps to. */
  protected Route respond(CompletionStage<HttpResponse> answer) {
    return completeWithFuture(answer.handle((ok, failure) -> failure == null ? ok : ErrorResponses.of(failure)));
  }

  protected <T> Route respond(StatusCode status, CompletionStage<T> answer) {
    return respond(answer.thenApply(body -> Json.response(status, body)));
  }
}
