package dev.scheduler.node.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.harness.postgres.PostgresTestServer;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.node.testkit.TestNodes;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Booking mail end to end: a node books, reschedules and cancels over HTTP, and a real SMTP server
 * in the test (GreenMail) receives each message, to the invitee and to the host, once; an SMTP
 * server that is down loses nothing; a 550 fails the message for good instead of retrying it.
 */
class BookingMailDeliveryTest {
  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration ARRIVAL = Duration.ofSeconds(60);
  private static final String INVITEE = "bo@example.com";
  private static final String HOST = "ann@example.com";

  private final MutableClock clock = new MutableClock(Instant.parse("2027-03-01T13:00:00Z"));
  private GreenMail greenMail;

  @TempDir Path dataDir;

  @AfterEach
  void stopServer() {
    if (greenMail != null) {
      greenMail.stop();
    }
  }

  @Test
  void bookRescheduleAndCancelEachMailBothSidesWithTheCalendarKeptInStep() throws Exception {
    int port = freePort();
    startGreenMail(port);
    try (SchedulerNode node = TestNodes.embedded(dataDir, clock, smtp(port))) {
      bookRescheduleAndCancel(node);
    }
  }

  @Test
  void theSameOnPostgreSql() throws Exception {
    int port = freePort();
    startGreenMail(port);
    PostgresTestServer server = PostgresTestServer.shared();
    var db = new TestNodes.PostgresDatabase(server.createDatabase("mail"), server.user(), server.password());
    try (SchedulerNode node = SchedulerNode.start(TestNodes.config(dataDir, db, 0, List.of(), smtp(port)), clock)) {
      bookRescheduleAndCancel(node);
    }
  }

  private void bookRescheduleAndCancel(SchedulerNode node) throws Exception {
    SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
    ApiFixture host = newHost(api);
    String booking = book(api, host, "2027-03-02T14:00:00Z");

    List<MailParts> booked = ofSequence(awaitMails(2), "0");
    assertThat(recipients(booked)).containsExactlyInAnyOrder(INVITEE, HOST);
    for (MailParts mail : booked) {
      assertThat(mail.calendarProperty("METHOD")).isEqualTo("REQUEST");
      assertThat(mail.eventProperty("SEQUENCE")).isEqualTo("0");
      assertThat(mail.eventProperty("DTSTART")).isEqualTo("20270302T140000Z");
      assertThat(mail.eventProperty("SUMMARY")).startsWith("Intro call with");
    }
    String uid = booked.get(0).eventProperty("UID");
    String token = manageToken(to(booked, INVITEE), booking);
    assertThat(to(booked, HOST).plain()).doesNotContain("token=");
    assertThat(api.getBooking(host.hostId(), booking, token).status())
        .as("the invitee's manage link opens the booking").isEqualTo(200);

    expect(api.reschedule(host.hostId(), booking, host.token(), Instant.parse("2027-03-03T15:00:00Z")), 200);
    // GreenMail lists messages by mailbox, not by arrival: tell them apart by their SEQUENCE.
    List<MailParts> moved = ofSequence(awaitMails(4), "1");
    assertThat(recipients(moved)).containsExactlyInAnyOrder(INVITEE, HOST);
    for (MailParts mail : moved) {
      assertThat(mail.message().getSubject()).startsWith("Rescheduled:");
      assertThat(mail.calendarProperty("METHOD")).isEqualTo("REQUEST");
      assertThat(mail.eventProperty("UID")).isEqualTo(uid);
      assertThat(mail.eventProperty("SEQUENCE")).isEqualTo("1");
      assertThat(mail.eventProperty("DTSTART")).isEqualTo("20270303T150000Z");
    }

    expect(api.cancel(host.hostId(), booking, host.token(), "Ill today"), 200);
    List<MailParts> cancelled = ofSequence(awaitMails(6), "2");
    assertThat(recipients(cancelled)).containsExactlyInAnyOrder(INVITEE, HOST);
    for (MailParts mail : cancelled) {
      assertThat(mail.calendarProperty("METHOD")).isEqualTo("CANCEL");
      assertThat(mail.eventProperty("STATUS")).isEqualTo("CANCELLED");
      assertThat(mail.eventProperty("UID")).isEqualTo(uid);
      assertThat(mail.eventProperty("SEQUENCE")).isEqualTo("2");
      assertThat(mail.plain()).contains("Ill today");
    }

    List<OutboxRows.Row> rows = OutboxRows.of(node).read();
    assertThat(rows).hasSize(6).allSatisfy(row -> {
      assertThat(row.state()).isEqualTo("sent");
      assertThat(row.attempts()).isEqualTo(1);
    });
    assertThat(rows).extracting(OutboxRows.Row::kind)
        .containsExactly("CONFIRMED", "CONFIRMED", "RESCHEDULED", "RESCHEDULED", "CANCELLED", "CANCELLED");
    assertThat(greenMail.getReceivedMessages()).as("each message once").hasSize(6);

    ApiResponse shown = api.getBooking(host.hostId(), booking, host.token());
    expect(shown, 200);
    assertThat(shown.json().get("status").asText()).isEqualTo("CANCELLED");
    assertThat(shown.json().get("notifications")).hasSize(6).allSatisfy(n -> {
      assertThat(n.get("channel").asText()).isEqualTo("mail");
      assertThat(n.get("state").asText()).isEqualTo("sent");
      assertThat(n.has("nextAttemptAt")).isFalse();
    });
    assertThat(shown.json().get("notifications").toString()).doesNotContain(INVITEE).doesNotContain(HOST);
    assertThat(shown.json().get("notifications").get(0).get("to").asText()).isIn("invitee", "host");
  }

