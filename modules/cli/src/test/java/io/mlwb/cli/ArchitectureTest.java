package io.mlwb.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The CLI's side of the layering rules. The full set (engines headless, core alone, no standard streams, view models
 * without nodes) lives in app's ArchitectureTest, where every engine is on the class path; here we check what only
 * this classpath can see: the CLI never reaches into the app, and the CLI's packages form no cycles with the engines.
 */
@AnalyzeClasses(packages = "io.mlwb", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule cliIgnoresApp = noClasses()
            .that().resideInAPackage("io.mlwb.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("io.mlwb.app..", "javafx..")
            .because("the CLI runs headless on the engines; the app and the CLI never know each other");

    @ArchTest
    static final ArchRule modulesFormNoCycles = slices().matching("io.mlwb.(*)..")
            .should().beFreeOfCycles()
            .because("modules depend one way: cli/app on engines, engines on core, catalog, vcs");
}
