package dev.scheduler.node.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** mail.conf and its environment variables, as the node reads them. */
class MailSettingsTest {
  private static final Path DATA = Path.of("/var/lib/scheduler");

  /** mail.conf (and the public URL of http.conf) resolved against these "environment variables". */
  private static MailSettings withEnvironment(Map<String, String> environment) {
    // Keys at the root are what ${?NAME} finds first; the real environment is left out.
    Config files = ConfigFactory.parseResources("mail.conf").withFallback(ConfigFactory.parseResources("http.conf"));
    Config resolved = ConfigFactory.parseMap(environment).withFallback(files)
        .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
    return MailSettings.from(resolved, DATA);
  }

  @Test
  void withNoSmtpHostMailGoesToTheOutboxInTheDataDirectory() {
    MailSettings settings = withEnvironment(Map.of("SCHEDULER_PUBLIC_URL", "https://book.example.com/"));
    assertThat(settings.smtp()).isEmpty();
    assertThat(settings.outbox()).isEqualTo(DATA.resolve("outbox"));
    assertThat(settings.publicUrl()).isEqualTo("https://book.example.com");
    assertThat(settings.publicHost()).isEqualTo("book.example.com");
    assertThat(settings.from().getAddress()).isEqualTo("no-reply@localhost");
  }

  @Test
  void everyVariableIsRead() {
    MailSettings settings = withEnvironment(Map.of(
        "SCHEDULER_SMTP_HOST", "smtp.example.com",
        "SCHEDULER_SMTP_PORT", "2525",
        "SCHEDULER_SMTP_USER", "mailer",
        "SCHEDULER_SMTP_PASSWORD", "pa55-word",
        "SCHEDULER_SMTP_SECURITY", "TLS",
        "SCHEDULER_SMTP_CONNECT_TIMEOUT", "3s",
        "SCHEDULER_MAIL_FROM", "Bookings <bookings@example.com>"));
    SmtpSettings smtp = settings.smtp().orElseThrow();
    assertThat(smtp).isEqualTo(new SmtpSettings("smtp.example.com", 2525, "mailer", "pa55-word",
        SmtpSettings.Security.TLS, Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(30)));
    assertThat(settings.from().getPersonal()).isEqualTo("Bookings");
    assertThat(settings.from().getAddress()).isEqualTo("bookings@example.com");
  }

  @Test
  void thePortDefaultsToTheUsualOneOfTheSecurity() {
    for (var expected : Map.of("none", 25, "starttls", 587, "tls", 465).entrySet()) {
      MailSettings settings = withEnvironment(Map.of("SCHEDULER_SMTP_HOST", "smtp.example.com",
          "SCHEDULER_SMTP_SECURITY", expected.getKey()));
      assertThat(settings.smtp().orElseThrow().port()).isEqualTo(expected.getValue());
    }
    assertThat(withEnvironment(Map.of("SCHEDULER_SMTP_HOST", "smtp.example.com")).smtp().orElseThrow().security())
        .isEqualTo(SmtpSettings.Security.STARTTLS);
  }

  @Test
  void thePasswordIsNeverShown() {
    MailSettings settings = withEnvironment(Map.of("SCHEDULER_SMTP_HOST", "smtp.example.com",
        "SCHEDULER_SMTP_USER", "mailer", "SCHEDULER_SMTP_PASSWORD", "pa55-word"));
    assertThat(settings.toString()).contains("smtp.example.com", "mailer", "password=(set)").doesNotContain("pa55-word");
    assertThat(settings.smtp().orElseThrow().toString()).doesNotContain("pa55-word");
  }

  @Test
  void wrongValuesSayWhichVariableIsWrong() {
    assertThatThrownBy(() -> withEnvironment(Map.of("SCHEDULER_SMTP_HOST", "smtp.example.com",
        "SCHEDULER_SMTP_SECURITY", "ssl")))
        .hasMessageContaining("SCHEDULER_SMTP_SECURITY must be none, starttls or tls");
    assertThatThrownBy(() -> withEnvironment(Map.of("SCHEDULER_MAIL_FROM", "not an address")))
        .hasMessageContaining("SCHEDULER_MAIL_FROM");
  }

  @Test
  void starttlsIsRequiredOnceChosenAndTlsChecksTheServersName() {
    var starttls = SmtpTransport.properties(new SmtpSettings("smtp.example.com", 0, "", "",
        SmtpSettings.Security.STARTTLS, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)));
    assertThat(starttls).containsEntry("mail.smtp.starttls.required", "true")
        .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
        .containsEntry("mail.smtp.connectiontimeout", "1000")
        .containsEntry("mail.smtp.timeout", "2000")
        .containsEntry("mail.smtp.writetimeout", "3000")
        .containsEntry("mail.smtp.auth", "false");
    var tls = SmtpTransport.properties(new SmtpSettings("smtp.example.com", 0, "u", "p",
        SmtpSettings.Security.TLS, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)));
    assertThat(tls).containsEntry("mail.smtp.ssl.enable", "true").containsEntry("mail.smtp.auth", "true")
        .doesNotContainValue("p");
  }
}