  @Test
  void mailQueuedWhileTheSmtpServerIsDownArrivesOnceItIsUpEachOnce() throws Exception {
    int port = freePort();
    Map<String, Object> settings = new HashMap<>(smtp(port));
    settings.put("scheduler.notify.retry.initial", "2s");
    settings.put("scheduler.notify.retry.max", "4s");
    try (SchedulerNode node = TestNodes.embedded(dataDir, clock, settings)) {
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      String booking = book(api, newHost(api), "2027-03-02T14:00:00Z");
      OutboxRows outbox = OutboxRows.of(node);
      outbox.await(rows -> rows.size() == 2 && rows.stream().allMatch(r -> r.attempts() >= 1
          && r.state().equals("pending") && r.lastError() != null), ARRIVAL, "both mails tried and kept for a retry");

      startGreenMail(port);
      clock.advance(Duration.ofSeconds(5));   // past any backoff of 2 s to 4 s, jitter included
      List<MailParts> arrived = awaitMails(2);
      assertThat(recipients(arrived)).containsExactlyInAnyOrder(INVITEE, HOST);
      outbox.await(rows -> rows.stream().allMatch(r -> r.state().equals("sent")), ARRIVAL, "both rows sent");

      clock.advance(Duration.ofMinutes(5));
      OutboxRows.Pause.of(Duration.ofSeconds(3));   // three more polls find nothing left to send
      assertThat(greenMail.getReceivedMessages()).as("each message once").hasSize(2);
      assertThat(arrived).extracting(mail -> mail.eventProperty("UID")).containsOnly(booking + "@localhost");
    }
  }

