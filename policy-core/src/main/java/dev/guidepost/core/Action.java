package dev.guidepost.core;

import java.util.Locale;
import java.util.Optional;

/**
 * What the cluster does when a policy fails: {@code Enforce} denies the request, {@code Audit} records it,
 * {@code Warn} returns a warning. Maps to Kyverno's {@code validationActions} (Deny, Audit, Warn).
 */
public enum Action {
    /** The request is denied (Kyverno's {@code Deny}): a violation blocks a deploy. */
    ENFORCE,
    /** The request is admitted and the violation recorded in a policy report. */
    AUDIT,
    /** The request is admitted with a warning to the client. */
    WARN;

    /** Parses {@code Enforce|Audit|Warn} and Kyverno's {@code Deny}, case-insensitively. */
    public static Optional<Action> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "enforce":
            case "deny":
                return Optional.of(ENFORCE);
            case "audit":
                return Optional.of(AUDIT);
            case "warn":
                return Optional.of(WARN);
            default:
                return Optional.empty();
        }
    }

    /** The spelling used in pack files: {@code Enforce}, {@code Audit} or {@code Warn}. */
    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
}
