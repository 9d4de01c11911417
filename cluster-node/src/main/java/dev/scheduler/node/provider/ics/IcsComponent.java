package dev.scheduler.node.provider.ics;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One component of a feed (VEVENT, VTIMEZONE, STANDARD, ...) as written: names upper-cased, values
 * and parameters not yet interpreted.
 */
record IcsComponent(String name, List<Property> properties, List<IcsComponent> children) {

  /** A content line: parameter names are upper-cased, quotes around parameter values removed. */
  record Property(String name, String value, Map<String, String> parameters) {
    Optional<String> parameter(String parameterName) {
      return Optional.ofNullable(parameters.get(parameterName));
    }
  }

  Optional<Property> property(String propertyName) {
    return properties.stream().filter(p -> p.name().equals(propertyName)).findFirst();
  }

  List<Property> all(String propertyName) {
    return properties.stream().filter(p -> p.name().equals(propertyName)).toList();
  }

  Optional<String> value(String propertyName) {
    return property(propertyName).map(Property::value);
  }
}
