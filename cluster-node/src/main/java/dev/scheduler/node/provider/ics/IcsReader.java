package dev.scheduler.node.provider.ics;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarParserImpl;
import net.fortuna.ical4j.data.ContentHandler;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.data.UnfoldingReader;

/**
 * Reads feed text into {@link IcsComponent}s with ical4j's parser (unfolding, quoting, line
 * numbers) and a content handler of our own. Not ical4j's CalendarBuilder: it registers a new
 * JVM-wide ZoneRulesProvider on every parse (a leak for a poller), and its model resolves TZIDs
 * through that global state before we can apply our own rules.
 */
final class IcsReader {
  /** How the message for a text that is no calendar at all begins. */
  static final String NOT_A_CALENDAR = "The calendar feed is not an iCalendar (.ics) file";

  private IcsReader() {}

  /** The top-level components (VEVENT, VTIMEZONE, ...) of every VCALENDAR in the text. */
  static List<IcsComponent> read(String text) throws IcsParseException {
    if (text.isBlank()) {
      throw new IcsParseException("The calendar feed is empty.");
    }
    var collector = new Collector();
    // Relaxed: real feeds fold lines with a bare LF and leave blank lines between properties.
    var reader = new UnfoldingReader(new StringReader(text), true);
    try {
      new CalendarParserImpl(true).parse(reader, collector);
    } catch (ParserException e) {
      throw new IcsParseException(describe(text, e), e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string failed", e);
    }
    return collector.components;
  }

  private static String describe(String text, ParserException e) {
    String firstLine = text.strip().lines().findFirst().orElse("");
    if (!firstLine.replace("\uFEFF", "").toUpperCase(Locale.ROOT).startsWith("BEGIN:VCALENDAR")) {
      // Typically a login or error page served at the pasted URL.
      String shown = firstLine.length() > 60 ? firstLine.substring(0, 60) + "…" : firstLine;
      return NOT_A_CALENDAR + ": it should start with"
          + " BEGIN:VCALENDAR but starts with \"" + shown + "\".";
    }
    String detail = e.getMessage().replaceFirst("^Error at line \\d+:", "");
    return "The calendar feed is malformed at line " + e.getLineNo() + ": " + detail;
  }

  private static String upper(String name) {
    return name.toUpperCase(Locale.ROOT);
  }

  private static final class Collector implements ContentHandler {
    final List<IcsComponent> components = new ArrayList<>();
    private final Deque<IcsComponent> open = new ArrayDeque<>();
    private String propertyName;
    private String propertyValue;
    private Map<String, String> parameters;

    @Override
    public void startCalendar() {}

    @Override
    public void endCalendar() {}

    @Override
    public void startComponent(String name) {
      open.push(new IcsComponent(upper(name), new ArrayList<>(), new ArrayList<>()));
    }

    @Override
    public void endComponent(String name) {
      IcsComponent done = open.pop();
      if (open.isEmpty()) {
        components.add(done);
      } else {
        open.peek().children().add(done);
      }
    }

    @Override
    public void startProperty(String name) {
      propertyName = upper(name);
      propertyValue = "";
      parameters = new HashMap<>();
    }

    @Override
    public void parameter(String name, String value) {
      parameters.put(upper(name), unquote(value));
    }

    @Override
    public void propertyValue(String value) {
      propertyValue = value;
    }

    @Override
    public void endProperty(String name) {
      // Properties of the VCALENDAR itself (PRODID, X-WR-TIMEZONE, ...) are not needed.
      if (!open.isEmpty()) {
        open.peek().properties()
            .add(new IcsComponent.Property(propertyName, propertyValue, Map.copyOf(parameters)));
      }
    }

    private static String unquote(String value) {
      boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
      return quoted ? value.substring(1, value.length() - 1) : value;
    }
  }
}
