package dev.scheduler.node.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.ConfigFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** With no SMTP host, messages land in <data dir>/outbox as .eml files a mail client opens. */
class OutboxTransportTest {
  @TempDir Path dataDir;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger outboxLogger = (Logger) LoggerFactory.getLogger(OutboxTransport.class);

  @BeforeEach
  void listen() {
    log.start();
    outboxLogger.addAppender(log);
  }

  @AfterEach
  void stopListening() {
    outboxLogger.detachAppender(log);
  }

  /** The node's own configuration, with no SMTP host set: what a new user runs. */
  private BookingMailer mailerFromConfig() {
    var config = ConfigFactory.parseString("scheduler.public-url = \"https://book.example.com\"")
        .withFallback(ConfigFactory.load());
    MailSettings settings = MailSettings.from(config, dataDir);
    assertThat(settings.smtp()).isEmpty();
    assertThat(settings.outbox()).isEqualTo(dataDir.resolve("outbox"));
    return BookingMailer.create(settings, Clock.fixed(Notices.STAMP, ZoneOffset.UTC));
  }

  private List<Path> files(Path dir) throws Exception {
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted().toList();
    }
  }

  @Test
  void eachMessageBecomesAnEmlFileNamedAfterItsMessageId() throws Exception {
    BookingMailer mailer = mailerFromConfig();
    BookingNotice toInvitee = Notices.confirmed();
    assertThat(mailer.send(toInvitee).status()).isEqualTo(DeliveryOutcome.Status.SENT);
    assertThat(mailer.send(toInvitee.withRecipient(Recipient.HOST)).status()).isEqualTo(DeliveryOutcome.Status.SENT);

    Path outbox = dataDir.resolve("outbox");
    assertThat(files(outbox)).extracting(p -> p.getFileName().toString()).containsExactly(
        "booking-b-42.confirmed.0.host@book.example.com.eml",
        "booking-b-42.confirmed.0.invitee@book.example.com.eml");
    try (InputStream in = Files.newInputStream(outbox.resolve("booking-b-42.confirmed.0.invitee@book.example.com.eml"))) {
      MailParts mail = MailParts.parse(in);
      assertThat(mail.message().getMessageID()).isEqualTo("<booking-b-42.confirmed.0.invitee@book.example.com>");
      assertThat(mail.message().getSubject()).startsWith("Booked: Intro call with Ann Host");
      assertThat(mail.eventProperty("UID")).isEqualTo("b-42@book.example.com");
      assertThat(mail.plain()).contains("https://book.example.com/manage/b-42?token=bt.secret-token");
    }
  }

  @Test
  void theOutboxAndItsFilesAreTheOwnersOnly() throws Exception {
    mailerFromConfig().send(Notices.confirmed());
    Path outbox = dataDir.resolve("outbox");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outbox))).isEqualTo("rwx------");
    for (Path file : files(outbox)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
  }

  @Test
  void anOutboxMadeReadableByOthersIsMadeOwnerOnlyAgain() throws Exception {
    Path outbox = Files.createDirectories(dataDir.resolve("outbox"));
    Files.setPosixFilePermissions(outbox, PosixFilePermissions.fromString("rwxr-xr-x"));
    mailerFromConfig().send(Notices.confirmed());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outbox))).isEqualTo("rwx------");
  }

  @Test
  void theSameMessageTwiceIsOneFileAndNoTemporaryFileIsLeft() throws Exception {
    BookingMailer mailer = mailerFromConfig();
    mailer.send(Notices.confirmed());
    mailer.send(Notices.confirmed());
    assertThat(files(dataDir.resolve("outbox"))).extracting(p -> p.getFileName().toString())
        .containsExactly("booking-b-42.confirmed.0.invitee@book.example.com.eml");
  }

  @Test
  void oneLogLineNamesRecipientSubjectAndFile() throws Exception {
    mailerFromConfig().send(Notices.confirmed());
    assertThat(log.list).hasSize(1);
    String line = log.list.get(0).getFormattedMessage();
    assertThat(line).contains("bo@invitee.example", "Booked: Intro call with Ann Host",
        dataDir.resolve("outbox").resolve("booking-b-42.confirmed.0.invitee@book.example.com.eml").toString());
  }

  @Test
  void anOutboxThatCannotBeWrittenAsksForARetry() throws Exception {
    Path notADirectory = Files.writeString(dataDir.resolve("outbox"), "a file where the outbox should be");
    var transport = new OutboxTransport(notADirectory);
    var outcome = transport.deliver(Notices.composer().compose(Notices.confirmed()));
    assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.RETRY);
    assertThat(outcome.reason()).contains("outbox");
  }

  @Test
  void aNoticeThatCannotBeComposedIsPermanentAndWritesNothing() throws Exception {
    BookingNotice notice = Notices.confirmed()
        .withParties(Notices.HOST, new Party("Bo", "not an address", Notices.INVITEE.timeZone()));
    DeliveryOutcome outcome = mailerFromConfig().send(notice);
    assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.PERMANENT);
    assertThat(outcome.reason()).startsWith("cannot compose the message");
    assertThat(dataDir.resolve("outbox")).doesNotExist();
  }
}
