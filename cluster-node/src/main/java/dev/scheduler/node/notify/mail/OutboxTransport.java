package dev.scheduler.node.notify.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With no SMTP server configured, each message becomes an RFC 5322 {@code .eml} file in the
 * outbox (any mail client opens one), so a new user sees the real mail without a server. The file
 * is named after the Message-ID, so the same message written twice (after a crash) is one file;
 * it is written to a hidden temporary file and moved into place, so a reader never sees half a
 * message. Like the rest of the data directory, the outbox and its files are the node user's only:
 * they hold invitees' names, addresses and booking tokens.
 */
public final class OutboxTransport implements MailTransport {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxTransport.class);
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

  private final Path outbox;

  public OutboxTransport(Path outbox) {
    this.outbox = outbox.toAbsolutePath().normalize();
  }

  public Path directory() {
    return outbox;
  }

  @Override
  public DeliveryOutcome deliver(MimeMessage message) {
    try {
      Path file = outbox.resolve(fileName(message.getMessageID()));
      write(message, file);
      LOG.info("Mail to {} \"{}\" written to {}", recipients(message), message.getSubject(), file);
      return DeliveryOutcome.sent("written to " + file);
    } catch (IOException | MessagingException e) {
      // A full disk or a lost mount may pass: try again later.
      return DeliveryOutcome.retry("cannot write to the outbox " + outbox + ": " + e.getMessage());
    }
  }

  /** The Message-ID without its angle brackets, anything unusual replaced, and .eml. */
  static String fileName(String messageId) {
    if (messageId == null || messageId.isBlank()) {
      throw new IllegalArgumentException("a message for the outbox needs a Message-ID");
    }
    String bare = messageId.strip().replaceAll("^<|>$", "").replaceAll("[^A-Za-z0-9._@-]", "_");
    return bare.replaceAll("^\\.+", "_") + ".eml";
  }

  private void write(MimeMessage message, Path file) throws IOException, MessagingException {
    prepareDirectory();
    Path temp = Files.createTempFile(outbox, ".incoming-", ".tmp", ownerOnlyFile());
    try {
      // Not fsynced (it cost seconds per message here): the outbox is for trying the node without a
      // mail server, and delivery is at least once anyway.
      // Buffered: MimeMessage writes a line at a time, a system call each without the buffer.
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.WRITE), 16_384)) {
        message.writeTo(out);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private void prepareDirectory() throws IOException {
    if (!posix()) {
      Files.createDirectories(outbox);
      return;
    }
    if (!Files.isDirectory(outbox)) {
      Files.createDirectories(outbox, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
    }
    if (!Files.getPosixFilePermissions(outbox).equals(OWNER_ONLY_DIRECTORY)) {
      Files.setPosixFilePermissions(outbox, OWNER_ONLY_DIRECTORY);
    }
  }

  private FileAttribute<?>[] ownerOnlyFile() {
    return posix()
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
        : new FileAttribute<?>[0];
  }

  private boolean posix() {
    Path existing = outbox;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static String recipients(MimeMessage message) throws MessagingException {
    var all = message.getAllRecipients();
    return all == null ? "(none)" : Arrays.stream(all).map(Object::toString).collect(Collectors.joining(", "));
  }
}
