package dev.guidepost.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.guidepost.core.internal.report.TextReport;

/**
 * A check's report as messages with a log level, for build tools that log rather than print: one block per
 * violation ({@code file:line}, {@code Kind/namespace/name}, policy id and title, message, fix), then unreadable
 * and skipped documents, rules Guidepost could not check, exemptions, the baseline's known and fixed entries, and
 * the summary line. Violations that
 * fail the check are errors, the others warnings; everything else is information.
 */
public final class ConsoleReport {

    /** How loudly a message is logged. */
    public enum Level {
        /** A violation that fails the check (by its verdict) or an unreadable manifest. */
        ERROR,
        /** A violation that does not fail it, an unchecked rule of an Enforce policy, an unknown exemption. */
        WARNING,
        /** Everything else: known violations, skipped documents, exemptions honoured, the summary. */
        INFO
    }

    /**
     * One message; it may span several lines (no trailing newline).
     *
     * @param level how loudly to log it
     * @param text  the message
     */
    public record Entry(Level level, String text) {
        public Entry {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(text, "text");
        }

        /** The message's lines. */
        public List<String> lines() {
            return text.lines().toList();
        }
    }

    private ConsoleReport() {
    }

    /** The messages of a report, judged by the options' failure policy and baseline, in the report's order. */
    public static List<Entry> entries(Report report, ReportOptions options) {
        Verdict verdict = options.verdict(report);
        TextReport text = new TextReport(false, options);
        List<Entry> out = new ArrayList<>();
        for (Result result : TextReport.blockingFirst(report.results())) {
            if (!result.isViolation()) {
                continue;
            }
            if (verdict.isKnown(result)) {
                out.add(new Entry(Level.INFO, text.known(result).strip()));
            } else {
                Level level = verdict.counts(result) && verdict.violationsFail() ? Level.ERROR : Level.WARNING;
                out.add(new Entry(level, text.block(result).stripTrailing()));
            }
        }
        for (ManifestProblem problem : report.unreadable()) {
            out.add(new Entry(Level.ERROR, text.unreadable(problem).stripTrailing()));
        }
        for (ManifestProblem problem : report.skippedDocuments()) {
            out.add(new Entry(Level.INFO, text.skipped(problem).strip()));
        }
        for (Result result : report.results()) {
            if (result.isNotChecked()) {
                // a rule of an Enforce policy the cluster checks and this check could not: worth a warning
                out.add(new Entry(result.action() == Action.ENFORCE ? Level.WARNING : Level.INFO,
                        text.notChecked(result).strip()));
            }
        }
        for (Exemption exemption : report.exemptions()) {
            out.add(new Entry(Level.INFO, text.exempt(exemption).strip()));
        }
        for (UnknownExemption unknown : report.unknownExemptions()) {
            out.add(new Entry(Level.WARNING, text.unknownExemption(unknown).strip()));
        }
        for (String line : verdict.baselineCleanup("the baseline", options.policies())) {
            out.add(new Entry(Level.WARNING, line));
        }
        out.add(new Entry(Level.INFO, report.summary()));
        return out;
    }
}
