package dev.scheduler.node.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/** What each booking mail holds, read back from its bytes, with the invitation parsed by ical4j. */
class MessageCompositionTest {
  private final MessageComposer composer = Notices.composer();

  private MailParts mail(BookingNotice notice) throws Exception {
    return MailParts.of(composer.compose(notice));
  }

  @Test
  void everyKindToEitherRecipientHasTextHtmlAndTheInvitationTwice() throws Exception {
    for (NoticeKind kind : NoticeKind.values()) {
      for (Recipient recipient : Recipient.values()) {
        BookingNotice notice = Notices.confirmed().withKind(kind).withRecipient(recipient);
        MailParts mail = mail(notice);
        String method = kind == NoticeKind.CANCELLED ? "CANCEL" : "REQUEST";
        assertThat(mail.calendarType()).contains("method=" + method);
        assertThat(mail.calendarProperty("METHOD")).isEqualTo(method);
        assertThat(mail.attachmentName()).isEqualTo("invite.ics");
        assertThat(mail.attachment()).isEqualTo(mail.calendar());
        assertThat(mail.message().getAllRecipients()).extracting(Object::toString)
            .singleElement().asString().contains(notice.to().email());
        assertThat(mail.message().getReplyTo()).extracting(Object::toString)
            .singleElement().asString().contains(notice.other().email());
        assertThat(mail.plain()).contains(notice.other().name(), "Intro call (30 minutes)");
        assertThat(mail.html()).contains(notice.other().name(), "Intro call (30 minutes)");
        assertThat(mail.parsedCalendar().validate().hasErrors()).isFalse();
      }
    }
  }

  @Test
  void theInvitationFollowsRfc5546() throws Exception {
    MailParts mail = mail(Notices.confirmed());
    assertThat(mail.calendarProperty("VERSION")).isEqualTo("2.0");
    assertThat(mail.calendarProperty("PRODID")).isEqualTo(InviteCalendar.PRODID);
    VEvent event = mail.event();
    assertThat(mail.eventProperty("UID")).isEqualTo("b-42@book.example.com");
    assertThat(mail.eventProperty("SEQUENCE")).isEqualTo("0");
    assertThat(mail.eventProperty("STATUS")).isEqualTo("CONFIRMED");
    assertThat(mail.eventProperty("DTSTAMP")).isEqualTo("20270301T080000Z");
    assertThat(mail.eventProperty("ORGANIZER")).isEqualToIgnoringCase("mailto:ann@host.example");
    assertThat(mail.eventProperty("ATTENDEE")).isEqualToIgnoringCase("mailto:bo@invitee.example");
    assertThat(event.getProperty("ORGANIZER").orElseThrow().getParameter("CN").orElseThrow().getValue())
        .isEqualTo("Ann Host");
    assertThat(mail.eventProperty("SUMMARY")).isEqualTo("Intro call with Ann Host");
    assertThat(mail.eventProperty("DESCRIPTION"))
        .contains("https://book.example.com/manage/b-42?token=bt.secret-token");
  }

  @Test
  void startAndEndAreInUtcWithNoZoneParameter() throws Exception {
    MailParts mail = mail(Notices.confirmed());
    VEvent event = mail.event();
    assertThat(mail.eventProperty("DTSTART")).isEqualTo("20270315T140000Z");
    assertThat(mail.eventProperty("DTEND")).isEqualTo("20270315T143000Z");
    assertThat(event.getProperty("DTSTART").orElseThrow().getParameter("TZID")).isEmpty();
    assertThat(Instant.from(event.getDateTimeStart().getDate())).isEqualTo(Instant.parse("2027-03-15T14:00:00Z"));
  }

  @Test
  void everyMessageOfABookingKeepsOneUidWhileTheSequenceRises() throws Exception {
    BookingNotice booked = Notices.confirmed();
    List<BookingNotice> lifecycle = List.of(
        booked,
        booked.withKind(NoticeKind.REMINDER).withReminderBeforeMinutes(1440),
        booked.withKind(NoticeKind.RESCHEDULED).withSequence(1)
            .withTimes(Instant.parse("2027-03-16T15:00:00Z"), Instant.parse("2027-03-16T15:30:00Z")),
        booked.withKind(NoticeKind.RESCHEDULED).withSequence(2)
            .withTimes(Instant.parse("2027-03-17T15:00:00Z"), Instant.parse("2027-03-17T15:30:00Z")),
        booked.withKind(NoticeKind.CANCELLED).withSequence(3).withCancelReason("Something came up")
            .withTimes(Instant.parse("2027-03-17T15:00:00Z"), Instant.parse("2027-03-17T15:30:00Z")));
    Set<String> uids = new HashSet<>();
    List<Integer> sequences = new ArrayList<>();
    for (BookingNotice notice : lifecycle) {
      for (Recipient recipient : Recipient.values()) {
        MailParts mail = mail(notice.withRecipient(recipient));
        uids.add(mail.eventProperty("UID"));
        if (recipient == Recipient.INVITEE) {
          sequences.add(Integer.parseInt(mail.eventProperty("SEQUENCE")));
        }
      }
    }
    assertThat(uids).containsExactly("b-42@book.example.com");
    assertThat(sequences).containsExactly(0, 0, 1, 2, 3);
    MailParts moved = mail(lifecycle.get(2));
    assertThat(moved.eventProperty("DTSTART")).isEqualTo("20270316T150000Z");
    assertThat(moved.calendarProperty("METHOD")).isEqualTo("REQUEST");
  }

