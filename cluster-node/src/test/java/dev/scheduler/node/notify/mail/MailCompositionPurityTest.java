package dev.scheduler.node.notify.mail;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Composition is pure: no I/O, no actors, no wall clock or default zone. Only the transports and
 * the entry point that picks one reach the network or the disk.
 */
class MailCompositionPurityTest {
  private static final JavaClasses MAIL = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.scheduler.node.notify.mail");

  private static final String[] COMPOSITION = {
      MessageComposer.class.getName(), NoticeText.class.getName(), InviteCalendar.class.getName(),
      MeetingTimes.class.getName(), MessageIds.class.getName(), Html.class.getName(),
      BookingNotice.class.getName(), BookingNotices.class.getName(), Party.class.getName()};

  @Test
  void compositionReadsNoWallClockAndNoDefaultZone() {
    ArchRule rule = noClasses().that().haveNameMatching(namePattern())
        .should().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(java.time.ZoneId.class, "systemDefault")
        .orShould().callMethod(java.time.Clock.class, "systemUTC")
        .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
        .orShould().callConstructor(java.util.Date.class);
    rule.check(MAIL);
  }

  @Test
  void compositionDoesNoIoAndKnowsNoActors() {
    noClasses().that().haveNameMatching(namePattern())
        .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.nio.channels..", "org.apache.pekko..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.mail.Transport")
        .orShould().dependOnClassesThat().resideInAPackage("org.eclipse.angus.mail.smtp..")
        .check(MAIL);
  }

  /** The composition classes and their nested classes. */
  private static String namePattern() {
    return "(" + Arrays.stream(COMPOSITION).map(Pattern::quote).collect(Collectors.joining("|")) + ")(\\$.*)?";
  }
}
