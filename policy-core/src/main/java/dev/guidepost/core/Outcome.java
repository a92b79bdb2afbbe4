package dev.guidepost.core;

import java.util.Locale;

/** The verdict of one policy rule on one resource, as Kyverno reports it. */
public enum Outcome {
    /** The resource satisfies the rule. */
    PASS,
    /** The resource violates the rule. */
    FAIL,
    /** The rule does not apply (a precondition or match condition was false, or an exception applied). */
    SKIP,
    /** The rule could not be evaluated (for example a CEL expression failed at run time). */
    ERROR;

    /** The lower-case name Kyverno uses in test files and reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
