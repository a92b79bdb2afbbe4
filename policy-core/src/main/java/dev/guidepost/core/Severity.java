package dev.guidepost.core;

import java.util.Locale;
import java.util.Optional;

/** How serious a violation of a policy is, in Kyverno's vocabulary ({@code policies.kyverno.io/severity}). */
public enum Severity {
    /** Worth fixing when convenient. */
    LOW,
    /** Should be fixed; the default. */
    MEDIUM,
    /** Must be fixed before release. */
    HIGH,
    /** Must be fixed now: a security or compliance breach. */
    CRITICAL;

    /** Parses {@code low|medium|high|critical}, case-insensitively; empty when the text is none of them. */
    public static Optional<Severity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The lower-case name used in YAML and reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is at least {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) >= 0;
    }
}
