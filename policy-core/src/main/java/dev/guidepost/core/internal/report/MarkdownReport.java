package dev.guidepost.core.internal.report;

import java.util.List;
import java.util.Map;

import dev.guidepost.core.Baseline;
import dev.guidepost.core.Exemption;
import dev.guidepost.core.ManifestProblem;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.Report;
import dev.guidepost.core.ReportOptions;
import dev.guidepost.core.Result;
import dev.guidepost.core.Severity;
import dev.guidepost.core.UnknownExemption;
import dev.guidepost.core.Verdict;

/**
 * Markdown for pull-request comments: a headline with the verdict, a summary table (results by outcome, violations
 * by severity), then the violations that count, the warnings, unreadable manifests, the Kustomize files not checked,
 * exemptions and the baseline's known and fixed entries, each with its location, resource, policy, message and fix.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    /** How many Kustomize files the report lists by name. */
    private static final int KUSTOMIZE_LISTED = 20;

    /** Renders the report. */
    public static String render(Report report, ReportOptions options) {
        Verdict verdict = options.verdict(report);
        StringBuilder out = new StringBuilder();
        out.append("## ").append(verdict.failed() ? "❌ Guidepost policy check failed" : "✅ Guidepost policy check "
                + "passed").append("\n\n");
        out.append(escape(verdict.describe().substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                + verdict.describe().substring(1))).append(".\n\n");

        Map<Outcome, Long> counts = report.countsByOutcome();
        List<Result> notChecked = report.results().stream().filter(Result::isNotChecked).toList();
        out.append("| Manifests | Policies | Passed | Failed | Errors | Skipped | Not checked | Known (baseline) "
                + "| Exempted | Unreadable |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        out.append("| ").append(report.manifestsChecked()).append(" | ").append(report.policiesChecked())
                .append(" | ").append(counts.get(Outcome.PASS)).append(" | ").append(counts.get(Outcome.FAIL))
                .append(" | ").append(counts.get(Outcome.ERROR)).append(" | ")
                .append(counts.get(Outcome.SKIP) - notChecked.size()).append(" | ").append(notChecked.size())
                .append(" | ").append(verdict.known().size()).append(" | ").append(report.exemptions().size())
                .append(" | ").append(report.unreadable().size()).append(" |\n\n");

        Map<Severity, Long> bySeverity = report.violationsBySeverity();
        if (!bySeverity.isEmpty()) {
            out.append("| Severity | Violations |\n|---|---:|\n");
            for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
                if (bySeverity.containsKey(s)) {
                    out.append("| ").append(s.label()).append(" | ").append(bySeverity.get(s)).append(" |\n");
                }
            }
            out.append('\n');
        }

        section(out, "Violations", "❌", verdict.counting(), options);
        section(out, "Warnings", "⚠️", verdict.tolerated(), options);
        section(out, "Not checked here (the cluster checks these)", "❔", notChecked, options);
        if (!verdict.unreadable().isEmpty()) {
            out.append("### Unreadable manifests\n\n");
            for (ManifestProblem p : verdict.unreadable()) {
                out.append("- ❌ `").append(code(options.display(p.location()).toString())).append("` (")
                        .append(p.type().label()).append("): ").append(escape(options.displayMessage(p.message())))
                        .append('\n');
            }
            out.append('\n');
        }
        List<ManifestProblem> kustomize = report.skippedDocuments().stream()
                .filter(p -> p.type() == ManifestProblem.Type.KUSTOMIZE).toList();
        if (!kustomize.isEmpty()) {
            // what a reviewer must not take for checked: patches and kustomizations are checked once rendered
            out.append("### Kustomize files not checked (").append(kustomize.size()).append(")\n\n")
                    .append("Kustomizations and the patches they name are not objects; check what `kustomize build` "
                            + "renders.\n\n");
            for (ManifestProblem p : kustomize.stream().limit(KUSTOMIZE_LISTED).toList()) {
                out.append("- ❔ `").append(code(options.display(p.location()).toString())).append("`\n");
            }
            if (kustomize.size() > KUSTOMIZE_LISTED) {
                out.append("- and ").append(kustomize.size() - KUSTOMIZE_LISTED).append(" more\n");
            }
            out.append('\n');
        }
        if (!report.exemptions().isEmpty()) {
            out.append("### Exemptions\n\n");
            for (Exemption e : report.exemptions()) {
                out.append("- `").append(code(options.display(e.location()).toString())).append("` `")
                        .append(code(e.resource().toString())).append("` from **").append(escape(e.policyId()))
                        .append("**: ").append(escape(e.reason())).append('\n');
            }
            out.append('\n');
        }
        if (!verdict.known().isEmpty()) {
            out.append("<details><summary>Known violations in the baseline (").append(verdict.known().size())
                    .append(")</summary>\n\n");
            for (Result r : verdict.known()) {
                out.append("- `").append(code(options.display(r.location()).toString())).append("` `")
                        .append(code(r.resource().toString())).append("` **").append(escape(r.policyId()))
                        .append("**: ").append(escape(r.message())).append('\n');
            }
            out.append("\n</details>\n\n");
        }
        if (!report.unknownExemptions().isEmpty()) {
            out.append("### Exemption annotations that name no policy\n\nThey exempt nothing; fix the policy id:\n\n");
            for (UnknownExemption e : report.unknownExemptions()) {
                out.append("- `").append(code(options.display(e.location()).toString())).append("` `")
                        .append(code(e.resource().toString())).append("` ").append(escape(e.describe())).append('\n');
            }
            out.append('\n');
        }
        entries(out, verdict.fixed(), "### Fixed since the baseline\n\nThese baseline entries no longer match a "
                + "violation; remove them from the baseline:\n\n");
        entries(out, verdict.unseen(), "### Baseline entries not seen\n\nNone of the manifests checked is the "
                + "resource of these entries (removed, or outside the manifests checked); remove them from the "
                + "baseline if the resources are gone:\n\n");
        out.append("<sub>").append(escape(report.summary())).append("</sub>\n");
        return out.toString();
    }

    private static void entries(StringBuilder out, List<Baseline.Entry> entries, String heading) {
        if (entries.isEmpty()) {
            return;
        }
        out.append(heading);
        for (Baseline.Entry e : entries) {
            out.append("- **").append(escape(e.policyId())).append("** on `").append(code(e.resource()))
                    .append("`\n");
        }
        out.append('\n');
    }

    private static void section(StringBuilder out, String title, String icon, List<Result> results,
            ReportOptions options) {
        if (results.isEmpty()) {
            return;
        }
        out.append("### ").append(title).append(" (").append(results.size()).append(")\n\n");
        for (Result r : results) {
            out.append("- ").append(icon).append(" **").append(escape(r.policyId())).append("** — ")
                    .append(escape(r.policyTitle())).append(" (").append(r.severity().label()).append(", ")
                    .append(r.action().label()).append(")  \n")
                    .append("  `").append(code(options.display(r.location()).toString())).append("` `")
                    .append(code(r.resource().toString())).append("`")
                    .append(r.rule().isEmpty() ? "" : " rule `" + code(r.rule()) + "`").append("  \n")
                    .append("  ").append(r.outcome() == Outcome.ERROR ? "Could not be evaluated: " : "")
                    .append(escape(r.message())).append('\n');
            if (!r.remediation().isEmpty()) {
                out.append("  \n  **Fix:** ").append(escape(r.remediation())).append('\n');
            }
        }
        out.append('\n');
    }

    /**
     * Escapes characters that would change Markdown or HTML structure in running text (an entity such as
     * {@code &amp;} stays as written; a link or image in a manifest's text stays text); control characters and
     * bidirectional marks show escaped, as in the text report.
     */
    static String escape(String s) {
        return TextReport.clean(s.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;")
                .replace(">", "&gt;").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
                .replace("`", "\\`").replace("[", "\\[").replace("]", "\\]").replace("~", "\\~")
                .replace("\r", "").replace("\n", " "));
    }

    private static String code(String s) {
        return TextReport.clean(s.replace("`", "'").replace("\r", "").replace("\n", " "));
    }
}
