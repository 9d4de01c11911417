package dev.scheduler.node.notify.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Turns what Angus Mail threw into what the caller does next. A reply code from the server decides:
 * 4xx is a temporary refusal (RETRY), 5xx a permanent one (PERMANENT). With no reply code the server
 * was not reached, did not answer in time, or failed before it judged the message: RETRY.
 */
final class SmtpFailures {
  private static final int MAX_REASON = 300;

  private SmtpFailures() {}

  static DeliveryOutcome classify(MessagingException failure) {
    if (failure instanceof AuthenticationFailedException) {
      // The node's own settings are wrong, not this message: it goes once they are fixed.
      return DeliveryOutcome.retry("the SMTP server refused the login (SCHEDULER_SMTP_USER, SCHEDULER_SMTP_PASSWORD)");
    }
    int code = replyCode(failure);
    String reason = reason(failure, code);
    if (code >= 500 && code < 600) {
      return DeliveryOutcome.permanent(reason);
    }
    if (code == 0 && failure instanceof SendFailedException sendFailed && hasInvalidOnly(sendFailed)) {
      return DeliveryOutcome.permanent(reason);
    }
    return DeliveryOutcome.retry(reason);
  }

  /** The first SMTP reply code anywhere in the chain of nested exceptions, or 0. */
  static int replyCode(Throwable failure) {
    Set<Throwable> seen = new HashSet<>();
    for (Throwable t = failure; t != null && seen.add(t); t = next(t)) {
      int code = ownCode(t);
      if (code > 0) {
        return code;
      }
    }
    return 0;
  }

  private static int ownCode(Throwable t) {
    if (t instanceof SMTPAddressFailedException e) {
      return e.getReturnCode();
    }
    if (t instanceof SMTPSenderFailedException e) {
      return e.getReturnCode();
    }
    if (t instanceof SMTPSendFailedException e) {
      return e.getReturnCode();
    }
    return 0;
  }

  private static Throwable next(Throwable t) {
    if (t instanceof MessagingException m && m.getNextException() != null) {
      return m.getNextException();
    }
    return t.getCause();
  }

  private static boolean hasInvalidOnly(SendFailedException e) {
    return e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0
        && (e.getValidSentAddresses() == null || e.getValidSentAddresses().length == 0);
  }

  /**
   * The server's own answer when there is one ("550 5.1.1 no such user"); otherwise what Angus
   * said and the root cause ("Couldn't connect to host ...: Connection refused").
   */
  private static String reason(MessagingException failure, int code) {
    Set<Throwable> seen = new HashSet<>();
    Throwable deepest = failure;
    for (Throwable t = failure; t != null && seen.add(t); t = next(t)) {
      deepest = t;
      if (ownCode(t) > 0) {
        break;
      }
    }
    String text;
    if (code > 0) {
      String answer = describe(deepest);
      text = "SMTP " + (answer.startsWith(Integer.toString(code)) ? answer : code + " " + answer);
    } else {
      text = deepest == failure ? describe(failure) : describe(failure) + ": " + describe(deepest);
    }
    text = text.replaceAll("\\s+", " ").strip();
    return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }
}
