package dev.scheduler.harness.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** One decoded HTTP request: method override applied, gzip body inflated, path and query decoded. */
final class FakeRequest {
  private final String wireMethod;
  private final String method;
  private final List<String> segments;
  private final String path;
  private final String rawQuery;
  private final Map<String, List<String>> query;
  private final Headers headers;
  private final byte[] body;

  private FakeRequest(String wireMethod, String method, String rawPath, String rawQuery,
      Headers headers, byte[] body) {
    this.wireMethod = wireMethod;
    this.method = method;
    this.segments = new ArrayList<>();
    // Decode per segment: calendar ids arrive as user%40example.com and must not split on %2F.
    for (String segment : rawPath.split("/")) {
      if (!segment.isEmpty()) {
        segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    this.path = "/" + String.join("/", segments);
    this.rawQuery = rawQuery == null ? "" : rawQuery;
    this.query = parseForm(this.rawQuery);
    this.headers = headers;
    this.body = body;
  }

  static FakeRequest read(HttpExchange exchange) throws IOException {
    String wireMethod = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    Headers headers = exchange.getRequestHeaders();
    // NetHttpTransport cannot send PATCH, so the Java client tunnels it through POST.
    String override = headers.getFirst("X-HTTP-Method-Override");
    String method = "POST".equals(wireMethod) && override != null
        ? override.toUpperCase(Locale.ROOT) : wireMethod;
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes(); // the JDK server already undoes chunked transfer coding
    }
    if ("gzip".equalsIgnoreCase(headers.getFirst("Content-Encoding"))) {
      try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(body))) {
        body = gz.readAllBytes();
      }
    }
    return new FakeRequest(wireMethod, method, exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(), headers, body);
  }

  static Map<String, List<String>> parseForm(String encoded) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  /** The method the client meant (PATCH for a POST carrying X-HTTP-Method-Override: PATCH). */
  String method() {
    return method;
  }

  /** The method on the wire, before any override. */
  String wireMethod() {
    return wireMethod;
  }

  String path() {
    return path;
  }

  List<String> segments() {
    return segments;
  }

  String rawQuery() {
    return rawQuery;
  }

  String param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  boolean hasParam(String name) {
    return query.containsKey(name);
  }

  /** A boolean query parameter, or the fallback when absent. */
  boolean flag(String name, boolean fallback) {
    String value = param(name);
    return value == null ? fallback : Boolean.parseBoolean(value);
  }

  String header(String name) {
    return headers.getFirst(name);
  }

  byte[] body() {
    return body;
  }

  ObjectNode jsonBody() {
    return GoogleJson.parseObject(body);
  }

  Map<String, List<String>> formBody() {
    return parseForm(new String(body, StandardCharsets.UTF_8));
  }
}
