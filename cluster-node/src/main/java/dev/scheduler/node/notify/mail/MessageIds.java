package dev.scheduler.node.notify.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Message-ID that is the same each time the same notice is composed: one per booking, kind,
 * sequence, recipient (and, for reminders, how long before the start). Delivery is at least once,
 * so after a crash a message may go out twice; the same Message-ID lets a mail client, and the
 * outbox, recognise the second as a duplicate.
 */
final class MessageIds {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  private MessageIds() {}

  static String of(BookingNotice n, String publicHost) {
    String kind = n.kind().name().toLowerCase(Locale.ROOT);
    String reminder = n.kind() == NoticeKind.REMINDER ? "-" + n.reminderBeforeMinutes() + "m" : "";
    return "<booking-" + safe(n.bookingId()) + "." + kind + reminder + "." + n.sequence() + "."
        + n.recipient().name().toLowerCase(Locale.ROOT) + "@" + publicHost + ">";
  }

  /** Ids of other shapes are hashed, so no character of theirs can reach the header. */
  private static String safe(String bookingId) {
    if (SAFE.matcher(bookingId).matches()) {
      return bookingId;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bookingId.getBytes(StandardCharsets.UTF_8));
      return "h" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always there", e);
    }
  }
}
