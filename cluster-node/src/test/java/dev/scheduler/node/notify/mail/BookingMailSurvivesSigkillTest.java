package dev.scheduler.node.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.harness.process.Ports;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.SingleNodeProcess;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node process is killed with SIGKILL the moment its last booking is acknowledged, before its
 * mail can have gone out; started again on the same data, it sends every booking's mail to both
 * sides (at least once: a crash between sending and recording may send one twice, with the same
 * Message-ID). A reminder that falls due while the node is down is sent when it is back, as long
 * as the booking has not started.
 */
@EnabledOnOs(OS.LINUX)
class BookingMailSurvivesSigkillTest {
  private static final int BOOKINGS = 5;
  // After a kill the read journal may wait about 10 s for a gap in the journal's ordering.
  private static final Duration ARRIVAL = Duration.ofSeconds(120);

  @TempDir Path work;
  private GreenMail greenMail;

  @AfterEach
  void stopServer() {
    if (greenMail != null) {
      greenMail.stop();
    }
  }

  @Test
  void mailOfBookingsAcknowledgedJustBeforeAKillIsSentAfterTheRestart() throws Exception {
    int port = Ports.freePort();
    greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    try (SingleNodeProcess node = SingleNodeProcess.embedded(work, Map.of("SCHEDULER_SMTP_HOST", "127.0.0.1",
        "SCHEDULER_SMTP_PORT", Integer.toString(port), "SCHEDULER_SMTP_SECURITY", "none"))) {
      node.start();
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      ApiFixture host = ApiFixture.newHost(api, "UTC")
          .schedule(Bodies.everyDay("UTC", "00:00", "24:00"))
          .eventType("quick", Bodies.eventType(15));
      Instant first = LocalDate.now(Clock.systemUTC()).plusDays(10).atStartOfDay(ZoneOffset.UTC).toInstant();
      Set<String> expected = new HashSet<>();
      for (int i = 0; i < BOOKINGS; i++) {
        ApiResponse booked = api.book(host.hostId(), null, Bodies.booking("quick", first.plusSeconds(900L * i), "UTC"),
            null);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String id = booked.json().get("id").asText();
        expected.add(id + " to bo@example.com");
        expected.add(id + " to ann@example.com");
      }
      node.launcher().kill();
      assertThat(node.launcher().exitValue()).as("SIGKILL").isEqualTo(137);
      int beforeRestart = greenMail.getReceivedMessages().length;

      node.start();
      assertThat(greenMail.waitForIncomingEmail(ARRIVAL.toMillis(), expected.size()))
          .as("every mail after the restart; %d had arrived before the kill", beforeRestart).isTrue();
      Thread.sleep(3_000);   // a few more polls: anything sent twice would show now
      List<String> received = received();
      System.out.printf("booking mail across SIGKILL (docs/mail.md): %d of %d mails had arrived at the kill,"
          + " %d received in all, %d distinct%n", beforeRestart, expected.size(), received.size(),
          new HashSet<>(received).size());
      assertThat(new HashSet<>(received)).as("every booking's mail to both sides").isEqualTo(expected);
    }
  }

  @Test
  void aReminderThatFellDueWhileTheNodeWasDownIsSentAfterTheRestart() throws Exception {
    int port = Ports.freePort();
    greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    try (SingleNodeProcess node = SingleNodeProcess.embedded(work, Map.of("SCHEDULER_SMTP_HOST", "127.0.0.1",
        "SCHEDULER_SMTP_PORT", Integer.toString(port), "SCHEDULER_SMTP_SECURITY", "none"))) {
      node.start();
      // A slot a few minutes ahead, and a reminder that falls due 30 to 90 s from now (the kill comes first).
      Instant now = Instant.now();
      Instant start = now.plus(Duration.ofMinutes(4)).truncatedTo(ChronoUnit.HOURS);
      while (start.isBefore(now.plus(Duration.ofMinutes(4)))) {
        start = start.plus(Duration.ofMinutes(15));
      }
      int before = (int) Duration.between(now.plusSeconds(30), start).toMinutes();
      Instant due = start.minus(Duration.ofMinutes(before));
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      Map<String, Object> quick = new java.util.HashMap<>(Bodies.eventType(15));
      quick.put("reminders", List.of(Map.of("beforeMinutes", before, "to", "both")));
      ApiFixture host = ApiFixture.newHost(api, "UTC")
          .schedule(Bodies.everyDay("UTC", "00:00", "24:00"))
          .eventType("quick", quick);
      ApiResponse booked = api.book(host.hostId(), null, Bodies.booking("quick", start, "UTC"), null);
      assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
      node.launcher().kill();
      assertThat(node.launcher().exitValue()).as("SIGKILL").isEqualTo(137);

      Thread.sleep(Math.max(0, Duration.between(Instant.now(), due.plusSeconds(5)).toMillis()));
      assertThat(reminders()).as("no reminder while the node is down").isZero();
      node.start();
      assertThat(greenMail.waitForIncomingEmail(ARRIVAL.toMillis(), 4))
          .as("the confirmations and the reminders after the restart").isTrue();
      Thread.sleep(3_000);
      System.out.printf("reminder across SIGKILL (docs/mail.md): due %s, node back at about %s, booking at %s;"
          + " %d messages, %d reminders%n", due, Instant.now(), start, greenMail.getReceivedMessages().length,
          reminders());
      assertThat(reminders()).as("one reminder to each side").isEqualTo(2);
      assertThat(Instant.now()).as("the test ran before the booking started").isBefore(start);
    }
  }

  private long reminders() throws Exception {
    long count = 0;
    for (MimeMessage message : greenMail.getReceivedMessages()) {
      count += message.getSubject().startsWith("Reminder:") ? 1 : 0;
    }
    return count;
  }

  private List<String> received() throws Exception {
    List<String> seen = new ArrayList<>();
    for (MimeMessage message : greenMail.getReceivedMessages()) {
      String uid = MailParts.of(message).eventProperty("UID");
      String bookingId = uid.substring(0, uid.indexOf('@'));
      seen.add(bookingId + " to " + ((InternetAddress) message.getAllRecipients()[0]).getAddress());
    }
    return seen;
  }
}
