package dev.scheduler.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Harness.main's choice of logback configuration; the jar's own use of it is HarnessJarLoggingIT. */
class HarnessLoggingTest {
  private String before;

  @BeforeEach
  void remember() {
    before = System.getProperty(Harness.LOGBACK_CONFIG_PROPERTY);
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(Harness.LOGBACK_CONFIG_PROPERTY);
    } else {
      System.setProperty(Harness.LOGBACK_CONFIG_PROPERTY, before);
    }
  }

  @Test
  void usesTheJarsConfigurationWhenNoneIsNamed() {
    System.clearProperty(Harness.LOGBACK_CONFIG_PROPERTY);
    Harness.useHarnessLogging();
    assertThat(System.getProperty(Harness.LOGBACK_CONFIG_PROPERTY)).isEqualTo("harness-logback.xml");
    assertThat(Harness.class.getClassLoader().getResource(Harness.LOGGING_CONFIG)).isNotNull();
  }

  @Test
  void keepsAConfigurationTheUserNamed() {
    System.setProperty(Harness.LOGBACK_CONFIG_PROPERTY, "/etc/my-logback.xml");
    Harness.useHarnessLogging();
    assertThat(System.getProperty(Harness.LOGBACK_CONFIG_PROPERTY)).isEqualTo("/etc/my-logback.xml");
  }
}
