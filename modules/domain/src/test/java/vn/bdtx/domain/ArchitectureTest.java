package vn.bdtx.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** The domain stays pure: no framework, no I/O, and the clock is always an argument (STYLE.md 1, 5). */
@AnalyzeClasses(packages = "vn.bdtx.domain", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule noFrameworkOrIo = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage(
          "org.springframework..", "io.r2dbc..", "java.sql..", "java.net..", "java.nio.file..", "io.lettuce..", "io.minio..")
      .because("domain rules are plain Java (DESIGN.md §5)");

  @ArchTest
  static final ArchRule neverReadsTheClock = noClasses()
      .should().callMethod(Instant.class, "now")
      .orShould().callMethod(LocalDate.class, "now")
      .orShould().callMethod(LocalDateTime.class, "now")
      .orShould().callMethod(System.class, "currentTimeMillis")
      .orShould().callMethod(Clock.class, "systemUTC")
      .because("time is an argument (STYLE.md 1)");
}
