package dev.scheduler.node.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Booking mail through a real SMTP server in the test (GreenMail), and through servers that refuse. */
class SmtpDeliveryTest {
  private static final String LOOPBACK = "127.0.0.1";
  private GreenMail greenMail;

  @AfterEach
  void stopServer() {
    if (greenMail != null) {
      greenMail.stop();
    }
  }

  private static SmtpSettings settings(int port, Duration readTimeout) {
    return new SmtpSettings(LOOPBACK, port, "", "", SmtpSettings.Security.NONE, Duration.ofSeconds(2),
        readTimeout, Duration.ofSeconds(2));
  }

  private static BookingMailer mailer(int port) {
    return mailer(port, Duration.ofSeconds(5));
  }

  private static BookingMailer mailer(int port, Duration readTimeout) {
    return new BookingMailer(Notices.composer(), new SmtpTransport(settings(port, readTimeout)));
  }

  private GreenMail startGreenMail(int port) {
    return startGreenMail(port, GreenMailConfiguration.aConfig());
  }

  private GreenMail startGreenMail(int port, GreenMailConfiguration configuration) {
    greenMail = new GreenMail(new ServerSetup(port, LOOPBACK, ServerSetup.PROTOCOL_SMTP));
    greenMail.withConfiguration(configuration);
    greenMail.start();
    return greenMail;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static MailParts received(MimeMessage message) throws Exception {
    var bytes = new ByteArrayOutputStream();
    message.writeTo(bytes);
    return MailParts.parse(new ByteArrayInputStream(bytes.toByteArray()));
  }

  @Test
  void everyKindReachesBothRecipientsWithAllItsParts() throws Exception {
    int port = freePort();
    startGreenMail(port);
    BookingMailer mailer = mailer(port);
    BookingNotice booked = Notices.confirmed();
    List<BookingNotice> sent = new ArrayList<>();
    int sequence = 0;
    for (NoticeKind kind : NoticeKind.values()) {
      sequence += kind == NoticeKind.RESCHEDULED || kind == NoticeKind.CANCELLED ? 1 : 0;
      for (Recipient recipient : Recipient.values()) {
        BookingNotice notice = booked.withKind(kind).withSequence(sequence).withRecipient(recipient)
            .withReminderBeforeMinutes(kind == NoticeKind.REMINDER ? 60 : 0).withCancelReason("Ill");
        assertThat(mailer.send(notice)).isEqualTo(DeliveryOutcome.sent("accepted by 127.0.0.1:" + port));
        sent.add(notice);
      }
    }
    assertThat(greenMail.waitForIncomingEmail(5_000, sent.size())).isTrue();

    Map<String, MailParts> byMessageId = new HashMap<>();
    for (MimeMessage message : greenMail.getReceivedMessages()) {
      MailParts mail = received(message);
      byMessageId.put(mail.message().getMessageID(), mail);
    }
    assertThat(byMessageId).hasSize(sent.size());
    for (BookingNotice notice : sent) {
      MailParts mail = byMessageId.get(Notices.composer().messageId(notice));
      assertThat(mail).as("%s to the %s", notice.kind(), notice.recipient()).isNotNull();
      assertThat(mail.message().getAllRecipients()[0].toString()).contains(notice.to().email());
      assertThat(mail.eventProperty("UID")).isEqualTo("b-42@book.example.com");
      assertThat(mail.eventProperty("SEQUENCE")).isEqualTo(Integer.toString(notice.sequence()));
      boolean cancel = notice.kind() == NoticeKind.CANCELLED;
      assertThat(mail.calendarProperty("METHOD")).isEqualTo(cancel ? "CANCEL" : "REQUEST");
      assertThat(mail.eventProperty("STATUS")).isEqualTo(cancel ? "CANCELLED" : "CONFIRMED");
      assertThat(mail.attachment()).isEqualTo(mail.calendar());
      String when = notice.recipient() == Recipient.INVITEE
          ? "Monday 15 March 2027, 10:00-10:30 (America/New_York, UTC-04:00)"
          : "Monday 15 March 2027, 15:00-15:30 (Europe/Berlin, UTC+01:00)";
      assertThat(mail.plain()).contains(when);
      assertThat(mail.html()).contains(when);
    }
  }

  @Test
  void aServerThatIsDownAsksForARetryAndTheRetrySendsOnceItIsUp() throws Exception {
    int port = freePort();
    BookingMailer mailer = mailer(port);
    DeliveryOutcome down = mailer.send(Notices.confirmed());
    assertThat(down.status()).isEqualTo(DeliveryOutcome.Status.RETRY);
    assertThat(down.reason()).contains("127.0.0.1", Integer.toString(port), "Connection refused");

    startGreenMail(port);
    assertThat(mailer.send(Notices.confirmed()).status()).isEqualTo(DeliveryOutcome.Status.SENT);
    assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
    assertThat(greenMail.getReceivedMessages()[0].getMessageID())
        .isEqualTo("<booking-b-42.confirmed.0.invitee@book.example.com>");
  }

  @Test
  void aPermanentRefusalIsPermanentWithTheServersReason() throws Exception {
    try (var server = ScriptedSmtpServer.refusingRecipients("550 5.1.1 <bo@invitee.example>: no such user")) {
      DeliveryOutcome outcome = mailer(server.port()).send(Notices.confirmed());
      assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.PERMANENT);
      assertThat(outcome.reason()).isEqualTo("SMTP 550 5.1.1 <bo@invitee.example>: no such user");
    }
  }

