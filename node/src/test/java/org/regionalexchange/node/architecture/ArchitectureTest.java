package org.regionalexchange.node.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of STYLE.md, checked on every build. */
class ArchitectureTest {

    static final JavaClasses NODE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.regionalexchange.node");

    @Test
    void protectionPackagesDoNotDependOnCamelOrTheBroker() {
        noClasses().that().resideInAnyPackage("..node.crypto..", "..node.trust..", "..node.envelope..",
                        "..node.failure..", "..node.store..", "..node.audit..", "..node.routing..", "..node.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..",
                        "org.apache.activemq..", "..node.broker..", "..node.app..")
                .check(NODE);
    }

    @Test
    void rulesDoNotReadTheStoreOrTheFeaturesThatUseThem() {
        noClasses().that().resideInAPackage("..node.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("..node.store..", "..node.inbox..",
                        "..node.outbox..", "..node.crypto..", "..node.api..")
                .check(NODE);
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("org.regionalexchange.node.(*)..").should().beFreeOfCycles().check(NODE);
    }

    @Test
    void onlyTheAppPackageWiresEverything() {
        noClasses().that().resideOutsideOfPackage("..node.app..")
                .should().dependOnClassesThat().resideInAPackage("..node.app..").check(NODE);
    }

    @Test
    void theWiringKnowsNeitherTheCommandLineNorTheDemo() {
        noClasses().that().resideInAPackage("..node.app.wiring..")
                .should().dependOnClassesThat().resideInAnyPackage("..node.app.cli..", "..node.app.demo..")
                .check(NODE);
        noClasses().that().resideInAPackage("..node.app.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("..node.app.demo..")
                .check(NODE);
    }
}
