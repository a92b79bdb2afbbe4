package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A quantity written as a YAML number ({@code cpu: 2}) is valid Kubernetes: the API server hands Kyverno its
 * canonical string, so a check reads it that way instead of failing the policy on a number.
 */
class NumericQuantitiesTest {

    private static final Path FIXTURES = Path.of("src/test/resources/quantities");

    private final Report report = PolicyEngine.of(PolicyPack.load(FIXTURES.resolve("pack")))
            .check(Manifests.load(FIXTURES.resolve("manifests")));

    private List<Result> results(String policy, String pod) {
        return report.results().stream()
                .filter(r -> r.policyId().equals(policy) && r.resource().name().equals(pod)).toList();
    }

    @Test
    void aCpuWrittenAsANumberIsComparedAsTheQuantityTheClusterSees() {
        assertThat(results("cpu-limit-at-most-four", "two-cores-as-a-number")).extracting(Result::outcome)
                .containsExactly(Outcome.PASS);
        Result eight = results("cpu-limit-at-most-four", "eight-cores-as-a-number").get(0);
        assertThat(eight.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(eight.message()).isEqualTo("CPU limits over four cores: 8");
    }

    @Test
    void aFractionWrittenAsANumberBecomesItsCanonicalString() {
        assertThat(results("sidecar-requests-half-a-core", "two-cores-as-a-number")).extracting(Result::outcome)
                .containsExactly(Outcome.PASS);
        assertThat(results("sidecar-requests-half-a-core", "strings-as-written")).extracting(Result::outcome)
                .containsExactly(Outcome.PASS);
    }

    @Test
    void quantitiesWrittenAsStringsAreLeftAsWritten() {
        assertThat(results("cpu-limit-at-most-four", "strings-as-written")).extracting(Result::outcome)
                .containsExactly(Outcome.PASS);
        assertThat(report.results()).noneMatch(r -> r.outcome() == Outcome.ERROR);
    }
}
