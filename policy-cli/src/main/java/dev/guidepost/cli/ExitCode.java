package dev.guidepost.cli;

/** The exit codes of the {@code guidepost} command, a contract for scripts and CI. */
final class ExitCode {

    /** Everything is fine (Audit and Warn violations included). */
    static final int OK = 0;
    /** An Enforce policy is violated, a manifest could not be read, or a test failed. */
    static final int VIOLATIONS = 1;
    /** Wrong usage or configuration (unknown path, invalid pack or policy). */
    static final int USAGE = 2;
    /** {@code check --fail-if-nothing-checked}: no manifest was selected by any policy. */
    static final int NOTHING_CHECKED = 3;
    /** The JVM ran out of memory: not a finding, so a gate can tell it from one. */
    static final int OUT_OF_MEMORY = 4;

    private ExitCode() {
    }
}
