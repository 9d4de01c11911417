package dev.scheduler.harness.google;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** JSON and timestamp helpers shared by the fake's endpoints. */
final class GoogleJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** Google prints timestamps with exactly three fractional digits in UTC ("...T10:00:00.000Z"). */
  private static final DateTimeFormatter RFC3339_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private GoogleJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a request body; anything but a JSON object is Google's 400 parseError. */
  static ObjectNode parseObject(byte[] body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      // falls through to the same error Google gives for any unparsable body
    }
    throw GoogleApiException.of(400, "parseError");
  }

  static String timestamp(Instant instant) {
    return RFC3339_MILLIS.format(instant);
  }

  /** Text of a field, or null when absent or JSON null. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
