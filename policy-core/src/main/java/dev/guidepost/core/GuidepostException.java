package dev.guidepost.core;

import java.util.List;
import java.util.Optional;

/**
 * A problem with the user's input — a pack, a policy, a manifest or a test file — that stops an operation. The
 * message names the file and line (when known), says what is wrong and what to do next; callers print it as is,
 * without a stack trace.
 */
public class GuidepostException extends RuntimeException {

    private static final long serialVersionUID = 2L;

    private final SourceLocation location;
    private final List<GuidepostException> problems;

    /** A problem whose place is not known (or not a file). */
    public GuidepostException(String message) {
        this(null, message, (Throwable) null);
    }

    /** A problem at a place in a file; the message is prefixed with {@code file:line: }. */
    public GuidepostException(SourceLocation location, String message) {
        this(location, message, (Throwable) null);
    }

    /** A problem at a place in a file (may be null), caused by another exception. */
    public GuidepostException(SourceLocation location, String message, Throwable cause) {
        super(location == null ? message : location + ": " + message, cause);
        this.location = location;
        this.problems = List.of();
    }

    /**
     * One error reporting several problems (every broken file of a pack), so that one run shows every fix: its
     * message and location are the first problem's, followed by the others; {@link #problems()} lists them.
     *
     * @param message  the whole message, naming every problem
     * @param problems the problems, the first one first (at least one)
     */
    public GuidepostException(String message, List<GuidepostException> problems) {
        super(problems.get(0).location().map(l -> l + ": ").orElse("") + message, problems.get(0));
        this.location = problems.get(0).location().orElse(null);
        this.problems = List.copyOf(problems);
    }

    /** Where the problem is, when it is known (the first problem's place for an error reporting several). */
    public Optional<SourceLocation> location() {
        return Optional.ofNullable(location);
    }

    /**
     * Every problem this error reports, each with its own message and location: this error alone, or for an
     * error reporting several problems, each of them in the order reported.
     */
    public List<GuidepostException> problems() {
        return problems.isEmpty() ? List.of(this) : problems;
    }
}
