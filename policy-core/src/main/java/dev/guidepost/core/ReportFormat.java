package dev.guidepost.core;

import java.util.Locale;
import java.util.Optional;

import dev.guidepost.core.internal.report.JsonReport;
import dev.guidepost.core.internal.report.TextReport;

/** The formats a {@link Report} can be written in. */
public enum ReportFormat {
    /** Human-readable blocks per violation and a summary line. */
    TEXT,
    /** Every result as JSON. */
    JSON;

    /** Parses a format name, case-insensitively. */
    public static Optional<ReportFormat> parse(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Renders a report in this format; {@code color} adds ANSI colour to {@link #TEXT} (for a terminal) and is
     * ignored by the other formats.
     */
    public String render(Report report, boolean color) {
        return this == TEXT ? new TextReport(color).render(report) : render(report);
    }

    /** Renders a report in this format (text without colour). */
    public String render(Report report) {
        return switch (this) {
            case TEXT -> new TextReport(false).render(report);
            case JSON -> JsonReport.render(report);
        };
    }
}
