package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.guidepost.core.ExpectationResult.Status;

/**
 * Runs the Kyverno conformance corpus (the development copy of kyverno/policies' CLI tests, kept outside the
 * repository in {@code ../shared/kyverno-policies}) and holds the CEL results, and all results, to the ratchet in
 * {@code conformance-floor.properties}. Skipped when the corpus is absent (a fresh clone has none).
 */
class ConformanceTest {

    static final Path CORPUS = Path.of("../../shared/kyverno-policies");
    private static final Set<String> CEL_KINDS = Set.of("ValidatingPolicy", "NamespacedValidatingPolicy",
            "ValidatingAdmissionPolicy",
            "ClusterPolicy/cel", "Policy/cel");

    @Test
    void expectationsOfTheCorpusPassByKyvernosRules() throws IOException {
        assumeTrue(Files.isDirectory(CORPUS), "the Kyverno conformance corpus is not at " + CORPUS.toAbsolutePath()
                + "; skipping (it lives outside the repository)");
        Properties floor = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/conformance-floor.properties")) {
            floor.load(in);
        }

        KyvernoTestReport report = KyvernoTests.run(List.of(CORPUS));
        List<ExpectationResult> cel = report.results().stream().filter(r -> CEL_KINDS.contains(r.policyKind()))
                .toList();
        long passed = cel.stream().filter(r -> r.status() == Status.PASSED).count();
        long skipped = cel.stream().filter(r -> r.status() == Status.SKIPPED).count();
        String failures = cel.stream().filter(r -> r.status() == Status.FAILED)
                .map(r -> r.file() + " " + r.policy() + " " + r.resource() + ": " + r.reason())
                .collect(Collectors.joining("\n"));
        System.out.printf("Kyverno conformance (CEL): %d of %d passed, %d skipped; all expectations: %s%n", passed,
                cel.size(), skipped, report.summary());

        assertThat(passed).as("CEL expectations passed; failures:%n%s", failures)
                .isGreaterThanOrEqualTo(Long.parseLong(floor.getProperty("cel.minimumPassed")));
        assertThat(skipped).as("CEL expectations skipped").isLessThanOrEqualTo(
                Long.parseLong(floor.getProperty("cel.maximumSkipped")));
        assertThat((double) passed / cel.size()).as("CEL pass rate; failures:%n%s", failures)
                .isGreaterThanOrEqualTo(Double.parseDouble(floor.getProperty("cel.minimumPassRate")));

        String allFailures = report.results().stream().filter(r -> r.status() == Status.FAILED)
                .map(r -> r.file() + " " + r.policy() + " " + r.rule() + " " + r.resource() + ": " + r.reason())
                .collect(Collectors.joining("\n"));
        assertThat(report.results().stream().filter(r -> r.status() == Status.PASSED).count())
                .as("all expectations passed; failures:%n%s", allFailures)
                .isGreaterThanOrEqualTo(Long.parseLong(floor.getProperty("all.minimumPassed")));
        assertThat(report.results().stream().filter(r -> r.status() == Status.FAILED).count())
                .as("all expectations failed:%n%s", allFailures)
                .isLessThanOrEqualTo(Long.parseLong(floor.getProperty("all.maximumFailed")));
    }
}
