package dev.guidepost.core.internal.jmespath;

/**
 * A JMESPath expression could not be compiled or evaluated, a Kyverno function failed or is not supported by
 * Guidepost, or a {@code {{ }}} variable could not be resolved. The message is Kyverno's where it has one.
 */
public final class JmesPathException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean unknownKey;
    private final boolean unsupported;

    public JmesPathException(String message) {
        this(message, null, false);
    }

    public JmesPathException(String message, Throwable cause) {
        this(message, cause, false);
    }

    JmesPathException(String message, Throwable cause, boolean unknownKey) {
        this(message, cause, unknownKey, false);
    }

    private JmesPathException(String message, Throwable cause, boolean unknownKey, boolean unsupported) {
        super(message, cause, true, !unknownKey);
        this.unknownKey = unknownKey;
        this.unsupported = unsupported;
    }

    /** Guidepost lacks what Kyverno has (a function, quantity arithmetic, references): never a result to trust. */
    static JmesPathException unsupported(String message) {
        return new JmesPathException(message, null, false, true);
    }

    /** True when the failure is a Guidepost limitation rather than the policy's or the data's. */
    public boolean isUnsupported() {
        return unsupported;
    }

    /** An {@code Unknown key "x" in path} error: the expression walked into a map that lacks a key. */
    static JmesPathException unknownKey(String key) {
        return new JmesPathException("Unknown key \"" + key + "\" in path", null, true);
    }

    /** True for Kyverno's {@code NotFoundError} ({@code Unknown key "x" in path}). */
    public boolean isUnknownKey() {
        return unknownKey;
    }
}
