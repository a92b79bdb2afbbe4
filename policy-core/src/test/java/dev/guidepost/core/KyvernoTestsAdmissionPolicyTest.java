package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Kyverno CLI tests of Kubernetes ValidatingAdmissionPolicies run as {@code kyverno test} runs them offline:
 * bindings select resources by their {@code matchResources}, namespaces are known by the values file's labels,
 * and a policy that does not apply to a resource answers with no rule (counted as excluded).
 */
class KyvernoTestsAdmissionPolicyTest {

    private static final Path TEST = Path.of("src/test/resources/dev/guidepost/core/kyverno-tests/admission-policy");

    @Test
    void evaluatesAdmissionPoliciesThroughTheirBindings() {
        KyvernoTestReport report = KyvernoTests.run(List.of(TEST));

        assertThat(report.problems()).isEmpty();
        assertThat(report.results()).extracting(ExpectationResult::policy, ExpectationResult::resource,
                ExpectationResult::actual, ExpectationResult::status).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("production-replicas", "single", "fail",
                                ExpectationResult.Status.PASSED),
                        org.assertj.core.groups.Tuple.tuple("production-replicas", "redundant", "pass",
                                ExpectationResult.Status.PASSED),
                        org.assertj.core.groups.Tuple.tuple("production-replicas", "experiment", "excluded",
                                ExpectationResult.Status.PASSED));
        assertThat(report.results().get(0).policyKind()).isEqualTo("ValidatingAdmissionPolicy");
        assertThat(report.skippedByFeature()).isEmpty();
    }
}
