package dev.scheduler.node.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Names, titles and notes are user input: they are text in every part, never markup or headers. */
class HostileTextTest {
  private static final String HOSTILE = "<script>alert(\"x\")</script> & 'Bo'";

  private MailParts mailToHostFrom(String inviteeName, String notes) throws Exception {
    Party invitee = new Party(inviteeName, "bo@invitee.example", Notices.INVITEE.timeZone());
    BookingNotice notice = new BookingNotice(NoticeKind.CONFIRMED, "b-42", 0, 0, "Intro <b>call</b>",
        Notices.confirmed().start(), Notices.confirmed().end(), Notices.HOST, invitee, notes, "",
        Notices.MANAGE, Recipient.HOST);
    return MailParts.of(Notices.composer().compose(notice));
  }

  @Test
  void aHostileNameIsEscapedInTheHtml() throws Exception {
    MailParts mail = mailToHostFrom(HOSTILE, "<img src=x onerror=alert(1)>");
    assertThat(mail.html())
        .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Bo&#39;")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .contains("Intro &lt;b&gt;call&lt;/b&gt;")
        .doesNotContain("<script", "<img", "<b>");
    // The plain text shows exactly what was typed.
    assertThat(mail.plain()).contains(HOSTILE + " booked Intro <b>call</b> with you.");
  }

  @Test
  void aNameWithALineBreakCannotAddAHeader() throws Exception {
    MailParts mail = mailToHostFrom("Eve\r\nBcc: victim@elsewhere.example", "");
    assertThat(mail.message().getHeader("Bcc")).isNull();
    assertThat(mail.message().getSubject()).doesNotContain("\n").contains("Eve Bcc: victim@elsewhere.example");
    assertThat(mail.message().getAllRecipients()).hasSize(1);
    assertThat(mail.eventProperty("SUMMARY")).doesNotContain("\n");
  }

  @Test
  void aQuoteInANameStaysInsideTheCalendarParameter() throws Exception {
    MailParts mail = mailToHostFrom("Bo \"The Boss\"; ROLE=CHAIR: x", "");
    var attendee = mail.event().getProperty("ATTENDEE").orElseThrow();
    assertThat(attendee.getParameter("CN").orElseThrow().getValue()).isEqualTo("Bo 'The Boss'; ROLE=CHAIR: x");
    assertThat(attendee.getParameter("ROLE").orElseThrow().getValue()).isEqualTo("REQ-PARTICIPANT");
  }
}
