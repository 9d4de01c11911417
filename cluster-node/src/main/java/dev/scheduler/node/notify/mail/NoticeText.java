package dev.scheduler.node.notify.mail;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes what a notice says, for its recipient. The content is a headline and labelled rows,
 * rendered once as plain text and once as HTML, so the two parts cannot drift apart. Everything a
 * user typed (names, titles, notes, reasons) is escaped in the HTML and kept to one line in the
 * subject.
 */
final class NoticeText {
  private NoticeText() {}

  private record Row(String label, String value) {}

  static MailText of(BookingNotice n) {
    List<Row> rows = rows(n);
    String headline = headline(n);
    String link = linkLine(n);
    return new MailText(subject(n), plain(n, headline, rows, link), html(n, headline, rows, link));
  }

  static String subject(BookingNotice n) {
    String prefix = switch (n.kind()) {
      case CONFIRMED -> "Booked";
      case RESCHEDULED -> "Rescheduled";
      case CANCELLED -> "Cancelled";
      case REMINDER -> "Reminder";
    };
    return oneLine(prefix + ": " + n.eventTitle() + " with " + n.other().name() + " on "
        + MeetingTimes.start(n.start(), n.to().timeZone()));
  }

  private static String headline(BookingNotice n) {
    String title = n.eventTitle();
    String other = n.other().name();
    boolean toHost = n.recipient() == Recipient.HOST;
    return switch (n.kind()) {
      case CONFIRMED -> toHost
          ? other + " booked " + title + " with you."
          : "Your " + title + " with " + other + " is booked.";
      case RESCHEDULED -> "Your " + title + " with " + other + " has moved to a new time.";
      case CANCELLED -> "Your " + title + " with " + other + " is cancelled.";
      case REMINDER -> "A reminder: your " + title + " with " + other + " is coming up.";
    };
  }

  private static List<Row> rows(BookingNotice n) {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row(n.kind().cancels() ? "Was" : "When",
        MeetingTimes.span(n.start(), n.end(), n.to().timeZone())));
    rows.add(new Row("What", n.eventTitle() + " (" + MeetingTimes.duration(n.duration()) + ")"));
    rows.add(new Row("With", n.other().name() + " <" + n.other().email() + ">"));
    if (!n.notes().isBlank()) {
      rows.add(new Row("Notes", n.notes()));
    }
    if (n.kind().cancels() && !n.cancelReason().isBlank()) {
      rows.add(new Row("Reason", n.cancelReason()));
    }
    return rows;
  }

  /** The manage link goes to the invitee only: it carries the invitee's booking token. */
  private static String linkLine(BookingNotice n) {
    if (n.recipient() != Recipient.INVITEE || n.kind().cancels()) {
      return null;
    }
    return n.manageLink().toString();
  }

  private static String plain(BookingNotice n, String headline, List<Row> rows, String link) {
    StringBuilder out = new StringBuilder();
    out.append("Hello ").append(n.to().name()).append(",\n\n").append(headline).append("\n\n");
    for (Row row : rows) {
      out.append(row.label()).append(": ").append(row.value()).append('\n');
    }
    if (link != null) {
      out.append("\nTo cancel or reschedule: ").append(link).append('\n');
    }
    out.append('\n').append(footer(n)).append('\n');
    return out.toString();
  }

  private static String html(BookingNotice n, String headline, List<Row> rows, String link) {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(Html.escape(subject(n))).append("</title></head>\n<body>\n")
        .append("<p>Hello ").append(Html.escape(n.to().name())).append(",</p>\n")
        .append("<p>").append(Html.escape(headline)).append("</p>\n<table>\n");
    for (Row row : rows) {
      out.append("<tr><th scope=\"row\" align=\"left\">").append(Html.escape(row.label()))
          .append("</th><td>").append(Html.escape(row.value()).replace("\n", "<br>")).append("</td></tr>\n");
    }
    out.append("</table>\n");
    if (link != null) {
      out.append("<p><a href=\"").append(Html.escape(link)).append("\">Cancel or reschedule</a></p>\n");
    }
    out.append("<p>").append(Html.escape(footer(n))).append("</p>\n</body></html>\n");
    return out.toString();
  }

  private static String footer(BookingNotice n) {
    return n.kind().cancels()
        ? "The attached cancellation removes it from your calendar."
        : "The attached invitation puts it in your calendar, or updates it there.";
  }

  /** Control characters (a CR or LF in a name) must not reach a header. */
  static String oneLine(String text) {
    return text.replaceAll("\\p{Cntrl}+", " ").strip();
  }
}
