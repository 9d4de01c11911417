package dev.scheduler.node.admin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.scheduler.protocol.admin.NodeStats.LoggedProblem;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A logback appender that keeps the process's last {@value #KEPT} WARN and ERROR lines for the
 * admin console's "last errors". Logback creates it from {@code logback.xml}, so the lines are
 * kept per JVM in one static ring. Lines are cut to {@value #MAX_MESSAGE} characters; logs never
 * hold secrets (the standards say so), and this shows nothing the log does not.
 */
public final class RecentProblems extends AppenderBase<ILoggingEvent> {
  static final int KEPT = 50;
  static final int MAX_MESSAGE = 500;
  private static final Deque<LoggedProblem> LAST = new ArrayDeque<>();

  @Override
  protected void append(ILoggingEvent event) {
    if (!event.getLevel().isGreaterOrEqual(Level.WARN)) {
      return;
    }
    String message = event.getFormattedMessage();
    if (event.getThrowableProxy() != null) {
      message = message + " (" + event.getThrowableProxy().getClassName() + ": "
          + event.getThrowableProxy().getMessage() + ")";
    }
    record(new LoggedProblem(Instant.ofEpochMilli(event.getTimeStamp()), event.getLevel().toString(),
        event.getLoggerName(), cut(message)));
  }

  static void record(LoggedProblem problem) {
    synchronized (LAST) {
      LAST.addFirst(problem);
      while (LAST.size() > KEPT) {
        LAST.removeLast();
      }
    }
  }

  /** The kept lines, newest first. */
  public static List<LoggedProblem> newestFirst() {
    synchronized (LAST) {
      return List.copyOf(new ArrayList<>(LAST));
    }
  }

  private static String cut(String message) {
    if (message == null) {
      return "";
    }
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
  }
}
