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

        assertThat(results).hasSize(6);
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
    void aResourceAPlainValidatingPolicyDoesNotSelectIsNotFound() {
        ExpectationResult unrelated = find(run("vpol", false), "", "unrelated", "skip");

        assertThat(unrelated.status()).isEqualTo(Status.FAILED);
        assertThat(unrelated.actual()).isEqualTo("not found");
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
    void rulesGuidepostCannotEvaluateAreSkippedWithTheFeature() {
        ExpectationResult pattern = find(run("classic", false), "labels-pattern", "pinned", "pass");

        assertThat(pattern.status()).isEqualTo(Status.SKIPPED);
        assertThat(pattern.reason()).isEqualTo("validate.pattern rules");
    }

    @Test
    void anUnknownPolicyFailsItsExpectation() {
        ExpectationResult missing = run("classic", false).stream().filter(r -> r.policy().equals("missing-policy"))
                .findFirst().orElseThrow();

        assertThat(missing.status()).isEqualTo(Status.FAILED);
        assertThat(missing.reason()).contains("not in the test's policies");
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
    void findsTestsInAllFoldersAndSummarises() {
        KyvernoTestReport report = KyvernoTests.run(List.of(SUITES));

        assertThat(report.results()).hasSize(15);
        assertThat(report.summary()).isEqualTo(report.count(Status.PASSED) + " passed, "
                + report.count(Status.FAILED) + " failed, " + report.count(Status.SKIPPED) + " skipped");
        assertThat(report.skippedByFeature()).containsEntry("validate.pattern rules", 1L);
        assertThat(report.results()).extracting(ExpectationResult::file)
                .contains("vpol/kyverno-test.yaml", "classic/kyverno-test.yaml");
    }
}
