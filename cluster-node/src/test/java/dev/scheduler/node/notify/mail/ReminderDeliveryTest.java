package dev.scheduler.node.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.harness.process.Ports;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.node.testkit.TestNodes;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reminders set on an event type, as the clock moves on: a booking kept gets each reminder once, to
 * the side it is for; a cancelled booking gets none; a rescheduled one gets them at its new time
 * only; a reminder whose booking has started before it could be sent is never sent.
 */
class ReminderDeliveryTest {
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
  void remindersFollowTheBookingThroughCancelAndReschedule() throws Exception {
    int port = Ports.freePort();
    greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    try (SchedulerNode node = TestNodes.embedded(dataDir, clock, Map.of("scheduler.mail.smtp.host", "127.0.0.1",
        "scheduler.mail.smtp.port", port, "scheduler.mail.smtp.security", "none"))) {
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      Map<String, Object> intro = new HashMap<>(Bodies.eventType(30));
      intro.put("title", "Intro call");
      intro.put("reminders", List.of(Map.of("beforeMinutes", 1440, "to", "invitee"), Map.of("beforeMinutes", 60)));
      ApiFixture host = ApiFixture.newHost(api, "America/New_York")
          .schedule(Bodies.weekdays("America/New_York", "09:00", "17:00"))
          .eventType("intro", intro);
      ApiResponse types = api.get("/api/v1/hosts/" + host.hostId() + "/event-types", host.token());
      assertThat(types.json().get("eventTypes").get(0).get("reminders").toString())
          .isEqualTo("[{\"beforeMinutes\":1440,\"to\":\"invitee\"},{\"beforeMinutes\":60,\"to\":\"both\"}]");

      String late = book(api, host, "2027-03-02T14:00:00Z");
      String kept = book(api, host, "2027-03-03T15:00:00Z");
      String cancelled = book(api, host, "2027-03-03T16:00:00Z");
      String moved = book(api, host, "2027-03-03T17:00:00Z");
      expect(api.cancel(host.hostId(), cancelled, host.token(), "No longer needed"), 200);
      expect(api.reschedule(host.hostId(), moved, host.token(), Instant.parse("2027-03-04T17:00:00Z")), 200);
      awaitMails(12);   // 4 confirmations, a cancel and a reschedule, each to both sides
      OutboxRows outbox = OutboxRows.of(node);
      outbox.await(rows -> rows.stream().filter(r -> r.kind().equals("REMINDER")).count() == 15, ARRIVAL,
          "3 reminders planned per booking, 3 more for the moved one");

      // The late booking started while no reminder of it could be sent: they expire unsent.
      clock.set(Instant.parse("2027-03-02T17:30:00Z"));
      assertThat(remindersOf(awaitMails(13), kept)).containsExactly("1440 to " + INVITEE);
      clock.set(Instant.parse("2027-03-03T14:05:00Z"));
      assertThat(remindersOf(awaitMails(15), kept))
          .containsExactlyInAnyOrder("1440 to " + INVITEE, "60 to " + INVITEE, "60 to " + HOST);
      clock.set(Instant.parse("2027-03-03T17:05:00Z"));
      assertThat(remindersOf(awaitMails(16), moved)).containsExactly("1440 to " + INVITEE);
      clock.set(Instant.parse("2027-03-04T16:05:00Z"));
      List<MailParts> all = awaitMails(18);
      assertThat(remindersOf(all, moved)).containsExactlyInAnyOrder("1440 to " + INVITEE, "60 to " + INVITEE,
          "60 to " + HOST);

      clock.set(Instant.parse("2027-03-05T12:00:00Z"));
      OutboxRows.Pause.of(Duration.ofSeconds(3));
      all = awaitMails(18);
      assertThat(all).as("no reminder more").hasSize(18);
      assertThat(remindersOf(all, cancelled)).as("a cancelled booking gets none").isEmpty();
      assertThat(remindersOf(all, late)).as("a booking that started first gets none").isEmpty();
      for (MailParts mail : all) {
        if (mail.message().getSubject().startsWith("Reminder:") && mail.eventProperty("UID").startsWith(moved)) {
          assertThat(mail.eventProperty("DTSTART")).as("the new time only").isEqualTo("20270304T170000Z");
          assertThat(mail.eventProperty("SEQUENCE")).isEqualTo("1");
        }
      }
      List<OutboxRows.Row> rows = outbox.read();
      assertThat(states(rows, cancelled)).containsOnly("obsolete");
      assertThat(states(rows, late)).containsOnly("obsolete");
      assertThat(rows.stream().filter(r -> r.bookingId().equals(late) && r.kind().equals("REMINDER"))
          .map(OutboxRows.Row::lastError))
          .allSatisfy(reason -> assertThat(reason).startsWith("expired unsent"));
      assertThat(states(rows, moved)).containsExactlyInAnyOrder("obsolete", "obsolete", "obsolete", "sent", "sent",
          "sent");
    }
  }

  private static List<String> states(List<OutboxRows.Row> rows, String booking) {
    return rows.stream().filter(r -> r.bookingId().equals(booking) && r.kind().equals("REMINDER"))
        .map(OutboxRows.Row::state).toList();
  }

  private static List<String> remindersOf(List<MailParts> mails, String booking) throws Exception {
    List<String> seen = new ArrayList<>();
    for (MailParts mail : mails) {
      String messageId = mail.message().getMessageID();
      if (mail.message().getSubject().startsWith("Reminder:") && mail.eventProperty("UID").startsWith(booking + "@")) {
        String minutes = messageId.replaceAll(".*\\.reminder-(\\d+)m\\..*", "$1");
        seen.add(minutes + " to " + ((InternetAddress) mail.message().getAllRecipients()[0]).getAddress());
      }
    }
    return seen;
  }

  private List<MailParts> awaitMails(int count) throws Exception {
    assertThat(greenMail.waitForIncomingEmail(ARRIVAL.toMillis(), count)).as("%d mails arrived", count).isTrue();
    List<MailParts> mails = new ArrayList<>();
    for (MimeMessage message : greenMail.getReceivedMessages()) {
      mails.add(MailParts.of(message));
    }
    return mails;
  }

  private static String book(SchedulerApiClient api, ApiFixture host, String start) {
    ApiResponse booked = api.book(host.hostId(), null, Bodies.booking("intro", start, "Europe/Paris"), null);
    expect(booked, 201);
    return booked.json().get("id").asText();
  }

  private static void expect(ApiResponse response, int status) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
  }
}