  @Test
  void aCancellationCancelsTheEventWithItsReason() throws Exception {
    BookingNotice cancelled = Notices.confirmed().withKind(NoticeKind.CANCELLED).withSequence(1)
        .withCancelReason("Something came up");
    for (Recipient recipient : Recipient.values()) {
      MailParts mail = mail(cancelled.withRecipient(recipient));
      assertThat(mail.calendarType()).contains("method=CANCEL");
      assertThat(mail.calendarProperty("METHOD")).isEqualTo("CANCEL");
      assertThat(mail.eventProperty("STATUS")).isEqualTo("CANCELLED");
      assertThat(mail.eventProperty("SEQUENCE")).isEqualTo("1");
      assertThat(mail.eventProperty("UID")).isEqualTo("b-42@book.example.com");
      assertThat(mail.message().getSubject()).startsWith("Cancelled: Intro call");
      assertThat(mail.plain()).contains("Reason: Something came up");
      assertThat(mail.html()).contains("Something came up");
    }
  }

  @Test
  void onlyTheInviteeIsGivenTheManageLink() throws Exception {
    MailParts invitee = mail(Notices.confirmed());
    MailParts host = mail(Notices.confirmed().withRecipient(Recipient.HOST));
    assertThat(invitee.plain()).contains("https://book.example.com/manage/b-42?token=bt.secret-token");
    assertThat(invitee.html()).contains("href=\"https://book.example.com/manage/b-42?token=bt.secret-token\"");
    for (String text : List.of(host.plain(), host.html(), host.calendar())) {
      assertThat(text).doesNotContain("bt.secret-token");
    }
  }

  @Test
  void theMessageIdIsStablePerBookingKindSequenceAndRecipient() throws Exception {
    BookingNotice notice = Notices.confirmed();
    var later = Notices.composer(Clock.fixed(Instant.parse("2027-03-02T00:00:00Z"), ZoneOffset.UTC));
    String first = composer.compose(notice).getMessageID();
    assertThat(later.compose(notice).getMessageID()).isEqualTo(first);
    assertThat(mail(notice).message().getMessageID()).isEqualTo(first);
    assertThat(first).isEqualTo("<booking-b-42.confirmed.0.invitee@book.example.com>");
    Set<String> ids = new HashSet<>();
    for (BookingNotice other : List.of(notice, notice.withRecipient(Recipient.HOST),
        notice.withKind(NoticeKind.RESCHEDULED).withSequence(1), notice.withKind(NoticeKind.RESCHEDULED).withSequence(2),
        notice.withKind(NoticeKind.REMINDER).withReminderBeforeMinutes(60),
        notice.withKind(NoticeKind.REMINDER).withReminderBeforeMinutes(1440))) {
      ids.add(composer.compose(other).getMessageID());
    }
    assertThat(ids).hasSize(6);
  }

  @Test
  void anIdOfUnusualCharactersCannotReachTheHeader() throws Exception {
    BookingNotice odd = new BookingNotice(NoticeKind.CONFIRMED, "x>\r\nBcc: a@evil.example", 0, 0, "Intro call",
        Notices.confirmed().start(), Notices.confirmed().end(), Notices.HOST, Notices.INVITEE, "", "",
        Notices.MANAGE, Recipient.INVITEE);
    MailParts mail = mail(odd);
    assertThat(mail.message().getMessageID()).matches("<booking-h[0-9a-f]{32}\\.confirmed\\.0\\.invitee@book\\.example\\.com>");
    assertThat(mail.message().getHeader("Bcc")).isNull();
  }

  @Test
  void theSentDateAndDtstampComeFromTheClock() throws Exception {
    var composed = composer.compose(Notices.confirmed());
    assertThat(composed.getSentDate().toInstant()).isEqualTo(Notices.STAMP);
  }
}
