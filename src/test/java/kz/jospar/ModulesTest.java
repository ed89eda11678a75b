package kz.jospar;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package boundaries, kept by a test (issue 18): each package of {@code kz.jospar} is a module, and no two modules
 * depend on each other, directly or around a circle. Read from the compiled classes, so an inline fully qualified
 * name counts as much as an import.
 */
@AnalyzeClasses(packages = "kz.jospar", importOptions = ImportOption.DoNotIncludeTests.class)
class ModulesTest {

  @ArchTest
  static final ArchRule modulesHaveNoCycles = slices().matching("kz.jospar.(*)..").should().beFreeOfCycles();
}
