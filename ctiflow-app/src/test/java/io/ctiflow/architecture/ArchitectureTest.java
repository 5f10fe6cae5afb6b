package io.ctiflow.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package graph of the production classes: no cycles (so each layer can become a module of its own), and the
 * building blocks a Camel user depends on never reach up into the application (CLI, runtime assembly, console).
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.ctiflow");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.ctiflow.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void stixCoreDependsOnNoOtherCtiflowLayer() {
        noClasses().that().resideInAPackage("io.ctiflow.stix..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.ctiflow.stix..", "java..", "javax..", "com.fasterxml..",
                        "org.slf4j..", "com.networknt..", "org.yaml..")
                .check(classes);
    }

    @Test
    void pipelineTypesSitJustAboveStix() {
        noClasses().that().resideInAPackage("io.ctiflow.pipeline..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ctiflow.feed..", "io.ctiflow.mapping..", "io.ctiflow.policy..",
                        "io.ctiflow.taxii..", "io.ctiflow.ops..", "io.ctiflow.app..", "io.ctiflow.runtime..")
                .check(classes);
    }

    @Test
    void buildingBlocksDoNotDependOnTheApplication() {
        noClasses().that().resideOutsideOfPackages("io.ctiflow.app..", "io.ctiflow.runtime..", "io.ctiflow.console..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ctiflow.app..", "io.ctiflow.runtime..", "io.ctiflow.console..")
                .check(classes);
    }
}
