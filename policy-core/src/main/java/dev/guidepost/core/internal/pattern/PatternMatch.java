package dev.guidepost.core.internal.pattern;

/**
 * The result of matching a resource against one validation pattern, as Kyverno's engine classifies it.
 *
 * @param status  pass; skip when a condition or global anchor did not hold; fail with the path that did not
 *                match; error when no path can be named (an anchor key the resource lacks, an array shorter than
 *                the pattern)
 * @param message Kyverno's text for what went wrong (empty on pass)
 * @param path    the failing path, such as {@code /spec/containers/0/image/} (empty unless fail)
 */
public record PatternMatch(Status status, String message, String path) {

    /** How the pattern matched. */
    public enum Status {
        PASS, FAIL, SKIP, ERROR
    }

    static final PatternMatch PASS = new PatternMatch(Status.PASS, "", "");
}
