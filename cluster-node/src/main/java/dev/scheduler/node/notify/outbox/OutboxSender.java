package dev.scheduler.node.notify.outbox;

/**
 * One channel's delivery of one message (SMTP for mail, HTTP for webhooks). Called by the
 * dispatcher on a blocking thread; it may take as long as its own timeouts allow, and must not
 * throw for an ordinary failure (answer RETRY or PERMANENT instead).
 */
@FunctionalInterface
public interface OutboxSender {
  SendOutcome send(OutboxMessage message);
}
