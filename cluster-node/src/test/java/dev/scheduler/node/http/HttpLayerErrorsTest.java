package dev.scheduler.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduler.node.testkit.SingleNodeProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: requests refused by the HTTP layer itself, before any route (headers too large or too
 * many, URL too long, body too large, broken framing), are answered in the API's JSON error shape
 * too. Sent as raw bytes to a node in its own process, since no HTTP client sends them.
 */
@EnabledOnOs(OS.LINUX)
class HttpLayerErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  static SingleNodeProcess node;

  @BeforeAll
  static void startNode() {
    node = SingleNodeProcess.embedded(work).start();
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void anAuthorizationHeaderOverEightKiBIs431() throws IOException {
    assertJsonError(send(get("/health/ready", "Authorization: Bearer " + "a".repeat(9 * 1024) + "\r\n")), 431);
  }

  @Test
  void tooManyHeadersAre431() throws IOException {
    StringBuilder headers = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      headers.append("X-Header-").append(i).append(": ").append(i).append("\r\n");
    }
    assertJsonError(send(get("/health/ready", headers.toString())), 431);
  }

  @Test
  void anOverLongUrlIs414() throws IOException {
    assertJsonError(send(get("/api/v1/hosts/" + "x".repeat(5000), "")), 414);
  }

  @Test
  void aHugeDeclaredBodyIs413() throws IOException {
    String head = "POST /api/v1/hosts/h1/bookings HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "Content-Length: 100000000\r\n\r\n";
    assertJsonError(send(head + "{\"name\":\"" + "x".repeat(100_000)), 413);
  }

  @Test
  void aMalformedRequestLineIs400() throws IOException {
    assertJsonError(send("GET /%zz HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400);
  }

  @Test
  void anUnknownMethodIs501() throws IOException {
    assertJsonError(send("GET\u0001/ nonsense HTTP/1.1\r\nHost: localhost\r\n\r\n"), 501);
  }

  @Test
  void aBadContentLengthIs400() throws IOException {
    assertJsonError(send("POST /api/v1/hosts HTTP/1.1\r\nHost: localhost\r\nContent-Length: -5\r\n\r\n"), 400);
  }

  private static String get(String path, String headers) {
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n";
  }

  /** Sends raw bytes and reads the answer until the server closes or the body is complete. */
  private static String send(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", node.httpPort())) {
      socket.setSoTimeout(10_000);
      try {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
      } catch (IOException ignoredTheServerMayAnswerBeforeReadingAll) {
        // the answer is read below
      }
      return readAnswer(socket.getInputStream());
    }
  }

  private static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        bytes.write(buffer, 0, n);
        if (complete(bytes.toString(StandardCharsets.UTF_8))) {
          break;
        }
      }
    } catch (IOException resetAfterTheAnswer) {
      // a reset after the answer still leaves the answer read
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean complete(String answer) {
    int end = answer.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    String head = answer.substring(0, end).toLowerCase(Locale.ROOT);
    int at = head.indexOf("content-length:");
    if (at < 0) {
      return false;
    }
    int length = Integer.parseInt(head.substring(at + 15).split("\r\n")[0].trim());
    return answer.length() - end - 4 >= length;
  }

  private static void assertJsonError(String answer, int status) throws IOException {
    System.out.println("HTTP layer answer: " + answer.replace("\r\n", " | "));
    assertThat(answer).as(answer).startsWith("HTTP/1.1 " + status + " ");
    int end = answer.indexOf("\r\n\r\n");
    assertThat(answer.substring(0, end).toLowerCase(Locale.ROOT)).as(answer)
        .contains("content-type: application/json");
    JsonNode body = JSON.readTree(answer.substring(end + 4));
    assertThat(body.path("error").asText()).as(answer).isEqualTo("invalid_request");
    assertThat(body.path("message").asText()).as(answer).isNotBlank();
    assertThat(body.size()).as(answer).isEqualTo(2);
  }
}
