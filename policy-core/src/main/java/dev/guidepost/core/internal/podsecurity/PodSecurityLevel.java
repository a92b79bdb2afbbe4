package dev.guidepost.core.internal.podsecurity;

/**
 * A Pod Security Standards profile. As in Kyverno's {@code evaluatePSS}, only {@code baseline} narrows the checks to
 * the baseline ones; {@code restricted} (and, literally, {@code privileged}) runs every check.
 */
enum PodSecurityLevel {
    PRIVILEGED, BASELINE, RESTRICTED;

    /** The level named in a rule; any name but baseline and privileged runs every check, as in Kyverno. */
    static PodSecurityLevel parse(String name) {
        return switch (name) {
            case "privileged" -> PRIVILEGED;
            case "baseline" -> BASELINE;
            default -> RESTRICTED;
        };
    }

    /** True when a check of the given level runs at this level. */
    boolean runs(PodSecurityLevel checkLevel) {
        return this != BASELINE || checkLevel == BASELINE;
    }
}
