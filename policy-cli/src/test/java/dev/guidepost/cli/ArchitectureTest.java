package dev.guidepost.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** policy-cli is a thin adapter: it uses policy-core's public API only. */
@AnalyzeClasses(packages = "dev.guidepost.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyThePublicCoreApi = noClasses().that().resideInAPackage("dev.guidepost.cli..")
            .should().dependOnClassesThat().resideInAPackage("dev.guidepost.core.internal..")
            .because("the CLI and the MCP server are adapters over policy-core's public API");

    @ArchTest
    static final ArchRule mcpToolsDoNotDependOnPicocli = noClasses().that().resideInAPackage("dev.guidepost.cli.mcp..")
            .should().dependOnClassesThat().resideInAPackage("picocli..")
            .because("the MCP tools are independent of the command line");
}
