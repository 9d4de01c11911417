package dev.scheduler.node.notify.mail;

/** The words of one message: its subject and the same content as plain text and as HTML. */
record MailText(String subject, String plain, String html) {}
