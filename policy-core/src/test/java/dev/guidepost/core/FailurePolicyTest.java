package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class FailurePolicyTest {

    private final Report report = CheckFixtures.check(false);

    @Test
    void enforceViolationsFailAndAuditViolationsAreWarningsByDefault() {
        Verdict verdict = FailurePolicy.DEFAULT.judge(report);

        assertThat(verdict.failed()).isTrue();
        assertThat(verdict.counting()).extracting(Result::policyId).containsExactly("require-team-label");
        assertThat(verdict.tolerated()).extracting(Result::policyId).containsExactly("require-readiness-probe");
        assertThat(verdict.describe()).isEqualTo("1 violation fails the check; 1 warning (Audit/Warn policies)");
    }

    @Test
    void aSeverityThresholdAlsoCountsAuditViolationsAtOrAboveIt() {
        Verdict low = FailurePolicy.DEFAULT.withFailOnSeverity(Severity.LOW).judge(report);
        Verdict critical = FailurePolicy.DEFAULT.withFailOnSeverity(Severity.CRITICAL).judge(report);

        assertThat(low.counting()).hasSize(2);
        assertThat(low.describe()).startsWith("2 violations fail the check (1 of Enforce policies, 1 at or above "
                + "severity low)");
        assertThat(critical.counting()).extracting(Result::policyId)
                .as("the threshold never excuses an Enforce violation").containsExactly("require-team-label");
    }

    @Test
    void maxAllowedViolationsToleratesThatMany() {
        assertThat(FailurePolicy.DEFAULT.withMaxAllowedViolations(1).judge(report).failed()).isFalse();
        assertThat(FailurePolicy.DEFAULT.withMaxAllowedViolations(1).withFailOnSeverity(Severity.LOW)
                .judge(report).describe()).contains("more than the 1 allowed");
    }

    @Test
    void failOnViolationFalseReportsOnlyButUnreadableManifestsStillFail() {
        FailurePolicy reportOnly = FailurePolicy.DEFAULT.withFailOnViolation(false);

        assertThat(reportOnly.judge(report).failed()).isFalse();
        Verdict withBroken = reportOnly.judge(CheckFixtures.check(true));
        assertThat(withBroken.failed()).isTrue();
        assertThat(withBroken.describe()).contains("1 manifest could not be read");
    }

    @Test
    void baselinedViolationsDoNotCount() {
        Verdict verdict = FailurePolicy.DEFAULT.judge(report, Baseline.of(report));

        assertThat(verdict.failed()).isFalse();
        assertThat(verdict.known()).hasSize(2);
        assertThat(verdict.describe()).isEqualTo("2 known violations in the baseline");
    }

    @Test
    void parsesSeverityThresholds() {
        assertThat(FailurePolicy.parseSeverity("HIGH")).contains(Severity.HIGH);
        assertThat(FailurePolicy.parseSeverity(" none ")).isEmpty();
        assertThat(FailurePolicy.parseSeverity(null)).isEmpty();
        assertThatThrownBy(() -> FailurePolicy.parseSeverity("severe")).isInstanceOf(GuidepostException.class)
                .hasMessageContaining("use low, medium, high, critical or none");
        assertThatThrownBy(() -> new FailurePolicy(true, Optional.empty(), -1))
                .isInstanceOf(GuidepostException.class);
    }

    @Test
    void consoleEntriesLogFailingViolationsAsErrorsAndAuditOnesAsWarnings() {
        List<ConsoleReport.Entry> entries = ConsoleReport.entries(CheckFixtures.check(true),
                CheckFixtures.options());

        assertThat(entries).filteredOn(e -> e.level() == ConsoleReport.Level.ERROR).extracting(ConsoleReport.Entry::text)
                .anySatisfy(t -> assertThat(t).startsWith("FAIL manifests/legacy.yaml:2  Deployment/shop/legacy")
                        .contains("policy:  require-team-label — Workloads name their team [high, Enforce]")
                        .contains("fix:     Add metadata.labels.team"))
                .anySatisfy(t -> assertThat(t).startsWith("UNREADABLE broken/typo.yaml:"));
        assertThat(entries).filteredOn(e -> e.level() == ConsoleReport.Level.WARNING)
                .extracting(ConsoleReport.Entry::text)
                .singleElement().satisfies(t -> assertThat(t).startsWith("AUDIT manifests/legacy.yaml:2"));
        assertThat(entries).filteredOn(e -> e.level() == ConsoleReport.Level.INFO)
                .extracting(ConsoleReport.Entry::text)
                .anySatisfy(t -> assertThat(t).startsWith("EXEMPT manifests/exempt.yaml:1 Deployment/shop/batch from "
                        + "require-team-label: shared by all teams"))
                .last().satisfies(t -> assertThat(t)
                        .startsWith("3 manifests, 2 policies, 6 results: 3 passed, 2 failed"));
    }

    @Test
    void violationsThatOnlyGetReportedAreWarningsEvenWhenAnUnreadableManifestFailsTheCheck() {
        ReportOptions reportOnly = CheckFixtures.options()
                .withFailurePolicy(new FailurePolicy(false, Optional.empty(), 0));
        List<ConsoleReport.Entry> entries = ConsoleReport.entries(CheckFixtures.check(true), reportOnly);

        assertThat(reportOnly.verdict(CheckFixtures.check(true)).failed()).isTrue();
        assertThat(entries).filteredOn(e -> e.level() == ConsoleReport.Level.ERROR).extracting(ConsoleReport.Entry::text)
                .singleElement().satisfies(t -> assertThat(t).startsWith("UNREADABLE broken/typo.yaml:"));
        assertThat(entries).filteredOn(e -> e.level() == ConsoleReport.Level.WARNING)
                .extracting(ConsoleReport.Entry::text)
                .anySatisfy(t -> assertThat(t).startsWith("FAIL manifests/legacy.yaml:2  Deployment/shop/legacy"));
    }
}