  @Test
  void aTemporaryRefusalAsksForARetry() throws Exception {
    try (var server = ScriptedSmtpServer.refusingRecipients("451 4.7.1 Greylisted, try again later")) {
      DeliveryOutcome outcome = mailer(server.port()).send(Notices.confirmed());
      assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.RETRY);
      assertThat(outcome.reason()).isEqualTo("SMTP 451 4.7.1 Greylisted, try again later");
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOutIntoARetry() throws Exception {
    try (var server = ScriptedSmtpServer.silent()) {
      long started = System.nanoTime();
      DeliveryOutcome outcome = mailer(server.port(), Duration.ofMillis(500)).send(Notices.confirmed());
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.RETRY);
      assertThat(took).isLessThan(Duration.ofSeconds(5));
      System.out.printf("A silent SMTP server gave RETRY after %d ms (read timeout 500 ms)%n", took.toMillis());
    }
  }

  @Test
  void aRefusedLoginAsksForARetryWithoutThePasswordAndTheRightOneSends() throws Exception {
    int port = freePort();
    startGreenMail(port, GreenMailConfiguration.aConfig().withUser("mailer", "right-pa55"));
    var everyLogLine = new ListAppender<ILoggingEvent>();
    everyLogLine.start();
    var root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(everyLogLine);
    var wrong = new SmtpSettings(LOOPBACK, port, "mailer", "wrong-pa55", SmtpSettings.Security.NONE,
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2));
    DeliveryOutcome refused = new BookingMailer(Notices.composer(), new SmtpTransport(wrong)).send(Notices.confirmed());
    assertThat(refused.status()).isEqualTo(DeliveryOutcome.Status.RETRY);
    assertThat(refused.reason()).contains("refused the login").doesNotContain("pa55");

    var right = new SmtpSettings(LOOPBACK, port, "mailer", "right-pa55", SmtpSettings.Security.NONE,
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2));
    assertThat(new BookingMailer(Notices.composer(), new SmtpTransport(right)).send(Notices.confirmed()).status())
        .isEqualTo(DeliveryOutcome.Status.SENT);
    assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
    root.detachAppender(everyLogLine);
    assertThat(everyLogLine.list).extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(line -> line.contains("refused the login"))
        .noneMatch(line -> line.contains("pa55"));
  }

  @Test
  void aServerWithoutStarttlsIsNotSentToInTheClearWhenStarttlsIsChosen() throws Exception {
    try (var server = ScriptedSmtpServer.refusingRecipients("250 2.1.5 Ok")) {
      var starttls = new SmtpSettings(LOOPBACK, server.port(), "", "", SmtpSettings.Security.STARTTLS,
          Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2));
      DeliveryOutcome outcome = new BookingMailer(Notices.composer(), new SmtpTransport(starttls))
          .send(Notices.confirmed());
      assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.RETRY);
      assertThat(outcome.reason()).contains("STARTTLS");
      assertThat(server.mailCommands()).isZero();
    }
  }
}
