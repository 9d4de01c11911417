package dev.scheduler.harness.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Request and response bodies, configured like the node's reader (unknown fields ignored). */
final class JsonIo {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
      .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);

  private JsonIo() {}

  static <T> T read(String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      throw HttpRefusal.invalid("The request needs a JSON body.");
    }
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw HttpRefusal.invalid("The request body must be a JSON object.");
      }
      return value;
    } catch (MismatchedInputException e) {
      throw HttpRefusal.invalid("The JSON body does not have the expected shape.");
    } catch (JsonProcessingException e) {
      throw HttpRefusal.invalid("The request body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** An empty body reads as {@code fallback}, for endpoints whose body is optional. */
  static <T> T readOrDefault(String body, Class<T> type, T fallback) {
    return body == null || body.isBlank() ? fallback : read(body, type);
  }

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  static String writeString(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
