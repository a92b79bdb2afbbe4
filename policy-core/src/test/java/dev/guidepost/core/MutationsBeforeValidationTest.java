package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The cluster's Kyverno mutates an object before it validates it (and so do {@code kyverno apply} and
 * {@code kyverno test}): a check applies the pack's mutations first, so a default the cluster sets does not fail
 * the manifest here.
 */
class MutationsBeforeValidationTest {

    private static final Path FIXTURES = Path.of("src/test/resources/mutations");

    private final Report report = PolicyEngine.of(PolicyPack.load(FIXTURES.resolve("pack")))
            .check(Manifests.load(FIXTURES.resolve("manifests")));

    @Test
    void aFieldAClusterPolicyMutationSetsIsValidatedAsSet() {
        assertThat(report.results()).filteredOn(r -> r.policyId().equals("require-non-root"))
                .extracting(r -> r.resource().name(), Result::outcome).containsExactly(
                        tuple("defaulted", Outcome.PASS), tuple("explicit-root", Outcome.FAIL),
                        tuple("web", Outcome.PASS));
    }

    @Test
    void aLabelAMutatingPolicyAddsIsValidatedAsAdded() {
        assertThat(report.results()).filteredOn(r -> r.policyId().equals("require-team-label"))
                .extracting(r -> r.resource().name(), Result::outcome).containsExactly(tuple("settings",
                        Outcome.PASS));
    }

    @Test
    void oneEngineMutatesAndChecksTheSameOnManyThreads() throws Exception {
        PolicyEngine engine = PolicyEngine.of(PolicyPack.load(FIXTURES.resolve("pack")));
        Manifests manifests = Manifests.load(FIXTURES.resolve("manifests"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Report>> reports = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                reports.add(pool.submit(() -> engine.check(manifests)));
            }
            for (java.util.concurrent.Future<Report> r : reports) {
                assertThat(r.get()).isEqualTo(report);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPodRuleWithJsonPatchesInAForeachLeavesAControllersTemplateAsWritten() {
        Path folder = FIXTURES.resolve("pod-json-patch");
        Report deployment = PolicyEngine.of(PolicyPack.load(folder.resolve("policies.yaml")))
                .check(Manifests.load(folder.resolve("deployment.yaml")));

        assertThat(deployment.results()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(r.message()).contains("/spec/template/spec/volumes/0/hostPath/");
        });
    }

    @Test
    void theMutationsThemselvesAreNoResultsOfTheCheck() {
        assertThat(report.results()).extracting(Result::policyId).doesNotContain("add-default-securitycontext",
                "team-label-default");
    }
}
