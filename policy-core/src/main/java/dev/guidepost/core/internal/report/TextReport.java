package dev.guidepost.core.internal.report;

import java.util.List;

import dev.guidepost.core.Exemption;
import dev.guidepost.core.ManifestProblem;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.Report;
import dev.guidepost.core.ReportOptions;
import dev.guidepost.core.Result;
import dev.guidepost.core.UnknownExemption;

/**
 * The human-readable report: one block per result that is not a pass ({@code file:line}, {@code Kind/ns/name},
 * policy id and title, message, remediation), then unreadable and skipped documents, exemptions and the summary
 * line. Colour (ANSI) is optional.
 */
public final class TextReport {

    private final boolean color;
    private final ReportOptions options;

    public TextReport(boolean color) {
        this(color, ReportOptions.defaults());
    }

    /** A text report with paths relative to the options' base folder and known violations marked. */
    public TextReport(boolean color, ReportOptions options) {
        this.color = color;
        this.options = options;
    }

    /** Renders the report. */
    public String render(Report report) {
        StringBuilder out = new StringBuilder();
        for (Result result : blockingFirst(report.results())) {
            if (result.outcome() == Outcome.PASS || result.outcome() == Outcome.SKIP) {
                continue;
            }
            block(result, out);
        }
        for (ManifestProblem problem : report.unreadable()) {
            out.append(unreadable(problem)).append('\n');
        }
        for (ManifestProblem problem : report.skippedDocuments()) {
            out.append(skipped(problem));
        }
        List<Result> notChecked = report.results().stream().filter(Result::isNotChecked).toList();
        notChecked.forEach(result -> out.append(notChecked(result)));
        List<Exemption> exemptions = report.exemptions();
        for (Exemption exemption : exemptions) {
            out.append(exempt(exemption));
        }
        report.unknownExemptions().forEach(unknown -> out.append(unknownExemption(unknown)));
        if (!report.skippedDocuments().isEmpty() || !exemptions.isEmpty() || !notChecked.isEmpty()
                || !report.unknownExemptions().isEmpty()) {
            out.append('\n');
        }
        out.append(report.summary()).append('\n');
        return out.toString();
    }

    /**
     * The results with the violations of Enforce policies (what the cluster rejects) first, each group in report
     * order, so the findings that block a deploy are read before the Audit and Warn advice.
     */
    public static List<Result> blockingFirst(List<Result> results) {
        return results.stream().sorted(Result.BLOCKING_FIRST).toList();
    }

    /** One result as a block of lines. */
    public String block(Result result) {
        StringBuilder out = new StringBuilder();
        block(result, out);
        return out.toString();
    }

    /** An unreadable document as a block of lines. */
    public String unreadable(ManifestProblem problem) {
        return paint(RED, "UNREADABLE") + ' ' + clean(options.display(problem.location())) + '\n' + "  "
                + clean(options.displayMessage(problem.message())) + '\n';
    }

    /** A document that is not a Kubernetes object to check (or a Kustomize file), as one line. */
    public String skipped(ManifestProblem problem) {
        return paint(DIM, "SKIPPED") + ' ' + clean(options.display(problem.location())) + ": "
                + clean(options.displayMessage(problem.message())) + '\n';
    }

    /** A rule Guidepost could not evaluate, as one line. */
    public String notChecked(Result result) {
        return paint(DIM, "NOT CHECKED") + ' ' + clean(options.display(result.location()) + " " + result.resource()
                + ' ' + result.policyId() + (result.rule().isEmpty() ? "" : "/" + result.rule()) + ": "
                + result.message().substring(Result.NOT_CHECKED.length())) + '\n';
    }

    /** An exemption annotation that names no policy, as one line. */
    public String unknownExemption(UnknownExemption unknown) {
        return paint(YELLOW, "UNKNOWN EXEMPTION") + ' ' + clean(options.display(unknown.location()) + " "
                + unknown.resource() + ": " + unknown.describe()) + '\n';
    }

    /** An exemption as one line. */
    public String exempt(Exemption exemption) {
        return paint(DIM, "EXEMPT") + ' ' + clean(options.display(exemption.location()) + " "
                + exemption.resource() + " from " + exemption.policyId() + ": " + exemption.reason()) + '\n';
    }

    /** A violation the baseline knows, as one line. */
    public String known(Result result) {
        return paint(DIM, "KNOWN") + ' ' + clean(options.display(result.location()) + " " + result.resource() + ' '
                + result.policyId() + " (in the baseline): " + result.message()) + '\n';
    }

    private void block(Result result, StringBuilder out) {
        if (options.baseline().contains(result)) {
            out.append(known(result));
            return;
        }
        String label = switch (result.outcome()) {
            case FAIL -> result.isEnforcedViolation() ? paint(RED, "FAIL") : paint(YELLOW, result.action().name());
            case ERROR -> paint(RED, "ERROR");
            default -> result.outcome().name();
        };
        out.append(label).append(' ').append(clean(options.display(result.location()))).append("  ").append(paint(
                BOLD, clean(result.resource().toString()))).append('\n');
        out.append("  policy:  ").append(result.policyId()).append(" — ").append(result.policyTitle())
                .append(" [").append(result.severity().label()).append(", ").append(result.action().label())
                .append(']').append('\n');
        if (!result.rule().isEmpty()) {
            out.append("  rule:    ").append(result.rule()).append('\n');
        }
        out.append("  message: ").append(clean(result.message())).append('\n');
        if (!result.remediation().isEmpty()) {
            out.append("  fix:     ").append(result.remediation()).append('\n');
        }
        out.append('\n');
    }

    /**
     * Text from manifests and files, safe for a terminal and a log: control characters (an escape sequence, a
     * carriage return or line break that would forge a line) are shown escaped.
     */
    static String clean(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // C0 and C1 controls, and the line separators and bidirectional marks that can reorder what is shown
            boolean control = c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f || c == 0x2028 || c == 0x2029
                    || c >= 0x200e && c <= 0x200f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069;
            if (control && out == null) {
                out = new StringBuilder(text.substring(0, i));
            }
            if (out != null) {
                if (control) {
                    out.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static final String RED = "\u001B[31m";
    private static final String YELLOW = "\u001B[33m";
    private static final String BOLD = "\u001B[1m";
    private static final String DIM = "\u001B[2m";
    private static final String RESET = "\u001B[0m";

    private String paint(String code, String text) {
        return color ? code + text + RESET : text;
    }
}
