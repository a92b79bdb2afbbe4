package dev.guidepost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code guidepost test}: pack examples scored like kyverno test, JSON through core's public API. */
class TestCommandTest {

    @Test
    void needsSomethingToRun() {
        Cli cli = Cli.run("test");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).contains("give at least one folder or --pack");
    }

    @Test
    void aFolderWithoutTestsIsAnErrorRatherThanAGreenRun(@TempDir Path empty) {
        Cli cli = Cli.run("test", empty.toString());
        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).startsWith("error: no kyverno-test.yaml with results below " + empty);
    }

    @Test
    void aPackWithoutExamplesIsAWarningThatNothingWasTested(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                apiVersion: guidepost.dev/v1alpha1
                kind: Policy
                metadata: {name: two-replicas}
                spec:
                  title: Two replicas
                  description: Deployments run two replicas.
                  match: {kinds: [Deployment]}
                  validations: [{expression: "object.spec.replicas >= 2"}]
                """);
        Cli cli = Cli.run("test", "--pack", policy.toString());
        assertThat(cli.err()).contains("warning: ").contains("has no pass or fail examples and no "
                + "kyverno-test.yaml in its folder, so --pack tested nothing");
    }

    @Test
    void aPackAloneAlsoRunsTheKyvernoTestsKeptInItsFolder(@TempDir Path dir) throws Exception {
        Path pack = Files.createDirectories(dir.resolve("pack"));
        Path tests = Files.createDirectories(pack.resolve("require-app-label/.kyverno-test"));
        Files.writeString(pack.resolve("require-app-label/require-app-label.yaml"), """
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: require-app-label}
                spec:
                  validationFailureAction: Audit
                  rules:
                    - name: app-label
                      match: {any: [{resources: {kinds: [ConfigMap]}}]}
                      validate: {message: "An app label is needed.", pattern: {metadata: {labels: {app: "?*"}}}}
                """);
        Files.writeString(tests.resolve("resources.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: labelled, namespace: shop, labels: {app: shop}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: bare, namespace: shop}
                """);
        Files.writeString(tests.resolve("kyverno-test.yaml"), """
                apiVersion: cli.kyverno.io/v1alpha1
                kind: Test
                metadata: {name: app-label}
                policies: [../require-app-label.yaml]
                resources: [resources.yaml]
                results:
                  - {policy: require-app-label, rule: app-label, kind: ConfigMap, resources: [labelled], result: pass}
                  - {policy: require-app-label, rule: app-label, kind: ConfigMap, resources: [bare], result: fail}
                """);

        Cli cli = Cli.run("test", "--pack", pack.toString());

        assertThat(cli.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(cli.out()).contains("2 passed, 0 failed, 0 skipped");
        assertThat(cli.err()).doesNotContain("tested nothing");
    }

    @Test
    void runsThePackExamplesAndWritesJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("results.json");
        Cli cli = Cli.run("test", "--pack", Cli.PACK, "--json", json.toString());
        assertThat(cli.exitCode()).as(cli.out()).isEqualTo(ExitCode.OK);
        assertThat(cli.out()).containsPattern("\\d+ passed, 0 failed");
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(json));
        assertThat(root.get("results").size()).isPositive();
        assertThat(root.get("results").get(0).get("status").asString()).isEqualTo("passed");
        assertThat(root.get("summary").asString()).contains("0 failed");
    }

    @Test
    void jsonToADashGoesToStandardOutputAloneWithTheSummaryOnStandardError() {
        Cli cli = Cli.run("test", "--pack", Cli.PACK, "--json", "-");

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.OK);
        JsonNode root = JsonMapper.builder().build().readTree(cli.out());
        assertThat(root.get("results").size()).isPositive();
        assertThat(cli.err()).containsPattern("\\d+ passed, 0 failed");
        assertThat(Path.of("-")).doesNotExist();
    }

    @Test
    void aFailedExpectationIsPrintedAndWrittenWithItsLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), """
                apiVersion: policies.kyverno.io/v1
                kind: ValidatingPolicy
                metadata: {name: require-team}
                spec:
                  matchConstraints:
                    resourceRules:
                      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
                  validations:
                    - expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
                """);
        Files.writeString(dir.resolve("resources.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: anonymous}
                """);
        Files.writeString(dir.resolve("kyverno-test.yaml"), """
                apiVersion: cli.kyverno.io/v1alpha1
                kind: Test
                metadata: {name: team}
                policies: [policy.yaml]
                resources: [resources.yaml]
                results:
                  - {policy: require-team, kind: Deployment, resources: [anonymous], result: fail}
                  - {policy: require-team, kind: Deployment, resources: [anonymous], result: pass}
                """);
        Path json = dir.resolve("results.json");

        Cli cli = Cli.run("test", dir.toString(), "--json", json.toString());

        assertThat(cli.exitCode()).as(cli.out()).isEqualTo(ExitCode.VIOLATIONS);
        // the file as seen from the working directory: the folder given, then the file below it
        String file = dir.resolve("kyverno-test.yaml").toString();
        assertThat(cli.out()).contains("FAIL " + file + ":8 test=team policy=require-team resource=anonymous: "
                + "expected pass, got fail").contains("1 passed, 1 failed, 0 skipped");
        JsonNode failed = JsonMapper.builder().build().readTree(Files.readString(json)).get("results").get(1);
        assertThat(failed.get("file").asString()).isEqualTo(file);
        assertThat(failed.get("line").asInt()).isEqualTo(8);
        assertThat(failed.get("status").asString()).isEqualTo("failed");
    }

    /** Three expectations of two rules, the last one wrong on purpose. */
    private static final String TWO_RULE_TESTS = Path.of("src/test/resources/dev/guidepost/cli/two-rule-tests")
            .toString();

    @Test
    void aTestCaseSelectorKeepsTheExpectationsItNamesAsKyvernoTestDoes() {
        Cli all = Cli.run("test", TWO_RULE_TESTS);
        Cli teamRule = Cli.run("test", TWO_RULE_TESTS, "--test-case-selector", "policy=require-labels, rule=team-*");
        Cli oneResource = Cli.run("test", TWO_RULE_TESTS, "-t", "resource=team-only");

        assertThat(all.exitCode()).isEqualTo(ExitCode.VIOLATIONS);
        assertThat(all.out()).contains("3 passed, 1 failed");
        assertThat(teamRule.exitCode()).as(teamRule.out()).isEqualTo(ExitCode.OK);
        assertThat(teamRule.out()).contains("2 passed, 0 failed").doesNotContain("FAIL");
        // written shop/team-only in the test file, selected by its name too
        assertThat(oneResource.exitCode()).isEqualTo(ExitCode.VIOLATIONS);
        assertThat(oneResource.out()).contains("1 passed, 1 failed").contains("resource=shop/team-only");
    }

    @Test
    void aSelectorThatSelectsNothingOrIsMisspeltIsAnError() {
        Cli nothing = Cli.run("test", TWO_RULE_TESTS, "-t", "policy=require-label");
        Cli badKey = Cli.run("test", TWO_RULE_TESTS, "-t", "polcy=require-labels");
        Cli noValue = Cli.run("test", TWO_RULE_TESTS, "-t", "policy");

        assertThat(nothing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(nothing.err()).contains("selects none of the 4 expectations");
        assertThat(badKey.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badKey.err()).contains("'polcy' in 'polcy=require-labels' is not policy, rule or resource");
        assertThat(noValue.err()).contains("'policy' is not KEY=VALUE");
    }

    @Test
    void aMisspeltRuleIsNoticedThoughExpectationsWithoutARulePassEveryRuleSelector() {
        // pack examples name no rule, so they pass any rule=...; the misspelt rule selects no expectation of its own
        Cli cli = Cli.run("test", TWO_RULE_TESTS, "--pack", Cli.PACK, "-t", "rule=team-lable");

        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).contains("--test-case-selector: rule=team-lable selects none of the");
    }

    @Test
    void aQuestionMarkMatchesOneCharacterAndAnEmptySelectorSelectsEverything() {
        Cli oneCharacter = Cli.run("test", TWO_RULE_TESTS, "-t", "rule=team-la?el");
        Cli empty = Cli.run("test", TWO_RULE_TESTS, "-t", "");

        assertThat(oneCharacter.out()).contains("2 passed, 0 failed");
        assertThat(empty.out()).contains("3 passed, 1 failed");
    }

    @Test
    void detailedResultsListEveryExpectationNotOnlyTheFailures() {
        Cli cli = Cli.run("test", TWO_RULE_TESTS, "--detailed-results");

        assertThat(cli.out().lines().filter(line -> line.startsWith("PASS "))).hasSize(3);
        assertThat(cli.out().lines().filter(line -> line.startsWith("FAIL "))).singleElement().asString()
                .contains("rule=app-label resource=shop/team-only: expected pass, got fail");
    }
}
