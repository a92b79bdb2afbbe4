package dev.guidepost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Usage errors exit 2 with a message; help and version exit 0. */
class UsageTest {

    @Test
    void runningOutOfMemoryIsItsOwnExitCodeWithAMessageThatSaysHowMuchHeapToGive() {
        assertThat(GuidepostCli.outOfMemory(new RuntimeException(new java.util.concurrent.ExecutionException(
                new OutOfMemoryError("Java heap space"))))).as("a worker thread's, wrapped").isTrue();
        assertThat(GuidepostCli.outOfMemory(new RuntimeException("other"))).isFalse();
        assertThat(GuidepostCli.OUT_OF_MEMORY).startsWith("error: Java ran out of memory (its heap is ")
                .contains("JAVA_TOOL_OPTIONS=-Xmx2g");
        assertThat(ExitCode.OUT_OF_MEMORY).isNotIn(ExitCode.OK, ExitCode.VIOLATIONS, ExitCode.USAGE,
                ExitCode.NOTHING_CHECKED);
    }

    @Test
    void unknownCommandIsAUsageError() {
        Cli cli = Cli.run("frobnicate");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).contains("frobnicate");
    }

    @Test
    void aMistypedOptionIsOneErrorLineWithSuggestionsAndWhereHelpIsNotTheWholeHelp() {
        Cli cli = Cli.run("check", "--pack", "../samples/pack", "--fromat", "json", "../samples/manifests/good");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).startsWith("error: Unknown option: '--fromat'")
                .contains("Try 'guidepost check --help' for the options.").doesNotContain("Exit codes");
    }

    @Test
    void aMistypedRequiredOptionIsNamedWithItsSuggestionBeforeWhatItLeftMissing() {
        Cli cli = Cli.run("check", "--pak", "../samples/pack", "../samples/manifests/good");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).startsWith("error: unknown option --pak\n").contains("--pack")
                .contains("error: Missing required option: '--pack=PACK'");
    }

    @Test
    void anOutputPathThatIsAFolderSaysSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) {
        Cli cli = Cli.run("check", "--pack", "../samples/pack", "-o", folder.toString(),
                "../samples/manifests/good");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).isEqualTo("error: " + folder + ": Is a directory; check the path\n");
    }

    @Test
    void aPackWithARuleThatDoesNotCompileIsAUsageErrorInEveryCommand(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path policy = dir.resolve("broken.yaml");
        java.nio.file.Files.writeString(policy, """
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: broken}
                spec:
                  description: Names match.
                  match: {kinds: [Pod]}
                  validations:
                    - expression: "object.metadata.name.matchez('x')"
                """);
        for (String[] command : new String[][] {{"list"}, {"explain", "broken"}, {"search", "--words-only", "names"}}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command));
            args.addAll(java.util.List.of("--pack", policy.toString()));
            Cli cli = Cli.run(args.toArray(String[]::new));
            assertThat(cli.exitCode()).as(String.join(" ", command)).isEqualTo(ExitCode.USAGE);
            assertThat(cli.err()).contains("does not compile");
        }
    }

    @Test
    void missingPackIsAUsageError() {
        Cli cli = Cli.run("search", "root");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).contains("--pack");
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Cli cli = Cli.run("--help");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(cli.out()).contains("check", "search", "discover", "explain", "test", "search-eval", "mcp",
                "Exit codes", "3");
    }

    @Test
    void versionIsTheOneReportsAndMcpClientsSee() {
        Cli cli = Cli.run("--version");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(cli.out().strip()).isEqualTo("guidepost " + dev.guidepost.core.BuildInfo.version());
        assertThat(GuidepostCli.VERSION).isEqualTo(dev.guidepost.core.BuildInfo.version()).isNotEqualTo("dev");
    }

    @Test
    void mcpWithAWrongPackExitsTwoBeforeServing() {
        Cli cli = Cli.run("mcp", "--pack", "no/such/pack");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).contains("no/such/pack");
        assertThat(cli.out()).isEmpty();
        assertThat(cli.noStackTrace()).isTrue();
    }
}
