package dev.scheduler.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering: the scheduling domain stays pure (no actors, no HTTP, no Jackson, no wall clock, no
 * default zone); below its assembly the node never touches HTTP; protocol holds messages, events and
 * state, not HTTP shapes; routes reach the node only through protocol.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.scheduler");

  @Test
  void theDomainImportsNoPekko() {
    noClasses().that().resideInAPackage("dev.scheduler.node.domain..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.pekko..", "dev.scheduler.http..")
        .check(MAIN);
  }

  @Test
  void theDomainDoesNotUseTheCommandsThatCarryActorRefs() {
    noClasses().that().resideInAPackage("dev.scheduler.node.domain..")
        .should().dependOnClassesThat().haveNameMatching(
            "dev\\.scheduler\\.protocol\\.(calendar\\.HostCalendarCommand|connection\\.ConnectionCommand)(\\$.*)?")
        .check(MAIN);
  }

  @Test
  void theDomainHasNoJackson() {
    noClasses().that().resideInAPackage("dev.scheduler.node.domain..")
        .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
        .check(MAIN);
  }

  /** Only the assembly (SchedulerNode, ConnectionAssembly, Main) binds the HTTP server to the node. */
  @Test
  void theNodeBelowItsAssemblyNeverImportsHttpTypes() {
    noClasses().that().resideInAPackage("dev.scheduler.node..").and().resideOutsideOfPackage("dev.scheduler.node")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.pekko.http..", "dev.scheduler.http..")
        .check(MAIN);
  }

  @Test
  void protocolHasNoHttpShapes() {
    noClasses().that().resideInAPackage("dev.scheduler.protocol..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.pekko.http..", "dev.scheduler.http..")
        .orShould().haveSimpleNameEndingWith("Json")
        .orShould().resideInAPackage("dev.scheduler.protocol.api..")
        .check(MAIN);
  }

  @Test
  void theDomainNeverReadsTheWallClockOrTheDefaultZone() {
    noClasses().that().resideInAPackage("dev.scheduler.node.domain..")
        .should().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(java.time.ZoneId.class, "systemDefault")
        .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
        .orShould().callMethod(java.time.Clock.class, "systemUTC")
        .orShould().callMethod(java.time.LocalDate.class, "now")
        .orShould().callMethod(java.time.LocalDateTime.class, "now")
        .check(MAIN);
  }

  @Test
  void theHttpLayerTalksToEntitiesOnlyThroughTheProtocol() {
    noClasses().that().resideInAPackage("dev.scheduler.http..")
        .should().dependOnClassesThat().resideInAPackage("dev.scheduler.node..")
        .check(MAIN);
  }
}
