package io.mlwb.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The one-way arrows of ARCHITECTURE.md as tests. It lives in app because every engine and every pane is on this classpath;
 * the CLI module runs the same rules without the view-model rule.
 */
@AnalyzeClasses(packages = "io.mlwb", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule enginesAreHeadless = noClasses()
            .that().resideOutsideOfPackages("io.mlwb.app..", "io.mlwb.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.mlwb.app..", "io.mlwb.cli..")
            .because("engines run in the CLI, CI and benchmarks without a display");

    @ArchTest
    static final ArchRule coreStandsAlone = noClasses()
            .that().resideInAPackage("io.mlwb.core..")
            .should().dependOnClassesThat().resideInAnyPackage("io.mlwb.catalog..", "io.mlwb.vcs..", "io.mlwb.cli..",
                    "io.mlwb.bench..", "org.eclipse.jgit..", "org.sqlite..")
            .because("core is the vocabulary every module shares; it knows no storage and no git");

    @ArchTest
    static final ArchRule catalogKnowsNoGit = noClasses()
            .that().resideInAPackage("io.mlwb.catalog..")
            .should().dependOnClassesThat().resideInAnyPackage("io.mlwb.vcs..", "org.eclipse.jgit..")
            .because("the catalog stores facts; callers pass in the git facts they recorded");

    @ArchTest
    static final ArchRule modulesFormNoCycles = slices().matching("io.mlwb.(*)..")
            .should().beFreeOfCycles()
            .because("modules depend one way: cli/app on engines, engines on core, catalog, vcs");

    @ArchTest
    static final ArchRule packagesFormNoCycles = slices().matching("io.mlwb.(**)")
            .should().beFreeOfCycles()
            .because("a package cycle is a module boundary waiting to break");

    @ArchTest
    static final ArchRule appIgnoresCli = noClasses()
            .that().resideInAPackage("io.mlwb.app..")
            .should().dependOnClassesThat().resideInAPackage("io.mlwb.cli..")
            .because("the app and the CLI both sit on the engines; neither knows the other");

    @ArchTest
    static final ArchRule viewModelsHoldNoNodes = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
            .because("view models are tested without a toolkit; javafx.beans/collections only");

    @ArchTest
    static final ArchRule noStandardStreams = noClasses()
            .that().resideOutsideOfPackages("io.mlwb.cli..", "io.mlwb.bench..")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("engines log through SLF4J; only the CLI and the benchmarks print");
}
