package dev.scheduler.http.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.scheduler.http.ApiError;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;

/**
 * Reads request bodies and writes response bodies, with errors a person can act on.
 *
 * <p>Reading is strict about types: a JSON string is never taken for a number or a boolean, nor a
 * number or a boolean for a string, nor a fraction for an integer. A field given twice is refused
 * (parsers disagree on which one wins). Unknown fields are ignored, so that a client can send back
 * what it read (answers carry fields such as {@code slug} that requests do not take) and so that a
 * newer client keeps working against an older node during a rolling upgrade.
 */
public final class Json {
  /** The deepest request shape (a schedule's overrides) nests 4 levels; 16 leaves room, not stacks. */
  static final int MAX_NESTING = 16;
  /** Longer than any int or instant field needs; a 1,000-digit number is refused before it is parsed. */
  static final int MAX_NUMBER_DIGITS = 20;

  private static final ObjectMapper MAPPER = strictMapper();

  private Json() {}

  private static ObjectMapper strictMapper() {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING)
            .maxNumberLength(MAX_NUMBER_DIGITS)
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    JsonMapper mapper = JsonMapper.builder(factory)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .build();
    // ALLOW_COERCION_OF_SCALARS covers "30" -> Integer, not 5 or true -> String, nor 1 -> Boolean.
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    return mapper;
  }

  public static <T> T read(String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      throw ApiError.invalid("The request needs a JSON body.");
    }
    // Our own parser, so that a refusal without a path (a number too long) can still say where.
    try (JsonParser parser = MAPPER.createParser(body)) {
      T value = read(parser, type);
      if (value == null) {
        throw ApiError.invalid("The request body must be a JSON object.");
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException("reading a String cannot fail", e);
    }
  }

  private static <T> T read(JsonParser parser, Class<T> type) throws IOException {
    try {
      return MAPPER.readValue(parser, type);
    } catch (MismatchedInputException e) {
      String path = path(e);
      throw ApiError.invalid(path.isEmpty() ? "The JSON body does not have the expected shape."
          : path + " must be " + expected(e.getTargetType()) + ".");
    } catch (JsonProcessingException e) {
      String path = path(parser.getParsingContext());
      throw ApiError.invalid("The request body is not acceptable JSON" + (path.isEmpty() ? "" : " at '" + path + "'")
          + ": " + e.getOriginalMessage());
    }
  }

  public static HttpResponse response(StatusCode status, Object body) {
    try {
      return HttpResponse.create()
          .withStatus(status)
          .withEntity(ContentTypes.APPLICATION_JSON, MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** The JSON text of an error body, for answers built outside the routes (the HTTP layer's own). */
  public static String errorText(String code, String message) {
    try {
      return MAPPER.writeValueAsString(new ErrorJson(code, message));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an error as JSON", e);
    }
  }

  private static String expected(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type != null && (java.util.Collection.class.isAssignableFrom(type) || type.isArray())) {
      return "a list";
    }
    return "a JSON object of the documented shape";
  }

  private static String path(MismatchedInputException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
        .orElse("");
  }

  /** Where the parser stood, such as {@code intervals[2].start}, when a number or a field was refused. */
  private static String path(JsonStreamContext context) {
    String path = "";
    for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
      String step = at.inArray() ? "[" + Math.max(at.getCurrentIndex(), 0) + "]" : at.getCurrentName();
      if (step != null) {
        path = step + (path.isEmpty() || path.startsWith("[") ? "" : ".") + path;
      }
    }
    return path;
  }
}
