package dev.guidepost.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.guidepost.core.internal.report.Plural;

/**
 * The outcome of checking manifests against a pack: every result (passes included), the exemptions honoured, and
 * the documents that could not be checked. Results are ordered by manifest, then by policy, so reports are stable.
 *
 * @param results          every result
 * @param exemptions       the opt-outs that were honoured (their results are skipped)
 * @param unknownExemptions exemption annotations that name no policy of the pack (they exempt nothing)
 * @param problems         documents that were not checked (unreadable or not Kubernetes objects)
 * @param manifestsChecked how many manifests were checked
 * @param policiesChecked  how many enforceable policies were applied
 */
public record Report(List<Result> results, List<Exemption> exemptions, List<UnknownExemption> unknownExemptions,
        List<ManifestProblem> problems, int manifestsChecked, int policiesChecked) {

    public Report {
        results = List.copyOf(results);
        exemptions = List.copyOf(exemptions);
        unknownExemptions = List.copyOf(unknownExemptions);
        problems = List.copyOf(problems);
    }

    /** The failures and errors. */
    public List<Result> violations() {
        return results.stream().filter(Result::isViolation).toList();
    }

    /** Violations of policies the cluster enforces. */
    public List<Result> enforcedViolations() {
        return results.stream().filter(Result::isEnforcedViolation).toList();
    }

    /** Documents that could not be read at all. */
    public List<ManifestProblem> unreadable() {
        return problems.stream().filter(ManifestProblem::unreadable).toList();
    }

    /** Documents skipped because they are not Kubernetes objects. */
    public List<ManifestProblem> skippedDocuments() {
        return problems.stream().filter(p -> !p.unreadable()).toList();
    }

    /**
     * True when the check should fail a build or a CI step: an enforced policy is violated or a manifest could not
     * be read.
     */
    public boolean failed() {
        return !enforcedViolations().isEmpty() || !unreadable().isEmpty();
    }

    /** True when no manifest was selected by any policy (often a wrong folder). */
    public boolean nothingChecked() {
        return results.isEmpty();
    }

    /**
     * Why {@link #nothingChecked() nothing was checked}, for a warning: no Kubernetes object was read (only
     * skipped or unreadable documents), or no policy selects the manifests that were.
     */
    public String nothingCheckedReason() {
        if (manifestsChecked == 0) {
            return "no Kubernetes object was read" + (problems.isEmpty() ? ""
                    : " (" + Plural.count(problems.size(), "document") + " skipped or unreadable)");
        }
        return "no policy selects any of the " + Plural.count(manifestsChecked, "manifest") + " read";
    }

    /** Result counts by outcome. */
    public Map<Outcome, Long> countsByOutcome() {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0L);
        }
        results.forEach(r -> counts.merge(r.outcome(), 1L, Long::sum));
        return Collections.unmodifiableMap(counts);
    }

    /** Violation counts by severity. */
    public Map<Severity, Long> violationsBySeverity() {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        violations().forEach(r -> counts.merge(r.severity(), 1L, Long::sum));
        return Collections.unmodifiableMap(counts);
    }

    /**
     * A one-line summary, for example
     * {@code 12 manifests, 9 policies, 51 results: 40 passed, 3 failed (2 enforced), 1 error (1 enforced), 5 skipped, 2 not checked; violations by severity: high 3, medium 1; 1 unreadable}.
     * The counts after the colon are of results (one per manifest and policy or rule), not of policies. Errors (a rule that could not be evaluated) count as violations; each "enforced" counts those of its own
     * outcome that belong to Enforce policies; rules left unchecked ({@link Result#isNotChecked()}) are counted
     * apart from the other skips.
     */
    public String summary() {
        Map<Outcome, Long> counts = countsByOutcome();
        long notChecked = results.stream().filter(Result::isNotChecked).count();
        StringBuilder out = new StringBuilder();
        long enforcedErrors = enforcedViolations().stream().filter(r -> r.outcome() == Outcome.ERROR).count();
        out.append(Plural.count(manifestsChecked, "manifest")).append(", ")
                .append(Plural.count(policiesChecked, "policy", "policies")).append(", ")
                .append(Plural.count(results.size(), "result")).append(": ")
                .append(counts.get(Outcome.PASS)).append(" passed, ")
                .append(counts.get(Outcome.FAIL)).append(" failed (")
                .append(enforcedViolations().size() - enforcedErrors).append(" enforced), ")
                .append(Plural.count(counts.get(Outcome.ERROR), "error"))
                .append(enforcedErrors == 0 ? "" : " (" + enforcedErrors + " enforced)").append(", ")
                .append(counts.get(Outcome.SKIP) - notChecked).append(" skipped");
        if (notChecked > 0) {
            out.append(", ").append(notChecked).append(" not checked");
        }
        Map<Severity, Long> bySeverity = violationsBySeverity();
        if (!bySeverity.isEmpty()) {
            out.append("; violations by severity: ").append(bySeverity.entrySet().stream()
                    .sorted(Map.Entry.<Severity, Long>comparingByKey().reversed())
                    .map(e -> e.getKey().label() + " " + e.getValue()).collect(Collectors.joining(", ")));
        }
        long byAnnotation = exemptions.stream().filter(e -> !e.byPolicyException()).count();
        if (byAnnotation > 0) {
            out.append("; ").append(Plural.count(byAnnotation, "exemption"))
                    .append(" (Guidepost's only: the cluster's Kyverno policies still apply, so record a Kyverno "
                            + "PolicyException there if the cluster must admit the resource)");
        }
        long byException = exemptions.size() - byAnnotation;
        if (byException > 0) {
            out.append("; ").append(Plural.count(byException, "exemption")).append(" by a PolicyException (the "
                    + "cluster admits ").append(byException == 1 ? "it" : "them").append(" too)");
        }
        if (!unknownExemptions.isEmpty()) {
            out.append("; ").append(Plural.count(unknownExemptions.size(), "exemption annotation"))
                    .append(" naming no policy");
        }
        long unreadable = unreadable().size();
        if (unreadable > 0) {
            out.append("; ").append(unreadable).append(" unreadable");
        }
        long skipped = skippedDocuments().size();
        if (skipped > 0) {
            out.append("; ").append(Plural.count(skipped, "document not a Kubernetes object",
                    "documents not Kubernetes objects"));
        }
        return out.toString();
    }
}
