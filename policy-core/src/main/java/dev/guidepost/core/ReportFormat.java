package dev.guidepost.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.guidepost.core.internal.report.JsonReport;
import dev.guidepost.core.internal.report.JunitReport;
import dev.guidepost.core.internal.report.MarkdownReport;
import dev.guidepost.core.internal.report.SarifReport;
import dev.guidepost.core.internal.report.TextReport;

/** The formats a {@link Report} can be written in, each with its conventional file name. */
public enum ReportFormat {
    /** Human-readable blocks per violation and a summary line. */
    TEXT("report.txt"),
    /** Every result as JSON. */
    JSON("report.json"),
    /** SARIF 2.1.0 for code-scanning UIs: rules are policies, results carry file and line regions. */
    SARIF("report.sarif"),
    /** JUnit XML, so CI servers show policy results as tests: one test case per manifest and policy result. */
    JUNIT("TEST-guidepost.xml"),
    /** Markdown for pull-request comments: a summary table and the violations. */
    MARKDOWN("report.md");

    private final String fileName;

    ReportFormat(String fileName) {
        this.fileName = fileName;
    }

    /** The conventional file name of a report in this format (for example {@code report.sarif}). */
    public String fileName() {
        return fileName;
    }

    /** The name of this format as users write it ({@code text}, {@code json}, ...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every format name, comma-separated in declaration order, for messages that list the valid names. */
    public static String labels() {
        return Arrays.stream(values()).map(ReportFormat::label).collect(Collectors.joining(", "));
    }

    /**
     * Parses a format name ({@link #label()}), ignoring case and surrounding blanks; any other name, an
     * abbreviation or alias included, is empty.
     */
    public static Optional<ReportFormat> parse(String name) {
        String key = name.strip();
        return Arrays.stream(values()).filter(f -> f.label().equalsIgnoreCase(key)).findFirst();
    }

    /**
     * Renders a report in this format with the default options; {@code color} adds ANSI colour to {@link #TEXT}
     * (for a terminal) and is ignored by the other formats.
     */
    public String render(Report report, boolean color) {
        return this == TEXT ? new TextReport(color, ReportOptions.defaults()).render(report) : render(report);
    }

    /** Renders a report in this format (text without colour) with the default options. */
    public String render(Report report) {
        return render(report, ReportOptions.defaults());
    }

    /**
     * Renders a report in this format with options; {@code color} adds ANSI colour to {@link #TEXT} (for a terminal)
     * and is ignored by the other formats.
     */
    public String render(Report report, ReportOptions options, boolean color) {
        return this == TEXT ? new TextReport(color, options).render(report) : render(report, options);
    }

    /** Renders a report in this format (text without colour). */
    public String render(Report report, ReportOptions options) {
        return switch (this) {
            case TEXT -> new TextReport(false, options).render(report);
            case JSON -> JsonReport.render(report, options);
            case SARIF -> SarifReport.render(report, options);
            case JUNIT -> JunitReport.render(report, options);
            case MARKDOWN -> MarkdownReport.render(report, options);
        };
    }
}