  @Test
  void aPermanentRefusalFailsTheMessageWithTheReasonAndIsNotRetried() throws Exception {
    try (ScriptedSmtpServer refusing = ScriptedSmtpServer.refusingRecipients("550 5.1.1 No such user");
        SchedulerNode node = TestNodes.embedded(dataDir, clock, smtp(refusing.port()))) {
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      ApiFixture host = newHost(api);
      String booking = book(api, host, "2027-03-02T14:00:00Z");
      OutboxRows outbox = OutboxRows.of(node);
      List<OutboxRows.Row> failed = outbox.await(rows -> rows.size() == 2
          && rows.stream().allMatch(r -> r.state().equals("failed")), ARRIVAL, "both mails failed");
      assertThat(failed).allSatisfy(row -> {
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.lastError()).contains("550").contains("No such user");
      });

      clock.advance(Duration.ofHours(2));
      OutboxRows.Pause.of(Duration.ofSeconds(3));
      assertThat(refusing.mailCommands()).as("no message tried again").isEqualTo(2);
      assertThat(outbox.read()).isEqualTo(failed);

      ApiResponse shown = api.getBooking(host.hostId(), booking, host.token());
      expect(shown, 200);
      assertThat(shown.json().get("notifications")).hasSize(2).allSatisfy(n -> {
        assertThat(n.get("state").asText()).isEqualTo("failed");
        assertThat(n.get("attempts").asInt()).isEqualTo(1);
        assertThat(n.get("lastError").asText()).contains("550 5.1.1 No such user");
      });
    }
  }

  private static Map<String, Object> smtp(int port) {
    return Map.of("scheduler.mail.smtp.host", LOOPBACK, "scheduler.mail.smtp.port", port,
        "scheduler.mail.smtp.security", "none", "scheduler.mail.smtp.connect-timeout", "2s",
        "scheduler.mail.smtp.read-timeout", "5s");
  }

  private static ApiFixture newHost(SchedulerApiClient api) {
    Map<String, Object> intro = new HashMap<>(Bodies.eventType(30));
    intro.put("title", "Intro call");
    return ApiFixture.newHost(api, "America/New_York")
        .schedule(Bodies.weekdays("America/New_York", "09:00", "17:00"))
        .eventType("intro", intro);
  }

  private static String book(SchedulerApiClient api, ApiFixture host, String start) {
    ApiResponse booked = api.book(host.hostId(), null, Bodies.booking("intro", start, "Europe/Paris"), null);
    expect(booked, 201);
    return booked.json().get("id").asText();
  }

  private static void expect(ApiResponse response, int status) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
  }

  private void startGreenMail(int port) {
    greenMail = new GreenMail(new ServerSetup(port, LOOPBACK, ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
  }

  private List<MailParts> awaitMails(int count) throws Exception {
    assertThat(greenMail.waitForIncomingEmail(ARRIVAL.toMillis(), count)).as("%d mails arrived", count).isTrue();
    List<MailParts> mails = new ArrayList<>();
    for (MimeMessage message : greenMail.getReceivedMessages()) {
      var bytes = new ByteArrayOutputStream();
      message.writeTo(bytes);
      mails.add(MailParts.parse(new ByteArrayInputStream(bytes.toByteArray())));
    }
    return mails;
  }

  private static List<MailParts> ofSequence(List<MailParts> mails, String sequence) throws Exception {
    List<MailParts> matching = new ArrayList<>();
    for (MailParts mail : mails) {
      if (mail.eventProperty("SEQUENCE").equals(sequence)) {
        matching.add(mail);
      }
    }
    return matching;
  }

  private static List<String> recipients(List<MailParts> mails) throws Exception {
    List<String> to = new ArrayList<>();
    for (MailParts mail : mails) {
      to.add(((jakarta.mail.internet.InternetAddress) mail.message().getAllRecipients()[0]).getAddress());
    }
    return to;
  }

  private static MailParts to(List<MailParts> mails, String address) throws Exception {
    for (MailParts mail : mails) {
      if (recipients(List.of(mail)).contains(address)) {
        return mail;
      }
    }
    throw new AssertionError("no mail to " + address);
  }

  private static String manageToken(MailParts mail, String booking) {
    Matcher link = Pattern.compile("/manage/" + Pattern.quote(booking) + "\\?token=([^\\s\"<>]+)").matcher(mail.plain());
    assertThat(link.find()).as("a manage link in %s", mail.plain()).isTrue();
    return URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
