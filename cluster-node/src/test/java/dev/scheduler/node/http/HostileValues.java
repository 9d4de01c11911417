package dev.scheduler.node.http;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * What an attacker puts in a request: values that are well-formed JSON but wrong in type, range or
 * Unicode, and whole bodies that are not JSON at all. Raw JSON text, so that lone surrogates and
 * control characters can be spelled with escapes exactly as a hostile client would send them.
 */
final class HostileValues {
  private HostileValues() {}

  /** JSON values to put where a field's value goes. */
  static Arbitrary<String> jsonValues() {
    return Arbitraries.oneOf(
        Arbitraries.of(fixedJsonValues()),
        Arbitraries.strings().ofMaxLength(40).map(HostileValues::jsonString),
        Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(5)
            .map(HostileValues::jsonString),
        Arbitraries.longs().map(n -> Long.toString(n)),
        Arbitraries.integers().between(1, 4000).map(HostileValues::nested));
  }

  /** Values for a path segment or a query parameter, sent percent-encoded. */
  static Arbitrary<String> rawValues() {
    return Arbitraries.oneOf(
        Arbitraries.of(fixedRawValues()),
        Arbitraries.strings().ofMinLength(1).ofMaxLength(40),
        Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(5));
  }

  /** Whole request bodies: broken JSON, JSON of the wrong shape, very deep or very long documents. */
  static Arbitrary<String> bodies() {
    return Arbitraries.oneOf(
        Arbitraries.of("", " ", "null", "true", "0", "-1", "\"text\"", "[]", "{", "}", "{\"a\":", "{\"a\":1,}",
            "{'a':1}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":01}", "{\"a\":1e999999}", "\u0000",
            "{\"title\":\"a\",\"title\":\"b\"}", "[" + "{\"a\":1},".repeat(2000) + "{}]",
            "{\"notes\":\"" + "x".repeat(60_000) + "\"}"),
        Arbitraries.integers().between(100, 20_000).map(HostileValues::nested),
        Arbitraries.strings().ofMaxLength(200));
  }

  private static List<String> fixedJsonValues() {
    List<String> values = new ArrayList<>(List.of(
        "null", "true", "false", "0", "-1", "30.5", "1e308", "-1e308", "1e-400", "9223372036854775808",
        "-9223372036854775809", "123456789012345678901234567890", "2147483648", "\"30\"", "\"\"", "\" \"",
        "[]", "{}", "[null]", "[1,2,3]", "{\"kind\":\"rolling\"}",
        "\"x\\ud800\"", "\"\\udc00\"", "\"\\ud800\\ud800\"", "\"\\udbff\"", "\"\\u0000\"",
        "\"a\\u202eb\"", "\"\\ufeff\"", "\"\\uffff\"",
        "\"+999999999-12-31\"", "\"-999999999-01-01\"", "\"+999999999-12-31T23:59:59Z\"", "\"0000-01-01\"",
        "\"1899-12-31\"", "\"2201-01-01T00:00:00Z\"", "\"2027-02-30\"", "\"2027-03-01T25:00:00Z\"",
        "\"2027-03-01T10:00:00+25:00\"", "\"2027-03-01\"", "\"24:00\"", "\"23:60\"", "\"-01:00\"",
        "\"../../etc/passwd\"", "\"America/New_York\\u0000\"", "\"Z\"", "\"+25:00\"", "\"SystemV/EST5\"",
        "\"file:///etc/passwd\"", "\"http://127.0.0.1:1/\"", "\"gopher://x\"",
        "\"" + "x".repeat(10_000) + "\"", "\"" + "\\ud83d\\ude00".repeat(2_000) + "\""));
    return values;
  }

  private static List<String> fixedRawValues() {
    return List.of("", " ", "..", ".", "%", "\u0000", "\ud800", "x\udc00", "\u202e", "+999999999-12-31",
        "-999999999-01-01", "0000-01-01", "2027-02-30", "9999-12-31", "1969-12-31T23:59:59Z", "2027-03-01T25:00:00Z",
        "../../etc/passwd", "America/New_York\u0000", "+25:00", "Etc/GMT+14", "SystemV/EST5", "CONFIRMED",
        "cancelled\u0000", "x".repeat(3_000), "\ud83d\ude00".repeat(500), "%00", "%ZZ", "?", "#", "/", "\\");
  }

  /** A JSON string of {@code text}: controls and every surrogate (paired or not) as \\u escapes. */
  static String jsonString(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append('"').toString();
  }

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }
}
