package dev.guidepost.core;

import java.util.Optional;

/**
 * A problem with the user's input — a pack, a policy, a manifest or a test file — that stops an operation. The
 * message names the file and line (when known), says what is wrong and what to do next; callers print it as is,
 * without a stack trace.
 */
public class GuidepostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SourceLocation location;

    public GuidepostException(String message) {
        this(null, message, null);
    }

    public GuidepostException(SourceLocation location, String message) {
        this(location, message, null);
    }

    public GuidepostException(SourceLocation location, String message, Throwable cause) {
        super(location == null ? message : location + ": " + message, cause);
        this.location = location;
    }

    /** Where the problem is, when it is known. */
    public Optional<SourceLocation> location() {
        return Optional.ofNullable(location);
    }
}
