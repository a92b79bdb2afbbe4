package dev.guidepost.junit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** policy-junit is a thin adapter over policy-core's public API. */
@AnalyzeClasses(packages = "dev.guidepost.junit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule usesOnlyTheCorePublicApi = noClasses().that().resideInAPackage("dev.guidepost.junit..")
            .should().dependOnClassesThat().resideInAPackage("dev.guidepost.core.internal..")
            .because("policy-junit adapts policy-core's public API; add a public API to core if something is missing");

    @ArchTest
    static final ArchRule needsNoAssertionLibrary = noClasses().that().resideInAPackage("dev.guidepost.junit..")
            .should().dependOnClassesThat().resideInAnyPackage("org.assertj..", "org.hamcrest..")
            .because("users must not need AssertJ: failures are plain AssertionErrors");

    @ArchTest
    static final ArchRule usesOnlyTheJupiterApi = noClasses().that().resideInAPackage("dev.guidepost.junit..")
            .should().dependOnClassesThat().resideInAnyPackage("org.junit.jupiter.engine..", "org.junit.vintage..")
            .because("it is an extension: it runs on any Jupiter engine, JUnit 5.14 or 6");
}
