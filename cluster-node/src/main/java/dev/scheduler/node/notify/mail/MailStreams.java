package dev.scheduler.node.notify.mail;

/**
 * Names Angus Mail's stream provider in the system property Jakarta Mail reads first. Jakarta Mail
 * 2.1 looks its {@code StreamProvider} up again at every encoded part and header, and without the
 * property each lookup is a {@code ServiceLoader} scan of the class path: it was a quarter of the
 * CPU spent writing a booking's mail (jakartaee/mail-api#861). With the property the lookup is one
 * {@code Class.forName} of a loaded class. An operator's own setting is kept.
 */
final class MailStreams {
  static final String PROPERTY = "jakarta.mail.util.StreamProvider";
  static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

  private MailStreams() {}

  static void nameAngusProvider() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, ANGUS);
    }
  }
}
