package dev.scheduler.harness.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/** Durations as people write them: {@code 60s}, {@code 500ms}, {@code 2m}, {@code 1h}, ISO {@code PT1M}, or seconds. */
public final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  public static Duration parse(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    if (text.startsWith("pt") || text.startsWith("p")) {
      return Duration.parse(text.toUpperCase(Locale.ROOT));
    }
    if (text.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).trim()));
    }
    char unit = text.charAt(text.length() - 1);
    if (Character.isDigit(unit)) {
      return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
    }
    double amount = Double.parseDouble(text.substring(0, text.length() - 1).trim());
    return switch (unit) {
      case 's' -> Duration.ofMillis(Math.round(amount * 1000));
      case 'm' -> Duration.ofMillis(Math.round(amount * 60_000));
      case 'h' -> Duration.ofMillis(Math.round(amount * 3_600_000));
      default -> throw new IllegalArgumentException("not a duration: " + value + " (try 60s, 500ms, 2m, 1h)");
    };
  }
}
