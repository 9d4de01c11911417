package dev.scheduler.node.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Each recipient reads the time in their own zone, with the offset in force. New York moves its
 * clocks on 14 March 2027, Berlin on 28 March: in between the two are 5 hours apart, otherwise 6.
 */
class RecipientTimesTest {
  private final MessageComposer composer = Notices.composer();

  private MailParts mail(Instant start, Recipient recipient) throws Exception {
    return MailParts.of(composer.compose(Notices.at(start).withRecipient(recipient)));
  }

  private void assertShown(Instant start, String toInvitee, String toHost) throws Exception {
    MailParts invitee = mail(start, Recipient.INVITEE);
    MailParts host = mail(start, Recipient.HOST);
    assertThat(invitee.plain()).contains("When: " + toInvitee);
    assertThat(invitee.html()).contains(toInvitee);
    assertThat(host.plain()).contains("When: " + toHost);
    assertThat(host.html()).contains(toHost);
    // The invitation itself is the same instant in UTC for both.
    assertThat(invitee.eventProperty("DTSTART")).isEqualTo(host.eventProperty("DTSTART"));
  }

  @Test
  void aWeekBeforeEitherChangeTheyAreSixHoursApart() throws Exception {
    assertShown(Instant.parse("2027-03-08T14:00:00Z"),
        "Monday 8 March 2027, 09:00-09:30 (America/New_York, UTC-05:00)",
        "Monday 8 March 2027, 15:00-15:30 (Europe/Berlin, UTC+01:00)");
  }

  @Test
  void theDayAfterNewYorksChangeTheyAreFiveHoursApart() throws Exception {
    assertShown(Instant.parse("2027-03-15T14:00:00Z"),
        "Monday 15 March 2027, 10:00-10:30 (America/New_York, UTC-04:00)",
        "Monday 15 March 2027, 15:00-15:30 (Europe/Berlin, UTC+01:00)");
  }

  @Test
  void rightAfterNewYorksClocksJumpTheInviteeSeesTheNewOffset() throws Exception {
    // 07:00 UTC on 14 March 2027 is 03:00 EDT, the first minute after 02:00 EST became 03:00 EDT.
    assertShown(Instant.parse("2027-03-14T07:00:00Z"),
        "Sunday 14 March 2027, 03:00-03:30 (America/New_York, UTC-04:00)",
        "Sunday 14 March 2027, 08:00-08:30 (Europe/Berlin, UTC+01:00)");
  }

  @Test
  void afterBerlinsChangeTheyAreSixHoursApartAgain() throws Exception {
    assertShown(Instant.parse("2027-03-29T13:00:00Z"),
        "Monday 29 March 2027, 09:00-09:30 (America/New_York, UTC-04:00)",
        "Monday 29 March 2027, 15:00-15:30 (Europe/Berlin, UTC+02:00)");
  }

  @Test
  void theSubjectShowsTheStartInTheRecipientsZone() throws Exception {
    Instant start = Instant.parse("2027-03-15T14:00:00Z");
    assertThat(mail(start, Recipient.INVITEE).message().getSubject())
        .isEqualTo("Booked: Intro call with Ann Host on Monday 15 March 2027, 10:00 (America/New_York)");
    assertThat(mail(start, Recipient.HOST).message().getSubject())
        .isEqualTo("Booked: Intro call with Bo Invitee on Monday 15 March 2027, 15:00 (Europe/Berlin)");
  }

  @Test
  void aMeetingAcrossMidnightNamesBothDays() {
    assertThat(MeetingTimes.span(Instant.parse("2027-03-16T03:30:00Z"), Instant.parse("2027-03-16T04:30:00Z"),
        Notices.INVITEE.timeZone()))
        .isEqualTo("Monday 15 March 2027, 23:30-Tuesday 16 March 2027, 00:30 (America/New_York, UTC-04:00)");
  }

  @Test
  void aMeetingAcrossAClockChangeShowsBothOffsets() {
    // 06:30-07:30 UTC on 14 March 2027: 01:30 EST to 03:30 EDT in New York.
    assertThat(MeetingTimes.span(Instant.parse("2027-03-14T06:30:00Z"), Instant.parse("2027-03-14T07:30:00Z"),
        Notices.INVITEE.timeZone()))
        .isEqualTo("Sunday 14 March 2027, 01:30-03:30 (America/New_York, UTC-05:00 to UTC-04:00)");
  }
}
