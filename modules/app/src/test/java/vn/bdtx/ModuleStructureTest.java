package vn.bdtx;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The structure checks itself (STYLE.md 5): contexts talk through their public types, without cycles. */
class ModuleStructureTest {

  @Test
  void contextsDependOnlyOnWhatOtherContextsExposeAndHaveNoCycles() {
    // The domain jar is a shared kernel of pure rules every context uses (and may not carry Spring
    // annotations), so it is left out of the module analysis rather than declared a module.
    ApplicationModules.of(BdtxApplication.class, JavaClass.Predicates.resideInAPackage("vn.bdtx.domain..")).verify();
  }

  @Test
  void sharedInfrastructureNeverReachesIntoAContext() {
    noClasses().that().resideInAPackage("vn.bdtx.platform..")
        .should().dependOnClassesThat().resideInAnyPackage("vn.bdtx.accounts..", "vn.bdtx.home..")
        .because("contexts plug into the platform through its interfaces, not the other way round")
        .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("vn.bdtx"));
  }
}
