package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.guidepost.core.ExpectationResult.Status;

class KyvernoTestsTest {

    static final Path SUITES = Path.of("src/test/resources/kyverno-tests");

    private static List<ExpectationResult> run(String suite, boolean strict) {
        return KyvernoTests.run(List.of(SUITES.resolve(suite)), strict).results();
    }

    private static ExpectationResult find(List<ExpectationResult> results, String rule, String resource,
            String expected) {
        return results.stream().filter(r -> r.rule().equals(rule) && r.resource().equals(resource)
                && r.expected().equals(expected)).findFirst().orElseThrow();
    }

    @Test
    void scoresValidatingPolicyExpectationsIncludingAutogen() {
        List<ExpectationResult> results = run("vpol", false);

        assertThat(results).hasSize(9);
        assertThat(find(results, "", "good-pod", "pass").status()).isEqualTo(Status.PASSED);
        assertThat(find(results, "", "team/bad-pod", "fail").status()).isEqualTo(Status.PASSED);
        assertThat(find(results, "", "bad-deploy", "fail").status()).isEqualTo(Status.PASSED);
        assertThat(find(results, "", "good-cron", "pass").status()).isEqualTo(Status.PASSED);
        assertThat(find(results, "", "good-pod", "fail")).satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAILED);
            assertThat(r.actual()).isEqualTo("pass");
            assertThat(r.file()).isEqualTo("kyverno-test.yaml");
            assertThat(r.test()).isEqualTo("vpol-limits");
        });
    }

    @Test
    void aFailureOfAPolicyAnnotatedAsNotScoredIsAWarning() {
        List<ExpectationResult> results = run("unscored", false);

        assertThat(results).hasSize(6);
        assertThat(find(results, "", "unlabelled", "warn").status()).isEqualTo(Status.PASSED);
        assertThat(find(results, "owner", "unlabelled", "warn").status()).isEqualTo(Status.PASSED);
        assertThat(find(results, "owner", "labelled", "pass").status()).isEqualTo(Status.PASSED);
        assertThat(find(results, "app", "unlabelled", "fail").status()).isEqualTo(Status.PASSED);
        assertThat(find(results, "owner", "unlabelled", "fail")).satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAILED);
            assertThat(r.actual()).isEqualTo("warn");
        });
    }

    @Test
    void filesCanBeNamedByThePathTheyWereFoundAtInsteadOfRelativeToTheirFolder() {
        Path vpol = SUITES.resolve("vpol");
        Path file = vpol.resolve("kyverno-test.yaml");

        assertThat(KyvernoTests.runNamingFilesAsFound(List.of(vpol, SUITES), false).results())
                .filteredOn(r -> r.test().equals("vpol-limits")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.file()).isEqualTo(file.toString()));
        assertThat(KyvernoTests.runNamingFilesAsFound(List.of(file), false).results())
                .allSatisfy(r -> assertThat(r.file()).isEqualTo(file.toString()));
        assertThat(KyvernoTests.runNamingFilesAsFound(List.of(vpol, SUITES), false).results())
                .hasSameSizeAs(KyvernoTests.run(List.of(SUITES)).results());
    }

    @Test
    void aRunOverAFolderWithoutTestsSaysThatNothingRan(@org.junit.jupiter.api.io.TempDir Path empty) {
        KyvernoTestReport report = KyvernoTests.run(List.of(empty));

        assertThat(report.nothingRun()).isTrue();
        assertThat(report.successful()).isTrue();
        assertThat(KyvernoTests.run(List.of(SUITES.resolve("vpol"))).nothingRun()).isFalse();
        assertThat(KyvernoTests.found(empty)).isFalse();
        assertThat(KyvernoTests.found(empty.resolve("missing"))).isFalse();
        assertThat(KyvernoTests.found(SUITES)).isTrue();
        assertThat(KyvernoTests.found(SUITES.resolve("vpol/kyverno-test.yaml"))).isTrue();
    }

    @Test
    void aTestFileBelowTwoOfTheFoldersGivenRunsOnce() {
        assertThat(KyvernoTests.run(List.of(SUITES.resolve("vpol"), SUITES.resolve("vpol"), SUITES)).results())
                .hasSameSizeAs(KyvernoTests.run(List.of(SUITES)).results());
    }

    @Test
    void aFailedExpectationIsLocatedAtItsResultsEntry() {
        ExpectationResult wrong = find(run("vpol", false), "", "good-pod", "fail");

        assertThat(wrong.line()).isEqualTo(13);
        assertThat(wrong.location()).hasToString("kyverno-test.yaml:13");
        assertThat(wrong.describe()).startsWith("kyverno-test.yaml:13 test=vpol-limits policy=require-limits ")
                .contains(": expected fail, got pass");
        assertThat(KyvernoTests.run(List.of(SUITES.resolve("vpol"))).toJson())
                .contains("\"line\": 13");
    }

    @Test
    void checkRowsAreLocatedAtTheirChecksEntry() {
        assertThat(run("checks", false)).filteredOn(r -> r.resource().equals("orphan"))
                .extracting(ExpectationResult::line).containsOnly(11);
    }

    @Test
    void aResourceAPlainValidatingPolicyDoesNotSelectIsNotFound() {
        ExpectationResult unrelated = find(run("vpol", false), "", "unrelated", "skip");

        assertThat(unrelated.status()).isEqualTo(Status.FAILED);
        assertThat(unrelated.actual()).isEqualTo("not found");
    }

    @Test
    void aListedResourceNameThatNoResourceHasFailsAsNotFoundWithoutTouchingTheOtherNames() {
        List<ExpectationResult> results = run("vpol", false);

        assertThat(find(results, "", "good-pdo", "pass")).satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAILED);
            assertThat(r.actual()).isEqualTo("not found");
            assertThat(r.line()).isEqualTo(14);
        });
        assertThat(find(results, "", "missing-pod", "pass")).satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAILED);
            assertThat(r.actual()).isEqualTo("not found");
        });
        assertThat(results).filteredOn(r -> r.resource().equals("good-pod") && r.expected().equals("pass"))
                .extracting(ExpectationResult::status).containsOnly(Status.PASSED);
    }

    @Test
    void mutatingPoliciesPatchResourcesWithApplyConfigurationsAndJsonPatches() {
        List<ExpectationResult> results = run("mpol", false);

        assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r.status()).as(r.reason())
                .isEqualTo(Status.PASSED));
        assertThat(find(results, "", "app", "error").reason()).isEmpty();
    }

    @Test
    void mutatingPolicyAutogenPatchesPodControllersThroughTheirPodTemplates() {
        List<ExpectationResult> results = run("mpol-autogen", false);

        assertThat(results).hasSize(4).allSatisfy(r -> assertThat(r.status()).as(r.resource() + ": " + r.reason())
                .isEqualTo(Status.PASSED));
        assertThat(find(results, "", "outer-only", "skip").actual()).isEqualTo("skip");
    }

    @Test
    void scoresClusterPolicyRulesByNameWithAutogenAndPerResourceOperations() {
        List<ExpectationResult> results = run("classic", false);

        assertThat(find(results, "no-latest", "pinned", "pass").status()).isEqualTo(Status.PASSED);
        assertThat(find(results, "no-latest", "floating", "fail").status()).isEqualTo(Status.PASSED);
        assertThat(find(results, "no-latest", "floating-deploy", "fail").status()).isEqualTo(Status.PASSED);
        assertThat(find(results, "update-only", "pinned", "pass").status()).isEqualTo(Status.PASSED);
    }

    @Test
    void anExcludedResourcePassesAsKyvernoCountsItUnlessStrict() {
        ExpectationResult lenient = find(run("classic", false), "no-latest", "kube-system/system", "fail");
        ExpectationResult strict = find(run("classic", true), "no-latest", "kube-system/system", "fail");

        assertThat(lenient.status()).isEqualTo(Status.PASSED);
        assertThat(lenient.actual()).isEqualTo("excluded");
        assertThat(strict.status()).isEqualTo(Status.FAILED);
        assertThat(strict.reason()).contains("--strict");
    }

    @Test
    void evaluatesPatternRulesWithAnchorsAnyPatternAndAutogen() {
        List<ExpectationResult> results = run("patterns", false);

        assertThat(results).hasSize(20);
        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.rule() + " " + r.resource() + ": "
                + r.reason()).isEqualTo(Status.PASSED));
        assertThat(find(results, "latest-needs-always", "good", "skip").actual()).isEqualTo("skip");
        assertThat(find(results, "autogen-cronjob-latest-needs-always", "nightly", "fail").actual())
                .isEqualTo("fail");
    }

    @Test
    void evaluatesDenyForeachPreconditionsAndContextVariablesWithJmesPath() {
        List<ExpectationResult> results = run("legacy", false);

        assertThat(results).hasSize(8);
        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.rule() + " " + r.resource() + ": "
                + r.reason()).isEqualTo(Status.PASSED));
        assertThat(results).extracting(ExpectationResult::actual).containsOnly("pass", "fail");
    }

    @Test
    void mutateRulesPatchInPolicyOrderAndTheirPatchedResourcesAreCompared() {
        List<ExpectationResult> results = run("mutate", false);

        assertThat(results).hasSize(8);
        assertThat(results.subList(0, 7)).allSatisfy(r -> assertThat(r.status()).as(r.policy() + " " + r.resource()
                + ": " + r.reason()).isEqualTo(Status.PASSED));
        assertThat(results).extracting(ExpectationResult::actual).contains("pass", "skip");
        ExpectationResult differs = results.get(7);
        assertThat(differs.status()).isEqualTo(Status.FAILED);
        assertThat(differs.reason()).contains("differs from web-final.yaml at /spec/containers/0/resources");
    }

    @Test
    void generateRulesCreateTheirDataOrCloneAndTheGeneratedResourcesAreCompared() {
        List<ExpectationResult> results = run("generate", false);

        assertThat(results).hasSize(4);
        assertThat(results.get(0)).satisfies(r -> {
            assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED);
            assertThat(r.actual()).isEqualTo("pass");
        });
        assertThat(results.get(1)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.PASSED);
            assertThat(r.reason()).isEqualTo("excluded: no rule answered");
        });
        assertThat(results.get(2)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAILED);
            assertThat(r.reason()).contains("differs from wrong-quota.yaml at /metadata/labels");
        });
        assertThat(results.get(3)).satisfies(r -> {
            assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED);
            assertThat(r.actual()).isEqualTo("pass");
        });
        assertThat(run("generate", true).get(1).status()).isEqualTo(Status.FAILED);
    }

    @Test
    void rulesGuidepostCannotEvaluateAreSkippedWithTheFeature() {
        ExpectationResult manifests = find(run("classic", false), "signed-manifests", "pinned", "pass");

        assertThat(manifests.status()).isEqualTo(Status.SKIPPED);
        assertThat(manifests.reason()).isEqualTo("validate.manifests rules");
    }

    @Test
    void podSecurityRulesAreScoredForPodsControllersAndCronJobs() {
        List<ExpectationResult> results = run("pod-security", false);

        assertThat(results).hasSize(12);
        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.rule() + " " + r.resource() + ": "
                + r.reason()).isEqualTo(Status.PASSED));
        assertThat(results).extracting(ExpectationResult::actual).contains("pass", "fail");
    }

    @Test
    void anUnknownPolicyFailsItsExpectation() {
        ExpectationResult missing = run("classic", false).stream().filter(r -> r.policy().equals("missing-policy"))
                .findFirst().orElseThrow();

        assertThat(missing.status()).isEqualTo(Status.FAILED);
        assertThat(missing.reason()).contains("not in the test's policies");
    }

    @Test
    void valuesGivenForARuleAlsoServeTheRulesAutogenMakesOfIt() {
        List<ExpectationResult> results = run("rule-values", false);

        assertThat(results).extracting(ExpectationResult::resource).containsExactly("web", "api", "report");
        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.resource() + ": " + r.reason())
                .isEqualTo(Status.PASSED));
        assertThat(results).extracting(ExpectationResult::actual).containsOnly("fail");
    }

    @Test
    void aGenerateRuleWithNeitherDataNorCloneGeneratesTheObjectWithOnlyItsKindAndName() {
        List<ExpectationResult> results = run("generate-bare", false);

        assertThat(results).hasSize(2);
        assertThat(results).filteredOn(r -> r.test().equals("generate-bare")).singleElement().satisfies(r -> {
            assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED);
            assertThat(r.actual()).isEqualTo("pass");
        });
        // an expected object with more than that fails, as kyverno test compares the generated resource
        assertThat(results).filteredOn(r -> r.test().equals("generate-bare-wrong-expectation")).singleElement()
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo(Status.FAILED);
                    assertThat(r.reason()).contains("differs from expected.yaml");
                });
    }

    @Test
    void foreachValuesStandInForTheContextEntriesOfEachElementForEveryBlockOrPerBlock() {
        List<ExpectationResult> results = run("foreach-values", false);

        assertThat(results).extracting(ExpectationResult::resource).containsExactlyInAnyOrder("second-blocked",
                "init-blocked");
        // the second container, and only the init container's block, get 'blocked': both Pods fail
        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.resource() + ": " + r.reason())
                .isEqualTo(Status.PASSED));
        assertThat(results).extracting(ExpectationResult::actual).containsOnly("fail");
    }

    @Test
    void aPolicyKyvernoRefusesInBackgroundModeIsSkippedAsTheCliSkipsItWhileOneWithBackgroundOffIsEvaluated() {
        List<ExpectationResult> results = run("background-mode", false);

        assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.PASSED));
        assertThat(results).extracting(ExpectationResult::actual).containsExactly("skip", "skip", "fail");
        assertThat(results.get(0).reason()).contains("invalid policy, which the Kyverno CLI skips")
                .contains("spec/rules[0]/exclude/any[0]/clusterRoles");
        assertThat(results.get(1).reason()).contains("variable {{ request.userInfo.username }} is not allowed");
    }

    @Test
    void anEscapedVariableInAPatternIsComparedAsLiteralTextWithoutItsBackslash() {
        List<ExpectationResult> results = run("escapes", false);

        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.status()).as(r.resource() + ": " + r.reason())
                .isEqualTo(Status.PASSED));
        assertThat(find(results, "template-annotation", "rendered", "fail").reason()).isEmpty();
    }

    @Test
    void contextEntriesAreLoadedWhenAQueryReadsThemSoAnUnreadOneNeitherErrsNorNeedsACluster() {
        List<ExpectationResult> results = run("deferred-context", false);

        assertThat(results).hasSize(7).allSatisfy(r -> assertThat(r.status()).as(r.rule() + ": " + r.reason())
                .isEqualTo(Status.PASSED));
        // the fifth reads its variable only in the body, after preconditions that do not hold; the sixth only in
        // the message of a failure; the last with a || fallback, which a variable left out of the data takes
        assertThat(results).extracting(ExpectationResult::actual).containsExactly("fail", "error", "fail", "fail",
                "skip", "fail", "fail");
    }

    @Test
    void anUpdateSkipsAnEnforceFailureTheOldObjectHadUnlessExistingViolationsAreNotAllowed() {
        List<ExpectationResult> results = run("existing-violations", false);

        assertThat(results).hasSize(7).allSatisfy(r -> assertThat(r.status()).as(r.policy() + "/" + r.rule() + " "
                + r.resource() + ": " + r.reason()).isIn(Status.PASSED, Status.SKIPPED));
        assertThat(results).extracting(ExpectationResult::actual)
                .containsExactly("fail", "skip", "skip", "fail", "fail", "pass", "fail");
    }

    @Test
    void aMutationWhosePatchErrsLeavesAnEmptyObjectThatLaterRulesAndPoliciesDoNotMatch() {
        List<ExpectationResult> results = run("mutate-error", false);

        assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r.status()).as(r.rule() + ": " + r.reason())
                .isEqualTo(Status.PASSED));
        assertThat(results).extracting(ExpectationResult::actual).containsExactly("error", "excluded", "excluded");
    }

    @Test
    void autogenRebuildsAForeachMutationWithoutItsOrderSoControllersGetTheDefaultDescendingOrder() {
        List<ExpectationResult> results = run("autogen-mutate-foreach", false);

        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.status()).as(r.kind() + ": " + r.reason())
                .isEqualTo(Status.PASSED));
    }

    @Test
    void autogenOfLegacyRulesSplitsTheAnnotationWithoutTrimmingAndMovesOnlyRequestObjectPaths() {
        List<ExpectationResult> results = run("autogen-legacy", false);

        assertThat(results).hasSize(4).allSatisfy(r -> assertThat(r.status()).as(r.policy() + " " + r.resource()
                + ": " + r.reason()).isIn(Status.PASSED, Status.SKIPPED));
        assertThat(results).extracting(ExpectationResult::actual).containsExactly("fail", "excluded", "fail", "fail");
    }

    @Test
    void valuesForTheRequestsObjectsChangeWhatAClusterPolicyMatchesAndValidates() {
        List<ExpectationResult> results = run("object-values", false);

        assertThat(results).hasSize(6).allSatisfy(r -> assertThat(r.status()).as(r.rule() + " " + r.resource()
                + ": " + r.reason()).isEqualTo(Status.PASSED));
        assertThat(results).extracting(ExpectationResult::actual)
                .containsExactly("pass", "pass", "fail", "fail", "fail", "pass");
    }

    @Test
    void aResultNamingATargetOfAMutateExistingRuleIsSkippedWhileAnUnknownNameIsNotFound() {
        List<ExpectationResult> results = run("mutate-existing", false);

        assertThat(results).extracting(ExpectationResult::resource)
                .containsExactly("shop/team-token", "shop/no-such-secret");
        assertThat(results.get(0).status()).isEqualTo(Status.SKIPPED);
        assertThat(results.get(0).reason()).contains("mutate existing resources (mutate.targets)");
        assertThat(results.get(1).status()).isEqualTo(Status.FAILED);
        assertThat(results.get(1).actual()).isEqualTo("not found");
    }

    @Test
    void aMisspeltFieldOfTheTestOrOfAResultIsAProblemAtItsLineWithTheFieldMeant() {
        KyvernoTestReport top = KyvernoTests.run(List.of(SUITES.resolve("misspelt-fields/top")));
        KyvernoTestReport result = KyvernoTests.run(List.of(SUITES.resolve("misspelt-fields/result")));
        KyvernoTestReport namespace = KyvernoTests.run(List.of(SUITES.resolve("misspelt-fields/namespace")));

        assertThat(top.successful()).isFalse();
        assertThat(top.results()).isEmpty();
        assertThat(top.problems()).singleElement().asString().startsWith("kyverno-test.yaml:8: unknown field "
                + "'resultz' in the test; did you mean results? The Kyverno CLI reads test files strictly");
        assertThat(result.results()).isEmpty();
        assertThat(result.problems()).singleElement().asString().startsWith("kyverno-test.yaml:10: unknown field "
                + "'polcy' in results[1]; did you mean policy?");
        assertThat(namespace.problems()).singleElement().asString().isEqualTo("kyverno-test.yaml:11: results[0] "
                + "has 'namespace', which the Kyverno CLI does not read (1.19 rejects it); name the resource as "
                + "namespace/name in resources");
    }

    @Test
    void aFieldOfTheWrongTypeIsAProblemAtItsLineNotATestThatChecksNothing() {
        KyvernoTestReport mapping = KyvernoTests.run(List.of(SUITES.resolve("wrong-types/results-mapping")));
        KyvernoTestReport text = KyvernoTests.run(List.of(SUITES.resolve("wrong-types/policies-text")));

        assertThat(mapping.successful()).isFalse();
        assertThat(mapping.problems()).singleElement().asString().startsWith("kyverno-test.yaml:7: results must be "
                + "a list of expected results");
        assertThat(text.successful()).isFalse();
        assertThat(text.problems()).singleElement().asString().isEqualTo("kyverno-test.yaml:5: policies in the "
                + "test must be a list of names ([a.yaml, b.yaml]), not '../../classic/policy.yaml'");
    }

    @Test
    void aResultValueThatIsNoPolicyReportResultFailsSayingWhichValuesThereAre() {
        List<ExpectationResult> results = run("misspelt-fields/result-value", false);

        assertThat(results).extracting(ExpectationResult::status).containsOnly(Status.FAILED);
        assertThat(results).extracting(ExpectationResult::reason).containsExactly(
                "'failed' is no result; write one of pass, fail, warn, error, skip",
                "the result has no 'result'; write one of pass, fail, warn, error, skip");
    }

    @Test
    void aResultNamingAResourceUnderAnotherKindFindsNothing() {
        List<ExpectationResult> results = run("wrong-kind", false);

        assertThat(results).hasSize(2);
        assertThat(results.get(0).status()).isEqualTo(Status.FAILED);
        assertThat(results.get(0).actual()).isEqualTo("not found");
        assertThat(results.get(0).reason()).isEqualTo("no resource named 'bad-deploy' in the test's resources of kind "
                + "Pod (it is a Deployment; a result's kind must be the kind of the resources it names)");
        assertThat(results.get(1).status()).as(results.get(1).reason()).isEqualTo(Status.PASSED);
    }

    @Test
    void aMutatingPolicyInJsonModeAndWhatValidationSaysOfThePayloadsItPatchesAreSkippedNotFailed() {
        List<ExpectationResult> results = run("mpol-json-mode", false);

        assertThat(results).extracting(ExpectationResult::policy).containsExactly("default-region",
                "require-region");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.SKIPPED);
            assertThat(r.reason()).contains("MutatingPolicy in JSON mode (evaluation.mode: JSON)");
        });
    }

    @Test
    void answersResourceLookupsFromTheContextFile() {
        List<ExpectationResult> results = run("context", false);

        assertThat(results).extracting(ExpectationResult::status).containsOnly(Status.PASSED).hasSize(2);
    }

    @Test
    void aTestFileWithoutKindIsAProblemNamingTheFile() {
        KyvernoTestReport report = KyvernoTests.run(List.of(SUITES.resolve("broken")));

        assertThat(report.problems()).singleElement().asString().contains("kyverno-test.yaml")
                .contains("no apiVersion or kind");
        assertThat(report.successful()).isFalse();
    }

    @Test
    void aPolicyThatDoesNotCompileIsAProblemAtTheLineOfTheExpression() {
        KyvernoTestReport report = KyvernoTests.run(List.of(SUITES.resolve("schema/broken-cel")));

        assertThat(report.problems()).singleElement().asString().contains("policy.yaml:14: policy 'pinned-images' "
                + "does not compile: spec.validations[0].expression does not compile");
        assertThat(report.results()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(Status.FAILED));
    }

    @Test
    void aPolicyWithAFieldKyvernoDoesNotKnowFailsItsTestAsTheKyvernoCliRefusesToLoadIt() {
        KyvernoTestReport report = KyvernoTests.run(List.of(SUITES.resolve("schema/unknown-field")));

        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAILED);
            assertThat(r.reason()).contains("could not be loaded", "unknown field 'variables' in spec");
        });
        assertThat(report.problems()).singleElement().asString().contains("policy.yaml:7");
    }

    @Test
    void aPolicyWithAValueKyvernoDoesNotAllowIsLeftOutAndTheOthersOfItsFileStillRun() {
        KyvernoTestReport report = KyvernoTests.run(List.of(SUITES.resolve("schema/disallowed-value")));

        assertThat(expectation(report.results(), "owner-label", "settings", "fail").status())
                .isEqualTo(Status.PASSED);
        assertThat(expectation(report.results(), "team-label", "settings", "pass").status())
                .isEqualTo(Status.FAILED);
        assertThat(report.problems()).singleElement().asString().contains("leaves this policy out",
                "spec.validationFailureAction is 'Enfroce'");
    }

    @Test
    void aGeneratingPolicyPutsWhatItGeneratesInTheGivenNamespaceAndEachFileChecksItsOwnObjects() {
        KyvernoTestReport report = KyvernoTests.run(List.of(SUITES.resolve("gpol")));

        assertThat(report.results()).hasSize(3).allSatisfy(r -> assertThat(r.status()).as(r.reason())
                .isEqualTo(Status.PASSED));
        assertThat(report.results()).extracting(ExpectationResult::actual).containsExactly("pass", "pass",
                "excluded");
    }

    @Test
    void aGeneratingPolicyTemplateSplicesWholeValuePlaceholdersAndInterpolatesTheOthers() {
        KyvernoTestReport report = KyvernoTests.run(List.of(SUITES.resolve("gpol-template")));

        assertThat(report.results()).singleElement().satisfies(r -> assertThat(r.status()).as(r.reason())
                .isEqualTo(Status.PASSED));
    }

    @Test
    void findsTestsInAllFoldersAndSummarises() {
        KyvernoTestReport report = KyvernoTests.run(List.of(SUITES));

        assertThat(report.results()).hasSize(204);
        // broken, three misspelt fields, two wrong types, three schema problems
        assertThat(report.problems()).hasSize(9);
        assertThat(report.summary()).isEqualTo(report.count(Status.PASSED) + " passed, "
                + report.count(Status.FAILED) + " failed, " + report.count(Status.SKIPPED) + " skipped, 9 errors");
        assertThat(report.skippedByFeature()).containsEntry("validate.manifests rules", 1L);
        assertThat(report.results()).extracting(ExpectationResult::file)
                .contains("vpol/kyverno-test.yaml", "classic/kyverno-test.yaml");
    }

    private static ExpectationResult expectation(List<ExpectationResult> results, String policy, String resource,
            String expected) {
        return results.stream().filter(r -> r.policy().equals(policy) && r.resource().equals(resource)
                && r.expected().equals(expected)).findFirst().orElseThrow();
    }

    private static void holds(ExpectationResult result, String actual) {
        assertThat(result.status()).as(result.toString()).isEqualTo(Status.PASSED);
        assertThat(result.actual()).as(result.toString()).isEqualTo(actual);
    }

    @Test
    void validatingAdmissionPolicyBindingsNarrowByTheirOwnMatchResources() {
        List<ExpectationResult> results = run("vap", false);

        holds(expectation(results, "max-replicas", "web-small", "pass"), "pass");
        holds(expectation(results, "max-replicas", "web-large", "fail"), "fail");
        holds(expectation(results, "max-replicas", "batch-large", "skip"), "excluded");
        holds(expectation(results, "prod-only-label", "prod/prod-app", "fail"), "fail");
        holds(expectation(results, "prod-only-label", "web-small", "skip"), "excluded");
        assertThat(expectation(results, "max-replicas", "web-small", "pass").policyKind())
                .isEqualTo("ValidatingAdmissionPolicy");
    }

    @Test
    void validatingAdmissionPolicyParamsComeFromParamResourcesByNameOrSelector() {
        List<ExpectationResult> results = run("vap", false);

        holds(expectation(results, "allowed-teams", "web-small", "pass"), "pass");
        holds(expectation(results, "allowed-teams", "batch-large", "fail"), "fail");
    }

    @Test
    void validatingAdmissionPolicyWithoutBindingUsesItsMatchConstraintsAndMatchConditions() {
        List<ExpectationResult> results = run("vap", false);

        holds(expectation(results, "unbound-check", "web-small", "pass"), "pass");
        holds(expectation(results, "unbound-check", "batch-large", "skip"), "skip");
        holds(expectation(results, "namespace-and-user", "prod/prod-app", "pass"), "pass");
    }

    @Test
    void validatingAdmissionPolicyExpressionsUsingUndeclaredParamsOrAuthorizerAreErrors() {
        List<ExpectationResult> results = run("vap", false);

        holds(expectation(results, "no-param-kind", "web-small", "error"), "error");
        holds(expectation(results, "uses-authorizer", "web-small", "error"), "error");
    }

    @Test
    void jsonModePoliciesEvaluatePayloadsAndResourcesAsDocuments() {
        List<ExpectationResult> results = run("json-payload", false);

        holds(expectation(results, "max-size", "small.json", "pass"), "pass");
        holds(expectation(results, "max-size", "large.json", "fail"), "fail");
        holds(expectation(results, "max-size", "settings", "pass"), "pass");
        holds(expectation(results, "no-debug", "small.json", "skip"), "skip");
        holds(expectation(results, "no-debug", "large.json", "fail"), "fail");
        ExpectationResult k8sMode = expectation(results, "k8s-mode", "small.json", "pass");
        assertThat(k8sMode.status()).isEqualTo(Status.FAILED);
        assertThat(k8sMode.actual()).isEqualTo("not found");
    }

    @Test
    void resultOperationsRunSeparatelyWithTheCliRequestShapes() {
        List<ExpectationResult> results = run("operations", false);

        holds(expectation(results, "keep-protected", "locked", "fail"), "fail");
        holds(expectation(results, "frozen-labels", "locked", "fail"), "fail");
        holds(expectation(results, "frozen-labels", "free", "pass"), "pass");
        holds(expectation(results, "connect-shape", "free", "pass"), "pass");
        assertThat(results.stream().filter(r -> r.policy().equals("keep-protected") && r.resource().equals("free"))
                .map(ExpectationResult::actual)).containsExactlyInAnyOrder("pass", "not found");
    }

    @Test
    void celExceptionsExemptByPolicyNameAndKind() {
        List<ExpectationResult> results = run("exceptions", false);

        holds(expectation(results, "require-owner", "sandbox/no-owner", "skip"), "skip");
        holds(expectation(results, "require-owner", "default/no-owner", "fail"), "fail");
        holds(expectation(results, "require-team", "sandbox/no-owner", "pass"), "pass");
        holds(expectation(results, "require-app", "sandbox/no-owner", "fail"), "fail");
        holds(expectation(results, "allowed-registries", "sandbox/no-owner", "pass"), "pass");
        holds(expectation(results, "allowed-registries", "default/no-owner", "fail"), "fail");
    }

    @Test
    void kyvernoPolicyExceptionsSkipTheRulesTheyNameWhereTheyMatch() {
        List<ExpectationResult> results = run("exceptions", false);
        java.util.function.BiFunction<String, String, ExpectationResult> rule = (name, resource) -> results.stream()
                .filter(r -> r.policy().equals("cel-rules") && r.rule().equals(name)
                        && r.resource().equals(resource)).findFirst().orElseThrow();

        holds(rule.apply("no-latest", "sandbox/no-owner"), "skip");
        holds(rule.apply("no-latest", "default/no-owner"), "fail");
        holds(rule.apply("no-latest", "sandbox/web"), "skip");
        holds(rule.apply("has-labels", "sandbox/no-owner"), "pass");
        holds(rule.apply("has-labels", "default/no-owner"), "skip");
    }

    @Test
    void answersHttpGlobalContextImagesAndNamespacesFromTheTestsMocks() {
        List<ExpectationResult> results = run("mocks", false);

        holds(expectation(results, "team-quota", "app", "pass"), "pass");
        holds(expectation(results, "corp-registry", "app", "pass"), "pass");
        holds(expectation(results, "namespace-env", "app", "pass"), "pass");
        holds(expectation(results, "image-base", "app", "pass"), "pass");
        ExpectationResult filtered = expectation(results, "cluster-list", "app", "pass");
        assertThat(filtered.status()).isEqualTo(Status.SKIPPED);
        assertThat(filtered.reason()).isEqualTo("globalContextEntries JMESPath beyond field paths");
    }

    @Test
    void clusterPolicyUserCriteriaAndNamespaceLabelsComeFromTheUserInfoAndValuesFiles() {
        List<ExpectationResult> results = run("userinfo", false);

        holds(find(results, "admins-only", "settings", "fail"), "fail");
        holds(find(results, "other-users", "settings", "pass"), "excluded");
        holds(find(results, "not-for-dev", "settings", "fail"), "excluded");
        holds(find(results, "prod-namespaces", "settings", "fail"), "fail");
        holds(expectation(results, "who", "settings", "pass"), "pass");
    }

    @Test
    void answersGlobalContextFromTheContextFilesFixturesByProjection() {
        List<ExpectationResult> results = run("context-global-context", false);

        holds(expectation(results, "region-allowed", "in-region", "pass"), "pass");
        holds(expectation(results, "region-allowed", "out-of-region", "fail"), "fail");
        holds(expectation(results, "replica-limit", "in-region", "pass"), "pass");
        ExpectationResult missing = expectation(results, "missing-projection", "in-region", "error");
        holds(missing, "error");
    }

    @Test
    void envoyAndHttpAuthorizationPoliciesAnswerTheirCheckRequestsWithTheFirstResponse() {
        List<ExpectationResult> results = run("authz", false);

        holds(expectation(results, "admins-only", "admin.json", "pass"), "pass");
        holds(expectation(results, "admins-only", "expired.json", "fail"), "fail");
        holds(expectation(results, "admins-only", "anonymous.json", "fail"), "fail");
        // a JWT whose signature does not verify is an error under the default failurePolicy Fail ...
        holds(expectation(results, "admins-only", "forged.json", "error"), "error");
        // ... and a skip under Ignore; a false match condition or no response at all is a skip too
        holds(expectation(results, "forgiving", "admin.json", "skip"), "skip");
        holds(expectation(results, "admins-only", "health.json", "skip"), "skip");
        holds(expectation(results, "team-header", "http-team.json", "pass"), "pass");
        holds(expectation(results, "team-header", "http-none.json", "fail"), "fail");
        holds(expectation(results, "team-header", "http-lowercase.json", "fail"), "fail");
    }

    @Test
    void checksAssertOnEachMatchingRuleResponseWithARowForAssertAndForError() {
        List<ExpectationResult> results = run("checks", false);

        assertThat(results).hasSize(5);
        assertThat(results).filteredOn(r -> r.resource().equals("orphan")).singleElement()
                .satisfies(r -> holds(r, "fail"));
        List<ExpectationResult> owned = results.stream().filter(r -> r.resource().equals("owned")
                && r.policy().equals("require-owner")).toList();
        assertThat(owned).extracting(ExpectationResult::expected, ExpectationResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("check assert", Status.PASSED),
                org.assertj.core.groups.Tuple.tuple("check error", Status.PASSED),
                org.assertj.core.groups.Tuple.tuple("check assert", Status.FAILED));
        assertThat(results).filteredOn(r -> r.status() == Status.SKIPPED).singleElement()
                .satisfies(r -> assertThat(r.reason()).startsWith("checks (kyverno-json"));
    }
}
