package dev.scheduler.node.notify.mail;

/** Which side of a booking a message goes to. */
public enum Recipient {
  INVITEE,
  HOST
}
