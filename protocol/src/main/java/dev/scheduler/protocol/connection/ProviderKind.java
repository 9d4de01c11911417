package dev.scheduler.protocol.connection;

import java.util.Locale;

public enum ProviderKind {
  GOOGLE,
  ICS;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
