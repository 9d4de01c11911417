package dev.scheduler.node.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * A received message taken apart as a mail client would: the tests look at the bytes on the wire,
 * parsed back, never at the objects that were composed. It also checks the required structure.
 */
record MailParts(MimeMessage message, String plain, String html, String calendarType, String calendar,
    String attachmentName, String attachmentType, String attachment) {

  static MailParts of(MimeMessage composed) throws Exception {
    var bytes = new ByteArrayOutputStream();
    composed.writeTo(bytes);
    return parse(new ByteArrayInputStream(bytes.toByteArray()));
  }

  static MailParts parse(InputStream raw) throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), raw);
    assertThat(message.getContentType()).startsWith("multipart/mixed");
    MimeMultipart mixed = (MimeMultipart) message.getContent();
    assertThat(mixed.getCount()).isEqualTo(2);
    BodyPart alternatives = mixed.getBodyPart(0);
    assertThat(alternatives.getContentType()).startsWith("multipart/alternative");
    MimeMultipart alternative = (MimeMultipart) alternatives.getContent();
    assertThat(alternative.getCount()).isEqualTo(3);
    BodyPart plain = alternative.getBodyPart(0);
    BodyPart html = alternative.getBodyPart(1);
    BodyPart calendar = alternative.getBodyPart(2);
    assertThat(plain.getContentType()).startsWith("text/plain");
    assertThat(html.getContentType()).startsWith("text/html");
    assertThat(calendar.getContentType()).startsWith("text/calendar");
    BodyPart attachment = mixed.getBodyPart(1);
    assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
    return new MailParts(message, (String) plain.getContent(), (String) html.getContent(),
        calendar.getContentType(), text(calendar), attachment.getFileName(), attachment.getContentType(),
        text(attachment));
  }

  private static String text(BodyPart part) throws IOException, MessagingException {
    try (InputStream in = part.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The calendar part parsed with ical4j. */
  Calendar parsedCalendar() throws IOException, ParserException {
    return new CalendarBuilder().build(new StringReader(calendar));
  }

  VEvent event() throws IOException, ParserException {
    var events = parsedCalendar().<VEvent>getComponents("VEVENT");
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  String calendarProperty(String name) throws IOException, ParserException {
    return parsedCalendar().getProperty(name).orElseThrow().getValue();
  }

  String eventProperty(String name) throws IOException, ParserException {
    return event().getProperty(name).orElseThrow().getValue();
  }
}
