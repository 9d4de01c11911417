package dev.scheduler.node.notify.mail;

import java.time.ZoneId;
import java.util.Objects;

/** One side of a booking as a mail shows it: a name, an address and the zone its times are shown in. */
public record Party(String name, String email, ZoneId timeZone) {
  public Party {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(timeZone, "timeZone");
  }
}
